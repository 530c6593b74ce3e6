import type { FundingProgram } from '../model/funding.js';
import { ids } from '../model/ids.js';
import type { Organisation } from '../model/organisation.js';
import { estimated, sourced } from '../model/provenance.js';
import type { Supplier } from '../model/supplier.js';
import { units } from '../model/units.js';

/** Non-PRC crane makers named in the sources (domain-facts.md §4, terminal-cranes.json). */
export const MAKER_ORGANISATIONS: readonly Organisation[] = [
  {
    id: ids.organisation('org-konecranes'),
    legalName: 'Konecranes Plc',
    aliases: ['Konecranes'],
    otherScriptNames: [],
    identifiers: {},
    country: 'FI',
    roles: ['maker', 'supplier'],
  },
  {
    id: ids.organisation('org-mitsui-paceco'),
    legalName: 'Mitsui E&S Co., Ltd.',
    aliases: ['Mitsui E&S', 'PACECO', 'PACECO Corp.', 'Paceco-Mitsui', 'Mitsui Engineering & Shipbuilding'],
    otherScriptNames: [{ script: 'Jpan', name: '三井E&S' }],
    identifiers: {},
    country: 'JP',
    roles: ['maker', 'supplier'],
  },
  {
    id: ids.organisation('org-liebherr'),
    legalName: 'Liebherr Container Cranes Ltd.',
    aliases: ['Liebherr', 'Liebherr Container Cranes'],
    otherScriptNames: [],
    identifiers: {},
    country: 'IE',
    roles: ['maker', 'supplier'],
  },
  {
    id: ids.organisation('org-hd-hyundai-samho'),
    legalName: 'HD Hyundai Samho Co., Ltd.',
    aliases: ['HD Hyundai Samho', 'Hyundai Samho Heavy Industries'],
    otherScriptNames: [{ script: 'Kore', name: 'HD현대삼호' }],
    identifiers: {},
    country: 'KR',
    roles: ['maker', 'supplier'],
  },
  {
    id: ids.organisation('org-terex-noell'),
    legalName: 'Terex-Noell (Noell Crane Systems)',
    aliases: ['Terex-Noell', 'Noell', 'Noell Crane Systems'],
    otherScriptNames: [],
    identifiers: {},
    country: 'DE',
    roles: ['maker'],
  },
  {
    id: ids.organisation('org-kocks'),
    legalName: 'Kocks Krane GmbH',
    aliases: ['Kocks', 'Kocks Crane'],
    otherScriptNames: [],
    identifiers: {},
    country: 'DE',
    roles: ['maker'],
  },
];

const M = 1_000_000;
const PRICE_RULE =
  'ESTIMATE from U.S. contract prices 2012-2022 (domain-facts.md §3.1: $10-15M super post-Panamax, ~$7-10M post-Panamax); ' +
  'panamax is no longer built new and is priced as the smallest post-Panamax unit; non-PRC makers carry the ~15% premium (WSJ via businessreport.com [M])';
const premium = (usd: number) => units.usd(Math.round((usd * 1.15) / 10_000) * 10_000);

interface SupplierSpec {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly country: string;
  readonly perQuarter: number;
  readonly capacityRule: string;
  readonly lead: { min: number; mode: number; max: number };
}

