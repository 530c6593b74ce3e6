import type { Asset } from '../model/asset.js';
import type { Dataset } from '../model/inventory.js';

/**
 * Which makers are untrusted, for the planner, until Screening provides findings: an organisation is covered
 * when it or any organisation above it through OwnershipLinks (child -> parent) has a Designation. An asset is
 * untrusted when its maker organisation is covered, or its makerName matches the legal name, an alias or an
 * other-script name of a covered organisation after normalisation (case, punctuation, legal-form words).
 */
export interface CoveredIndex {
  /** Covered organisation id -> the chain from it up to the designated organisation (ids). */
  readonly covered: ReadonlyMap<string, readonly string[]>;
  /** Normalised name -> covered organisation id. */
  readonly names: ReadonlyMap<string, string>;
}

export interface UntrustedVerdict {
  readonly untrusted: boolean;
  /** Why, in words (e.g. "maker ce-zpmc, owned through ce-cccc; ce-cccc is designated (dod-1260h)"). */
  readonly reason?: string;
}

const LEGAL_FORMS = new Set([
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'nv',
  'bv',
  'group',
  'holding',
  'holdings',
  'the',
]);

/** Lower case, no punctuation or legal-form words, no spaces: "Z.P.M.C. Co., Ltd." -> "zpmc". */
export function normaliseMakerName(name: string): string {
  const tokens = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\p{P}\p{S}]+/gu, (m) => (m === '.' ? '' : ' '))
    .split(/\s+/)
    .filter((t) => t.length > 0);
  const kept = tokens.filter((t) => !LEGAL_FORMS.has(t));
  return (kept.length > 0 ? kept : tokens).join('');
}

export function buildCoveredIndex(
  dataset: Pick<Dataset, 'organisations' | 'ownershipLinks' | 'designations'>,
): CoveredIndex {
  const designated = new Map<string, string>();
  for (const d of dataset.designations)
    if (!designated.has(d.organisationId)) designated.set(d.organisationId, d.list);
  const parents = new Map<string, string[]>();
  for (const l of dataset.ownershipLinks) {
    const ps = parents.get(l.childId) ?? [];
    ps.push(l.parentId);
    parents.set(l.childId, ps);
  }
  const covered = new Map<string, readonly string[]>();
  const allIds = new Set<string>([
    ...dataset.organisations.map((o) => o.id),
    ...designated.keys(),
    ...parents.keys(),
  ]);
  for (const id of allIds) {
    // Breadth-first up the ownership graph gives the shortest chain; `seen` guards against cycles.
    const queue: string[][] = [[id]];
    const seen = new Set<string>([id]);
    while (queue.length > 0) {
      const chain = queue.shift()!;
      const top = chain[chain.length - 1]!;
      if (designated.has(top)) {
        covered.set(id, chain);
        break;
      }
      for (const p of parents.get(top) ?? []) {
        if (seen.has(p)) continue;
        seen.add(p);
        queue.push([...chain, p]);
      }
    }
  }
  const names = new Map<string, string>();
  for (const o of dataset.organisations) {
    if (!covered.has(o.id)) continue;
    for (const n of [o.legalName, ...o.aliases, ...o.otherScriptNames.map((s) => s.name)]) {
      const key = normaliseMakerName(n);
      if (key.length > 0 && !names.has(key)) names.set(key, o.id);
    }
  }
  return { covered, names };
}

function describe(
  index: CoveredIndex,
  orgId: string,
  designations: Pick<Dataset, 'designations'>['designations'],
): string {
  const chain = index.covered.get(orgId) ?? [orgId];
  const top = chain[chain.length - 1]!;
  const lists = [...new Set(designations.filter((d) => d.organisationId === top).map((d) => d.list))].join(
    ', ',
  );
  return chain.length > 1
    ? `${chain[0]}, owned through ${chain.slice(1).join(' -> ')}; ${top} is designated (${lists})`
    : `${top} is designated (${lists})`;
}

/** Whether an asset's maker is covered, with the reason. Screening will replace this rule. */
export function isUntrustedMaker(
  asset: Pick<Asset, 'makerId' | 'makerName'>,
  index: CoveredIndex,
  designations: Pick<Dataset, 'designations'>['designations'] = [],
): UntrustedVerdict {
  if (asset.makerId !== undefined && index.covered.has(asset.makerId))
    return { untrusted: true, reason: `maker ${describe(index, asset.makerId, designations)}` };
  if (asset.makerName !== undefined) {
    const org = index.names.get(normaliseMakerName(asset.makerName));
    if (org !== undefined)
      return {
        untrusted: true,
        reason: `maker name '${asset.makerName}' matches ${describe(index, org, designations)}`,
      };
  }
  return { untrusted: false };
}
