import type { CoveredListRelease } from '../model/covered-list.js';
import type { CoveredList, Designation, EquipmentCategory } from '../model/designation.js';
import { ids } from '../model/ids.js';
import type { Organisation, OrganisationRole, OwnershipLink, ScriptName } from '../model/organisation.js';
import type { SourceCoveredEntity } from './sources.js';

export const COVERED_LIST_VERSION = '2026.11-1';
export const COVERED_LIST_PUBLISHED_AT = '2026-11-26';
const SOURCE_NOTE =
  'packages/backend/data/sources/covered-entities.json (PortGuard research notes, see SOURCES.md)';

interface EntityProfile {
  readonly id: string;
  readonly country: string;
  readonly roles: readonly OrganisationRole[];
  /** What the entity's own listings (FCC, §889, maritime advisory) cover. */
  readonly categories: readonly EquipmentCategory[];
  /** When a listing names this entity's parent, the designation is attached to that parent. */
  readonly parentForListing?: string;
}

/** Keyed by the legal name in covered-entities.json; a new entry there must be added here (the builder says so). */
const PROFILES: Readonly<Record<string, EntityProfile>> = {
  'Shanghai Zhenhua Heavy Industries Co., Ltd.': {
    id: 'ce-zpmc',
    country: 'CN',
    roles: ['maker', 'supplier'],
    categories: ['sts-crane', 'cargo-handling'],
  },
  'China Communications Construction Company Limited': {
    id: 'ce-cccc',
    country: 'CN',
    roles: ['owner'],
    categories: ['all'],
  },
  'China Communications Construction Group Co., Ltd.': {
    id: 'ce-cccg',
    country: 'CN',
    roles: ['owner'],
    categories: ['all'],
  },
  'State-owned Assets Supervision and Administration Commission of the State Council': {
    id: 'ce-sasac',
    country: 'CN',
    roles: ['state-owner'],
    categories: ['all'],
  },
  'Huawei Technologies Co., Ltd.': {
    id: 'ce-huawei',
    country: 'CN',
    roles: ['maker'],
    categories: ['telecom'],
  },
  'ZTE Corporation': { id: 'ce-zte', country: 'CN', roles: ['maker'], categories: ['telecom'] },
  'Hytera Communications Corporation Limited': {
    id: 'ce-hytera',
    country: 'CN',
    roles: ['maker'],
    categories: ['telecom', 'video-surveillance'],
  },
  'Hangzhou Hikvision Digital Technology Co., Ltd.': {
    id: 'ce-hikvision',
    country: 'CN',
    roles: ['maker'],
    categories: ['video-surveillance', 'telecom'],
  },
  'Zhejiang Dahua Technology Co., Ltd.': {
    id: 'ce-dahua',
    country: 'CN',
    roles: ['maker'],
    categories: ['video-surveillance', 'telecom'],
  },
  'AO Kaspersky Lab': { id: 'ce-kaspersky', country: 'RU', roles: ['maker'], categories: ['all'] },
  'China Mobile International USA Inc.': {
    id: 'ce-china-mobile-usa',
    country: 'US',
    roles: ['supplier'],
    categories: ['telecom'],
    parentForListing: 'ce-china-mobile-group',
  },
  'China Telecom (Americas) Corp.': {
    id: 'ce-china-telecom-americas',
    country: 'US',
    roles: ['supplier'],
    categories: ['telecom'],
    parentForListing: 'ce-china-telecom-group',
  },
  'China Unicom (Americas) Operations Limited': {
    id: 'ce-china-unicom-americas',
    country: 'US',
    roles: ['supplier'],
    categories: ['telecom'],
    parentForListing: 'ce-china-unicom-group',
  },
  'Pacific Networks Corp. and ComNet (USA) LLC': {
    id: 'ce-pacific-networks',
    country: 'US',
    roles: ['supplier'],
    categories: ['telecom'],
  },
  'Nuctech Company Limited': {
    id: 'ce-nuctech',
    country: 'CN',
    roles: ['maker'],
    categories: ['cargo-scanner'],
    parentForListing: 'ce-cnnc',
  },
  'National Public Information Platform for Transportation and Logistics': {
    id: 'ce-logink',
    country: 'CN',
    roles: ['supplier'],
    categories: ['logistics-software'],
  },
  'China COSCO Shipping Corporation Limited': {
    id: 'ce-cosco',
    country: 'CN',
    roles: ['operator'],
    categories: ['all'],
  },
  'Quectel Wireless Solutions Co., Ltd.': {
    id: 'ce-quectel',
    country: 'CN',
    roles: ['maker'],
    categories: ['cellular-module'],
  },
  'SZ DJI Technology Co., Ltd.': {
    id: 'ce-dji',
    country: 'CN',
    roles: ['maker'],
    categories: ['uas', 'video-surveillance'],
  },
  'Autel Robotics Co., Ltd.': { id: 'ce-autel', country: 'CN', roles: ['maker'], categories: ['uas'] },
  'China Electronics Technology Group Corporation': {
    id: 'ce-cetc',
    country: 'CN',
    roles: ['owner'],
    categories: ['all'],
  },
  'China National Nuclear Corporation': {
    id: 'ce-cnnc',
    country: 'CN',
    roles: ['owner'],
    categories: ['all'],
  },
  'Sany Heavy Industry Co., Ltd. (Sany port machinery)': {
    id: 'ce-sany',
    country: 'CN',
    roles: ['maker'],
    categories: ['sts-crane', 'cargo-handling'],
  },
};

