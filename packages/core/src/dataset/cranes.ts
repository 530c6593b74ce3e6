import type { CraneSizeClass } from '../model/asset.js';
import type { Provenance } from '../model/provenance.js';
import type { SourceMakerBatch, SourceTerminal } from './sources.js';

export interface KnownMaker {
  readonly orgId: string;
  readonly name: string;
}

/** Maker strings of terminal-cranes.json mapped to organisations; first match wins. */
const MAKERS: readonly [RegExp, KnownMaker][] = [
  [/^ZPMC/i, { orgId: 'ce-zpmc', name: 'ZPMC' }],
  [/Terex|Noell/i, { orgId: 'org-terex-noell', name: 'Terex-Noell' }],
  [/Konecranes/i, { orgId: 'org-konecranes', name: 'Konecranes' }],
  [/Mitsui|Paceco/i, { orgId: 'org-mitsui-paceco', name: 'Mitsui E&S / PACECO' }],
  [/Liebherr/i, { orgId: 'org-liebherr', name: 'Liebherr' }],
  [/Kocks/i, { orgId: 'org-kocks', name: 'Kocks Krane' }],
];

export function knownMaker(raw: string): KnownMaker | undefined {
  if (/^unknown/i.test(raw.trim())) return undefined;
  return MAKERS.find(([re]) => re.test(raw))?.[1];
}

const CLASS_TOKENS: readonly [RegExp, CraneSizeClass][] = [
  [/neo|super[_ ]post[_ -]panamax/i, 'super-post-panamax'],
  [/post[_ -]panamax/i, 'post-panamax'],
  [/(^|[^_ -])panamax/i, 'panamax'],
];

function classOfToken(s: string): CraneSizeClass | undefined {
  return CLASS_TOKENS.find(([re]) => re.test(s))?.[1];
}

/**
 * Size classes of the `count` cranes of one batch, `undefined` where the source gives none.
 * "8 super_post_panamax + 6 post_panamax" and "2 x super_post_panamax + 1 shorter" are split; otherwise the
 * first class named applies to the whole batch (neo_ultra counts as super post-Panamax).
 */
export function batchSizeClasses(sizeClass: string, count: number): (CraneSizeClass | undefined)[] {
  const parts = [
    ...sizeClass.matchAll(/(\d+)\s*(?:x\s*)?(neo_ultra|super_post_panamax|post_panamax|panamax)/g),
  ];
  if (parts.length > 0 && /^\s*\d/.test(sizeClass)) {
    const out: (CraneSizeClass | undefined)[] = [];
    for (const p of parts) {
      const n = Number(p[1]);
      for (let i = 0; i < n && out.length < count; i++) out.push(classOfToken(p[2] ?? ''));
    }
    while (out.length < count) out.push(undefined);
    return out;
  }
  const c = /^\s*(unknown|mixed|mobile|multi-purpose)/.test(sizeClass) ? undefined : classOfToken(sizeClass);
  return Array.from({ length: count }, () => c);
}

export type MakerEvidence = 'sourced' | 'inferred' | 'estimated' | 'none';

/** One STS crane expanded from a terminal record, before ids and provenance are attached. */
export interface CraneDraft {
  readonly batch: SourceMakerBatch | undefined;
  readonly maker: KnownMaker | undefined;
  /** 'sourced' = H/M evidence, 'inferred' = L evidence, 'estimated' = attributed by the share rule. */
  readonly evidence: MakerEvidence;
  readonly sizeClass: CraneSizeClass | undefined;
  readonly year: number | undefined;
  /** Why this crane exists when no batch lists it. */
  readonly derivation?: string;
}

function singleYear(years: string | null | undefined): number | undefined {
  if (!years) return undefined;
  const m = /^\s*((?:19|20)\d\d)\s*$/.exec(years);
  return m ? Number(m[1]) : undefined;
}

/**
 * In-service STS cranes of a record: each in-service batch expanded one per crane; a batch with no count takes
 * the record's `zpmc_inferred_extra` not covered by other L-evidence ZPMC batches; cranes of `sts_cranes` that no
 * batch lists are added with an unknown maker.
 */
