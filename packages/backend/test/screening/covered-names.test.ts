import { describe, expect, it } from 'vitest';
import { buildMatchIndex, matchName } from '@portguard/core';
import { coveredReleaseForBench } from '../../src/screening/covered-source.js';
import { loadCoveredNamesCases } from './covered-cases.js';

describe('covered-entity labelled names (covered-names.csv)', () => {
  const { release } = coveredReleaseForBench();
  const index = buildMatchIndex(release.organisations);
  const cases = loadCoveredNamesCases();
  const results = cases.map((c) => ({ ...c, got: matchName(index, c.query).match?.organisationId ?? null }));

  it('has at least 300 labelled queries, decoys included', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(cases.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(100);
  });
  it('misses no listed legal name, alias or Chinese name', () => {
    const misses = results
      .filter((r) => r.canonical && r.got !== r.expected)
      .map((r) => `${r.query} -> ${r.got}`);
    expect(misses).toEqual([]);
  });
  it('finds every name of every listed organisation as that organisation', () => {
    const misses: string[] = [];
    for (const o of release.organisations) {
      for (const name of [o.legalName, ...o.aliases, ...o.otherScriptNames.map((n) => n.name)]) {
        const got = matchName(index, name).match?.organisationId;
        if (got !== o.id) misses.push(`${name} -> ${got ?? 'no match'} (expected ${o.id})`);
      }
    }
    expect(misses).toEqual([]);
  });
  it('reaches F1 >= 0.98', () => {
    const tp = results.filter((r) => r.expected !== null && r.got === r.expected).length;
    const fp = results.filter((r) => r.got !== null && r.got !== r.expected).length;
    const fn = results.filter((r) => r.expected !== null && r.got !== r.expected).length;
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    expect(f1).toBeGreaterThanOrEqual(0.98);
  });
  it('keeps every label pointing at an organisation of the list', () => {
    const known = new Set(release.organisations.map((o) => o.id));
    expect(cases.filter((c) => c.expected !== null && !known.has(c.expected)).map((c) => c.expected)).toEqual(
      [],
    );
  });
});