/** Owners named in the entries' `parent` text that have no entry of their own. */
const EXTRA_ORGANISATIONS: readonly Organisation[] = [
  {
    id: ids.organisation('ce-tongfang'),
    legalName: 'Tsinghua Tongfang Co., Ltd.',
    aliases: ['Tongfang', 'Tsinghua Tongfang', 'THTF'],
    otherScriptNames: [
      { script: 'Hans', name: '同方股份有限公司' },
      { script: 'Hans', name: '同方股份' },
    ],
    identifiers: {},
    country: 'CN',
    roles: ['owner'],
  },
  {
    id: ids.organisation('ce-prc-ministry-of-transport'),
    legalName: 'Ministry of Transport of the People’s Republic of China',
    aliases: ['PRC Ministry of Transport', 'MOT'],
    otherScriptNames: [
      { script: 'Hans', name: '中华人民共和国交通运输部' },
      { script: 'Hans', name: '交通运输部' },
    ],
    identifiers: {},
    country: 'CN',
    roles: ['state-owner'],
  },
  {
    id: ids.organisation('ce-china-mobile-group'),
    legalName: 'China Mobile Communications Group Co., Ltd.',
    aliases: ['China Mobile', 'China Mobile Communications Group'],
    otherScriptNames: [
      { script: 'Hans', name: '中国移动通信集团有限公司' },
      { script: 'Hans', name: '中国移动通信集团' },
    ],
    identifiers: {},
    country: 'CN',
    roles: ['owner'],
  },
  {
    id: ids.organisation('ce-china-telecom-group'),
    legalName: 'China Telecommunications Corporation',
    aliases: ['China Telecom Group', 'China Telecommunications Corp.'],
    otherScriptNames: [
      { script: 'Hans', name: '中国电信集团有限公司' },
      { script: 'Hans', name: '中国电信集团' },
    ],
    identifiers: {},
    country: 'CN',
    roles: ['owner'],
  },
  {
    id: ids.organisation('ce-china-unicom-group'),
    legalName: 'China United Network Communications Group Co., Ltd.',
    aliases: ['China Unicom', 'China United Network Communications Group'],
    otherScriptNames: [
      { script: 'Hans', name: '中国联合网络通信集团有限公司' },
      { script: 'Hans', name: '中国联通集团' },
    ],
    identifiers: {},
    country: 'CN',
    roles: ['owner'],
  },
];

const link = (
  parent: string,
  child: string,
  control: OwnershipLink['control'],
  source: string,
  percent?: number,
): OwnershipLink => ({
  parentId: ids.organisation(parent),
  childId: ids.organisation(child),
  control,
  source,
  ...(percent === undefined ? {} : { percent }),
});