export function expandTerminal(record: SourceTerminal): CraneDraft[] {
  const inService = record.makers.filter((m) => m.in_service);
  const out: CraneDraft[] = [];
  const inferredCounted = inService
    .filter((m) => m.count !== null && m.confidence === 'L' && knownMaker(m.maker)?.orgId === 'ce-zpmc')
    .reduce((a, m) => a + (m.count ?? 0), 0);
  for (const batch of inService) {
    const maker = knownMaker(batch.maker);
    const count =
      batch.count ??
      (maker?.orgId === 'ce-zpmc' ? Math.max(0, (record.zpmc_inferred_extra ?? 0) - inferredCounted) : 0);
    const classes = batchSizeClasses(batch.size_class, count);
    const evidence: MakerEvidence =
      maker === undefined ? 'none' : batch.confidence === 'L' ? 'inferred' : 'sourced';
    for (let i = 0; i < count; i++) {
      out.push({ batch, maker, evidence, sizeClass: classes[i], year: singleYear(batch.years) });
    }
  }
  const total = record.sts_cranes ?? 0;
  for (let i = out.length; i < total; i++) {
    out.push({
      batch: undefined,
      maker: undefined,
      evidence: 'none',
      sizeClass: undefined,
      year: undefined,
      derivation: `terminal count ${total} (${record.sts_cranes_kind ?? 'unknown kind'}, as of ${record.as_of ?? 'unknown'}) minus the cranes its maker batches list`,
    });
  }
  if (out.length > total && total > 0) {
    throw new Error(
      `terminal-cranes.json "${record.terminal}": in-service maker batches list ${out.length} cranes but sts_cranes is ${total}`,
    );
  }
  return out;
}

/** The class for cranes whose source gives none: the majority sourced class at the terminal, else post-Panamax. */
export function estimatedClassRule(known: readonly CraneSizeClass[]): {
  sizeClass: CraneSizeClass;
  rule: string;
} {
  const counts = new Map<CraneSizeClass, number>();
  for (const c of known) counts.set(c, (counts.get(c) ?? 0) + 1);
  const order: CraneSizeClass[] = ['super-post-panamax', 'post-panamax', 'panamax'];
  let best: CraneSizeClass | undefined;
  for (const c of order) if ((counts.get(c) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = c;
  if (best) {
    return {
      sizeClass: best,
      rule: `size class not in source: the most common sourced class at this terminal (${best}, ${counts.get(best)} of ${known.length})`,
    };
  }
  return {
    sizeClass: 'post-panamax',
    rule: 'size class not in source and none sourced at this terminal: post-panamax (the conservative middle class)',
  };
}

/**
 * How many unknown-maker cranes of each terminal are attributed to ZPMC at share `s`: the national total is
 * round(s × all unknown-maker cranes); each terminal gets floor(s × its unknown) and the remainder goes to the
 * largest fractional parts (ties: terminal order).
 */
export function apportionShare(unknownPerTerminal: readonly number[], s: number): number[] {
  const exact = unknownPerTerminal.map((u) => u * s);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  const target = Math.round(unknownPerTerminal.reduce((a, b) => a + b, 0) * s);
  let left = target - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - (floors[i] ?? 0) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if ((floors[i] ?? 0) < (unknownPerTerminal[i] ?? 0)) {
      floors[i] = (floors[i] ?? 0) + 1;
      left--;
    }
  }
  return floors;
}

export const zpmcShareRule = (s: number): Provenance => ({
  kind: 'estimated',
  rule:
    `unknown-maker crane attributed to ZPMC at share s = ${s} of unknown-maker cranes ` +
    `(s = 0.18: scenario A, national PRC-made ≈ 205, USCG "just over 200"; s = 0.78: scenario B, House "nearly 80%"); ` +
    'per terminal floor(s × unknown), remainder to the largest fractions; the first unknown cranes of the terminal are chosen',
});