const TRUSTED: readonly SupplierSpec[] = [
  {
    id: 'sup-mitsui-paceco',
    orgId: 'org-mitsui-paceco',
    name: 'Mitsui E&S / PACECO',
    country: 'JP',
    perQuarter: 2,
    capacityRule:
      'ESTIMATE: Oita plant "capacity-constrained"; ~30 cranes/yr planned with a Vietnamese partner within three years (jakotaindex.com [M]); U.S. program assumed to get 2 STS per quarter',
    lead: { min: 22, mode: 27, max: 33 },
  },
  {
    id: 'sup-konecranes',
    orgId: 'org-konecranes',
    name: 'Konecranes',
    country: 'FI',
    perQuarter: 3,
    capacityRule:
      "ESTIMATE: STS capacity unknown (domain-facts.md §4.2); supplied GPA's fleet in batches of 4, so 3 per quarter assumed for the U.S. program",
    lead: { min: 22, mode: 26, max: 32 },
  },
  {
    id: 'sup-liebherr',
    orgId: 'org-liebherr',
    name: 'Liebherr Container Cranes',
    country: 'IE',
    perQuarter: 2,
    capacityRule:
      'ESTIMATE: capacity unknown; first European-built STS on the U.S. West Coast in 2026 (2 + 2 for TraPac Oakland, seantel.news [M]); 2 per quarter assumed',
    lead: { min: 22, mode: 27, max: 34 },
  },
  {
    id: 'sup-hd-hyundai-samho',
    orgId: 'org-hd-hyundai-samho',
    name: 'HD Hyundai Samho',
    country: 'KR',
    perQuarter: 2,
    capacityRule:
      'ESTIMATE: Korean yards "eyeing the U.S. market" (koreaherald.com [M]); no U.S. STS deliveries yet; 2 per quarter assumed',
    lead: { min: 20, mode: 25, max: 30 },
  },
];

const LEAD_RULE_NON_PRC =
  'ESTIMATE: 18-24 months quoted for ZPMC (Oakland 2019: 18 quoted, ~22 actual [H]; USTR "over two years" [H]); non-PRC makers are capacity-limited, so +4 to +9 months';
const COMMISSIONING_RULE =
  'domain-facts.md §3.4: 2-4 months fully erected (Houston 2022, GPA 2020 [H]); 4-7 months assembled on site (Baltimore 2012 ~7 months [H])';
const INSTALL_RULE =
  'ESTIMATE: VIG 2018 paid $44.8M for 4 ZPMC cranes "including parts, delivery and installation" (~$11.2M each vs ~$10M crane) [H], so ~$1.0M; +20% for non-PRC makers that more often ship in sections';

function offers(premiumApplied: boolean, perQuarter: number): Supplier['offers'] {
  const p = (usd: number) => (premiumApplied ? premium(usd) : units.usd(usd));
  return [
    { sizeClass: 'panamax', priceCents: p(7 * M), capacityPerQuarter: perQuarter },
    { sizeClass: 'post-panamax', priceCents: p(8.5 * M), capacityPerQuarter: perQuarter },
    { sizeClass: 'super-post-panamax', priceCents: p(12.5 * M), capacityPerQuarter: perQuarter },
  ];
}

export function buildSuppliers(): Supplier[] {
  const trusted: Supplier[] = TRUSTED.map((s) => ({
    id: ids.supplier(s.id),
    organisationId: ids.organisation(s.orgId),
    name: s.name,
    country: s.country,
    trusted: true,
    trustReason: `Non-PRC maker (${s.country}); not on any U.S. covered list in the covered-entity release`,
    offers: offers(true, s.perQuarter),
    leadTimeMonths: s.lead,
    deliveryModes: [
      { mode: 'fully-erected', commissioningMonths: { min: 2, mode: 3, max: 4 } },
      { mode: 'knocked-down', commissioningMonths: { min: 4, mode: 5.5, max: 7 } },
    ],
    tariffRate: 0,
    installationCents: units.usd(1.2 * M),
    provenance: {
      offers: estimated(`${PRICE_RULE}. Capacity: ${s.capacityRule}`),
      leadTimeMonths: estimated(LEAD_RULE_NON_PRC),
      deliveryModes: sourced(COMMISSIONING_RULE, 'H'),
      tariffRate: estimated('non-PRC origin: no Section 301 duty on cranes from this country'),
      installationCents: estimated(INSTALL_RULE),
    },
  }));
  const zpmc: Supplier = {
    id: ids.supplier('sup-zpmc'),
    organisationId: ids.organisation('ce-zpmc'),
    name: 'ZPMC (Shanghai Zhenhua Heavy Industries)',
    country: 'CN',
    trusted: false,
    trustReason:
      'PRC state-controlled: ZPMC → CCCC (DoD 1260H, 2020-08-28) → CCCG → SASAC; subject of USCG MARSEC Directives 105-4/105-5 ' +
      '(89 FR 13726; 89 FR 91413), U.S. Maritime Advisory 2024-002 series, and the House Homeland Security / CCP Select Committee report of 2024-09-12',
    offers: offers(false, 12),
    leadTimeMonths: { min: 18, mode: 21, max: 24 },
    deliveryModes: [
      { mode: 'fully-erected', commissioningMonths: { min: 2, mode: 3, max: 4 } },
      { mode: 'knocked-down', commissioningMonths: { min: 4, mode: 5.5, max: 7 } },
    ],
    tariffRate: 0.25,
    installationCents: units.usd(1.0 * M),
    provenance: {
      offers: estimated(
        `${PRICE_RULE}. Capacity: ESTIMATE 12 per quarter (world #1 STS maker; ZPMC USA planned 27 U.S. deliveries to 11 ports in 2019 [M])`,
      ),
      leadTimeMonths: sourced(
        'domain-facts.md §3.2: 18 months quoted, ~22 actual (SSA Oakland 2019-20) [H]; USTR "over two years" [H]',
        'H',
      ),
      deliveryModes: sourced(COMMISSIONING_RULE, 'H'),
      tariffRate: sourced(
        'Section 301 four-year review, 25% on PRC STS cranes from 2024-09-27, 89 FR 76581; the 100% maritime action is suspended from 2025-11-10',
        'H',
      ),
      installationCents: estimated(INSTALL_RULE),
      trusted: sourced('covered-list release 2026.11-1: ce-zpmc designations and ownership chain', 'H'),
    },
  };
  return [...trusted, zpmc];
}