/** The chains of domain-facts.md §6 "Ownership chains", with the entries' `parent` text as source. */
const LINKS: readonly OwnershipLink[] = [
  link(
    'ce-cccc',
    'ce-zpmc',
    'control',
    'covered-entities.json ZPMC.parent: CCCC controlling shareholder; exact % unknown',
  ),
  link(
    'ce-cccg',
    'ce-cccc',
    'ownership',
    'covered-entities.json CCCC.parent: CCCG about 63.84% (2015), en.ccccltd.cn investor relations',
    63.84,
  ),
  link(
    'ce-sasac',
    'ce-cccg',
    'state-supervision',
    'covered-entities.json CCCG.parent: central SOE supervised by SASAC',
  ),
  link(
    'ce-tongfang',
    'ce-nuctech',
    'subsidiary',
    'covered-entities.json Nuctech.parent: subsidiary of Tsinghua Tongfang (nrc.nl 2021-02-11) [M]',
  ),
  link(
    'ce-cnnc',
    'ce-tongfang',
    'control',
    'covered-entities.json Nuctech.parent: Tongfang taken over by CNNC in 2020 (nrc.nl 2021-02-11) [M]',
  ),
  link('ce-sasac', 'ce-cnnc', 'state-supervision', 'covered-entities.json CNNC.parent: SASAC'),
  link(
    'ce-cetc',
    'ce-hikvision',
    'control',
    'covered-entities.json Hikvision.parent: CETC controlling shareholder [M, memory]',
  ),
  link('ce-sasac', 'ce-cetc', 'state-supervision', 'covered-entities.json CETC.parent: SASAC'),
  link('ce-sasac', 'ce-cosco', 'state-supervision', 'covered-entities.json COSCO.parent: SASAC'),
  link(
    'ce-prc-ministry-of-transport',
    'ce-logink',
    'control',
    'covered-entities.json LOGINK.parent: PRC Ministry of Transport',
  ),
  link(
    'ce-china-mobile-group',
    'ce-china-mobile-usa',
    'subsidiary',
    'covered-entities.json China Mobile International USA.parent',
  ),
  link(
    'ce-china-telecom-group',
    'ce-china-telecom-americas',
    'subsidiary',
    'covered-entities.json China Telecom (Americas).parent',
  ),
  link(
    'ce-china-unicom-group',
    'ce-china-unicom-americas',
    'subsidiary',
    'covered-entities.json China Unicom (Americas).parent',
  ),
];

/** Maps a list name as written in the research notes to the model's list kind. Order matters. */
export function coveredListKind(listName: string): CoveredList {
  const rules: readonly [RegExp, CoveredList][] = [
    [/MARSEC/i, 'uscg-marsec'],
    [/FCC Covered List/i, 'fcc-covered-list'],
    [/§\s*889|\b889\b/, 'ndaa-889'],
    [/1260H|1237/, 'dod-1260h'],
    [/Entity List/i, 'commerce-entity-list'],
    [/Maritime Advisory/i, 'maritime-advisory'],
    [/50309/, 'usc-46-50309'],
    [/Section 301/i, 'section-301'],
    [/House|Congress|Select Committee/i, 'congressional-report'],
  ];
  return rules.find(([re]) => re.test(listName))?.[1] ?? 'other';
}

function categoriesFor(list: CoveredList, profile: EntityProfile): readonly EquipmentCategory[] {
  switch (list) {
    case 'uscg-marsec':
    case 'congressional-report':
      return ['sts-crane'];
    case 'section-301':
      return ['sts-crane', 'cargo-handling'];
    case 'usc-46-50309':
      return ['logistics-software'];
    case 'dod-1260h':
    case 'commerce-entity-list':
    case 'other':
      return ['all'];
    case 'fcc-covered-list':
    case 'ndaa-889':
    case 'maritime-advisory':
      return profile.categories;
  }
}

/** Research dates are YYYY, YYYY-MM or YYYY-MM-DD, sometimes with a remark; the model needs a day. */
export function normaliseListDate(raw: string): { date: string; remark?: string } {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(raw.trim());
  if (!m) throw new Error(`covered-entities.json: list date "${raw}" is not YYYY[-MM[-DD]]`);
  const [, y, mo, d] = m;
  const date = `${y}-${mo ?? '01'}-${d ?? '01'}`;
  const precise = mo !== undefined && d !== undefined && raw.trim().length === 10;
  return precise ? { date } : { date, remark: `date in source: "${raw.trim()}"` };
}

