import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MATCH_THRESHOLD, buildMatchIndex, matchName, scoreNames } from '@portguard/core';
import { loadCoveredNamesCases } from '../test/screening/covered-cases.js';
import { coveredOrganisationsForBench } from '../src/screening/covered-source.js';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
const add = (c: Counts, expected: boolean, predicted: boolean) => {
  if (expected && predicted) c.tp++;
  else if (!expected && predicted) c.fp++;
  else if (expected && !predicted) c.fn++;
  else c.tn++;
};
const prf = (c: Counts) => {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f };
};
const fmt = (c: Counts) => {
  const { p, r, f } = prf(c);
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (tp ${c.tp} fp ${c.fp} fn ${c.fn} tn ${c.tn})`;
};

const dataDir = new URL('./data/', import.meta.url);
type Row = Record<string, string>;
const read = (name: string) =>
  parse(readFileSync(new URL(name, dataDir), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
const cases = read('nomenklatura__name_bench_cases.csv');
const frozen = read('nomenklatura__name_bench_logicv2-frozen.csv');
const key = (r: Row) => `${r.schema}|${r.name1}|${r.name2}`;
const logicV2 = new Map<string, Row>();
for (const r of frozen) logicV2.set(key(r), r);
const threshold = Number(process.env.THRESHOLD ?? MATCH_THRESHOLD);
const groups = {
  company: (r: Row) => r.schema === 'Company',
  organisations: (r: Row) =>
    r.schema === 'Company' || r.schema === 'Organization' || r.schema === 'LegalEntity',
  all: () => true,
} as const;
const ours = Object.fromEntries(Object.keys(groups).map((g) => [g, empty()])) as Record<
  keyof typeof groups,
  Counts
>;
const theirs = Object.fromEntries(Object.keys(groups).map((g) => [g, empty()])) as Record<
  keyof typeof groups,
  Counts
>;
const misses: string[] = [];
const t0 = performance.now();
let shared = 0;
cases.forEach((row) => {
  const ref = logicV2.get(key(row));
  // Compare like with like: only pairs logic-v2 also scored (the frozen run predates 16 of the cases).
  if (!ref) return;
  shared++;
  const expected = row.is_match === 'true';
  const score = scoreNames(row.name1!, row.name2!);
  const predicted = score >= threshold;
  for (const [g, inGroup] of Object.entries(groups) as [keyof typeof groups, (r: Row) => boolean][]) {
    if (!inGroup(row)) continue;
    add(ours[g], expected, predicted);
    add(theirs[g], expected, ref.predicted_match === 'true');
  }
  if (process.env.VERBOSE && expected !== predicted && groups.organisations(row))
    misses.push(
      `${expected ? 'FN' : 'FP'} ${score.toFixed(3)} (v2 ${ref.score}) ${row.name1} | ${row.name2}`,
    );
});
const ms = performance.now() - t0;
console.log(
  `nomenklatura name_bench, ${shared} of ${cases.length} pairs (those in the logic-v2 frozen run), threshold ${threshold} (logic-v2 frozen: its own predicted_match)`,
);
for (const g of Object.keys(groups) as (keyof typeof groups)[]) {
  console.log(`  ${g.padEnd(14)} PortGuard ${fmt(ours[g])}`);
  console.log(`  ${''.padEnd(14)} logic-v2  ${fmt(theirs[g])}`);
}
console.log(`  scored in ${ms.toFixed(0)} ms`);
if (misses.length > 0) console.log(misses.join('\n'));

const index = buildMatchIndex(coveredOrganisationsForBench());
const covered = loadCoveredNamesCases();
const c = empty();
let canonicalMisses = 0;
const coveredErrors: string[] = [];
for (const k of covered) {
  const got = matchName(index, k.query).match?.organisationId ?? null;
  const expected = k.expected;
  if (expected !== null && got === expected) c.tp++;
  else if (got === null && expected === null) c.tn++;
  else {
    if (got !== null) c.fp++;
    if (expected !== null) c.fn++;
    if (expected !== null && k.canonical) canonicalMisses++;
    coveredErrors.push(`  ${k.query} -> ${got ?? '-'} (expected ${expected ?? '-'}; ${k.category})`);
  }
}
console.log(
  `covered-entity names, ${covered.length} labelled queries against ${index.organisations.size} covered organisations`,
);
console.log(`  PortGuard ${fmt(c)}; misses on canonical names/aliases: ${canonicalMisses}`);
if (coveredErrors.length > 0) console.log(coveredErrors.join('\n'));