const FISCAL_YEARS = Array.from({ length: 10 }, (_, i) => 2027 + i);

export function buildFundingPrograms(): FundingProgram[] {
  const craneYearly = units.usd(400 * M);
  return [
    {
      id: ids.fundingProgram('fund-sts-crane-replacement'),
      name: 'STS crane replacement program (federal)',
      appropriations: FISCAL_YEARS.map((fiscalYear) => ({ fiscalYear, amountCents: craneYearly })),
      eligibleFacilityKinds: ['port-authority-site', 'container-terminal'],
      eligibleAssetKinds: ['sts-crane'],
      carryOver: true,
      localShare: 0.2,
      provenance: {
        appropriations: estimated(
          'ESTIMATE: the 2024-02-21 announcement of "over $20 billion" for U.S. port infrastructure over five years (White House fact sheet [H]) is $4B a year; ' +
            'a 10% crane-replacement share gives $400M per federal fiscal year, held flat FY2027-FY2036',
        ),
        localShare: estimated('ESTIMATE: 20% local match, as in MARAD PIDP grants for large projects'),
        carryOver: estimated('ESTIMATE: multi-year capital program; unspent funds carry over'),
        eligibleAssetKinds: estimated(
          'ESTIMATE: a crane program pays for cranes, not for the cameras of its sites',
        ),
      },
    },
    {
      id: ids.fundingProgram('fund-cctv-rip-and-replace'),
      name: 'Covered CCTV rip-and-replace for emergency operations centers (FEMA-style grant)',
      appropriations: FISCAL_YEARS.slice(0, 5).map((fiscalYear) => ({
        fiscalYear,
        amountCents: units.usd(5 * M),
      })),
      eligibleFacilityKinds: ['emergency-operations-center', 'government-site', 'port-authority-site'],
      eligibleAssetKinds: ['cctv-camera', 'nvr-vms'],
      carryOver: true,
      localShare: 0.25,
      provenance: {
        appropriations: estimated(
          'ESTIMATE: small preparedness-grant line, $5M per fiscal year FY2027-FY2031, for replacing §889/FCC-covered cameras and recorders',
        ),
        localShare: estimated('ESTIMATE: 25% non-federal cost share, typical of FEMA preparedness grants'),
        carryOver: estimated('ESTIMATE: period of performance spans fiscal years'),
        eligibleFacilityKinds: estimated(
          'ESTIMATE: sites of government and port authorities that keep covered cameras, as in the FEMA-supported removal at emergency operation centers',
        ),
      },
    },
  ];
}