/** Simplified → Traditional for the characters of these names that differ (checked by hand, not a general converter). */
const TRADITIONAL: Readonly<Record<string, string>> = {
  业: '業',
  为: '為',
  产: '產',
  会: '會',
  兴: '興',
  创: '創',
  务: '務',
  华: '華',
  员: '員',
  团: '團',
  国: '國',
  数: '數',
  术: '術',
  机: '機',
  电: '電',
  监: '監',
  视: '視',
  讯: '訊',
  设: '設',
  资: '資',
  输: '輸',
  达: '達',
  运: '運',
  远: '遠',
  动: '動',
  联: '聯',
  网: '網',
  络: '絡',
};

export const toTraditional = (name: string): string => [...name].map((ch) => TRADITIONAL[ch] ?? ch).join('');

/** Simplified names as given, each followed by its Traditional form where that differs. */
function withTraditional(names: readonly ScriptName[]): ScriptName[] {
  return names.flatMap((n) => {
    const hant = n.script === 'Hans' ? toTraditional(n.name) : n.name;
    return hant === n.name ? [n] : [n, { script: 'Hant' as const, name: hant }];
  });
}

function scriptNames(entry: SourceCoveredEntity): ScriptName[] {
  return withTraditional(entry.chinese_names.map((name) => ({ script: 'Hans' as const, name })));
}

/** Builds the covered-entity reference release from the research entries; deterministic. */
export function buildCoveredList(entries: readonly SourceCoveredEntity[]): CoveredListRelease {
  const organisations: Organisation[] = [];
  const candidates: { designation: Designation; viaChild: boolean }[] = [];
  for (const entry of entries) {
    const profile = PROFILES[entry.name];
    if (!profile) {
      throw new Error(
        `covered-entities.json: no id/profile for "${entry.name}"; add it to PROFILES in core/src/dataset/covered-entities.ts`,
      );
    }
    organisations.push({
      id: ids.organisation(profile.id),
      legalName: entry.name,
      aliases: entry.aliases,
      otherScriptNames: scriptNames(entry),
      identifiers: {},
      country: profile.country,
      roles: profile.roles,
    });
    for (const listing of entry.lists) {
      const list = coveredListKind(listing.list);
      const viaChild = /\bparent\b/i.test(listing.list) && profile.parentForListing !== undefined;
      const orgId = viaChild ? (profile.parentForListing as string) : profile.id;
      const { date, remark } = normaliseListDate(listing.date);
      const notes = [
        listing.list,
        `confidence ${entry.confidence}`,
        remark,
        viaChild ? `recorded in the entry for ${entry.name}` : undefined,
      ];
      candidates.push({
        viaChild,
        designation: {
          id: ids.designation(`des-${orgId.replace(/^ce-/, '')}-${list}-${date}`),
          organisationId: ids.organisation(orgId),
          list,
          date,
          citation: listing.citation,
          equipmentCategories: categoriesFor(list, profile),
          note: notes.filter((n): n is string => n !== undefined).join('; '),
        },
      });
    }
  }
  // A parent's own entry wins over the same listing reported through a subsidiary.
  const byId = new Map<string, Designation>();
  for (const c of [...candidates.filter((c) => !c.viaChild), ...candidates.filter((c) => c.viaChild)]) {
    if (!byId.has(c.designation.id)) byId.set(c.designation.id, c.designation);
  }
  organisations.push(
    ...EXTRA_ORGANISATIONS.map((o) => ({ ...o, otherScriptNames: withTraditional(o.otherScriptNames) })),
  );
  organisations.sort((a, b) => a.id.localeCompare(b.id));
  const designations = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    version: COVERED_LIST_VERSION,
    publishedAt: COVERED_LIST_PUBLISHED_AT,
    source: SOURCE_NOTE,
    organisations,
    ownershipLinks: LINKS,
    designations,
  };
}
