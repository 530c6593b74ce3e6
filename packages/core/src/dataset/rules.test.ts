import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAPACITY_RULES,
  PEAK_MONTH_SHARE,
  SEASONALITY,
  estimatedBerths,
  horizonGrowth,
  maxBaseDemand,
  utilisationForBerths,
} from './capacity-rules.js';
import { coveredListKind, normaliseListDate, toTraditional } from './covered-entities.js';
import {
  apportionShare,
  batchSizeClasses,
  estimatedClassRule,
  expandTerminal,
  knownMaker,
} from './cranes.js';
import { facilityIdFor, PORT_TABLE } from './port-table.js';
import type { SourceTerminal } from './sources.js';

describe('apportionShare', () => {
  it('attributes round(s × total) cranes, never more than a terminal has', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (unknown, s) => {
          const out = apportionShare(unknown, s);
          const total = unknown.reduce((a, b) => a + b, 0);
          expect(out.reduce((a, b) => a + b, 0)).toBe(Math.round(total * s));
          out.forEach((k, i) => {
            expect(k).toBeGreaterThanOrEqual(0);
            expect(k).toBeLessThanOrEqual(unknown[i] ?? 0);
            expect(Math.abs(k - (unknown[i] ?? 0) * s)).toBeLessThan(1);
          });
        },
      ),
    );
  });
  it('gives the remainder to the largest fractions, ties to the earlier terminal', () => {
    expect(apportionShare([5, 5, 2], 0.3)).toEqual([2, 1, 1]);
  });
});

describe('size classes from source text', () => {
  it('splits counted parts and maps neo_ultra to super post-Panamax', () => {
    expect(batchSizeClasses('8 super_post_panamax (22 rows) + 6 post_panamax (planned)', 14)).toEqual([
      ...Array(8).fill('super-post-panamax'),
      ...Array(6).fill('post-panamax'),
    ]);
    expect(batchSizeClasses('2 x super_post_panamax (22 rows) + 1 shorter', 3)).toEqual([
      'super-post-panamax',
      'super-post-panamax',
      undefined,
    ]);
    expect(batchSizeClasses('neo_ultra (23 wide)', 2)).toEqual(['super-post-panamax', 'super-post-panamax']);
    expect(batchSizeClasses('neo/super post-Panamax', 1)).toEqual(['super-post-panamax']);
    expect(batchSizeClasses('post_panamax (18 rows)', 1)).toEqual(['post-panamax']);
    expect(batchSizeClasses('panamax (11 rows)', 1)).toEqual(['panamax']);
    expect(batchSizeClasses('unknown (65 LT)', 2)).toEqual([undefined, undefined]);
    expect(batchSizeClasses('multi-purpose rail-mounted gantry', 1)).toEqual([undefined]);
  });
  it('estimates a missing class from the terminal majority, else post-Panamax', () => {
    expect(estimatedClassRule(['post-panamax', 'super-post-panamax', 'super-post-panamax']).sizeClass).toBe(
      'super-post-panamax',
    );
    expect(estimatedClassRule([]).sizeClass).toBe('post-panamax');
  });
});

describe('makers and terminal expansion', () => {
  it('maps maker strings to organisations and leaves unknown makers unmapped', () => {
    expect(knownMaker('ZPMC (inferred: delivered on ZPMC heavy-lift vessel)')?.orgId).toBe('ce-zpmc');
    expect(knownMaker('Terex-Noell (original maker; raised/boom-extended by ZPMC 2016-19)')?.orgId).toBe(
      'org-terex-noell',
    );
    expect(knownMaker('Paceco-Mitsui (Japan)')?.orgId).toBe('org-mitsui-paceco');
    expect(knownMaker('unknown (older SCPA cranes raised by ZPMC USA)')).toBeUndefined();
  });
  const record = (over: Partial<SourceTerminal>): SourceTerminal => ({
    port: 'Long Beach',
    terminal: 'T',
    record_type: 'terminal',
    sts_cranes: 14,
    sts_cranes_kind: 'approximate',
    makers: [],
    zpmc_min: 2,
    zpmc_inferred_extra: 5,
    teu_capacity: null,
    teu_throughput: null,
    teu_year: null,
    lat: null,
    lon: null,
    sources: ['x'],
    ...over,
  });
  it('sizes an uncounted inferred ZPMC batch from zpmc_inferred_extra and fills the count with unknown makers', () => {
    const drafts = expandTerminal(
      record({
        makers: [
          {
            maker: 'ZPMC',
            count: 2,
            size_class: 'neo_ultra',
            source: 'a',
            confidence: 'M',
            in_service: true,
          },
          {
            maker: 'ZPMC (inferred)',
            count: null,
            size_class: 'neo_ultra',
            source: 'b',
            confidence: 'L',
            in_service: true,
          },
          {
            maker: 'Mitsui E&S / PACECO',
            count: 2,
            size_class: 'neo_ultra',
            source: 'c',
            confidence: 'H',
            in_service: false,
          },
        ],
      }),
    );
    expect(drafts).toHaveLength(14);
    expect(drafts.filter((d) => d.evidence === 'sourced')).toHaveLength(2);
    expect(drafts.filter((d) => d.evidence === 'inferred')).toHaveLength(5);
    expect(drafts.filter((d) => d.maker === undefined)).toHaveLength(7);
  });
  it('rejects a record whose batches list more cranes than its count', () => {
    expect(() =>
      expandTerminal(
        record({
          sts_cranes: 1,
          makers: [
            { maker: 'ZPMC', count: 2, size_class: 'x', source: 'a', confidence: 'H', in_service: true },
          ],
        }),
      ),
    ).toThrow(/batches list 2 cranes but sts_cranes is 1/);
  });
});

describe('capacity rules', () => {
  it('uses the berth table and keeps seasonality a distribution', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(utilisationForBerths)).toEqual([0.45, 0.45, 0.6, 0.65, 0.7, 0.75, 0.75]);
    expect(estimatedBerths(1)).toBe(1);
    expect(estimatedBerths(34)).toBe(10);
    expect(SEASONALITY.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
  it('caps demand so the base-year peak keeps the margin and the horizon peak fits the fleet', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 1000, max: 30000, noNaN: true }),
        (n, perCrane) => {
          const peakBase = (maxBaseDemand(n, perCrane) * PEAK_MONTH_SHARE) / perCrane;
          expect(peakBase).toBeLessThanOrEqual(CAPACITY_RULES.demandCapShare * n + 1e-9);
          if (n >= 3) expect(peakBase).toBeLessThanOrEqual(n - 1 + 1e-9);
          expect(peakBase * horizonGrowth()).toBeLessThanOrEqual(n + 1e-9);
        },
      ),
    );
  });
});

describe('covered-list mapping', () => {
  it('maps research list names to list kinds', () => {
    expect(coveredListKind('USCG MARSEC Directive 105-4 (PRC-manufactured STS cranes; SSI)')).toBe(
      'uscg-marsec',
    );
    expect(coveredListKind('DoD §1237 / §1260H Chinese military companies')).toBe('dod-1260h');
    expect(coveredListKind('NDAA FY2019 §889')).toBe('ndaa-889');
    expect(coveredListKind('46 U.S.C. 50309: covered logistics platform')).toBe('usc-46-50309');
    expect(
      coveredListKind('House Homeland Security / Select Committee on the CCP joint investigative report'),
    ).toBe('congressional-report');
    expect(coveredListKind('Commerce ICTS final determination banning sales in the U.S.')).toBe('other');
  });
  it('adds Traditional forms of the Simplified names', () => {
    expect(toTraditional('上海振华重工（集团）股份有限公司')).toBe('上海振華重工（集團）股份有限公司');
    expect(toTraditional('三一重工')).toBe('三一重工');
  });
  it('pads partial dates and keeps the original text as a remark', () => {
    expect(normaliseListDate('2021-03-12')).toEqual({ date: '2021-03-12' });
    expect(normaliseListDate('2019-05')).toEqual({ date: '2019-05-01', remark: 'date in source: "2019-05"' });
    expect(normaliseListDate('2016-03 (removed 2017-03)').date).toBe('2016-03-01');
    expect(() => normaliseListDate('unknown')).toThrow(/not YYYY/);
  });
});

describe('ids', () => {
  it('builds readable facility ids from terminal names', () => {
    const lax = PORT_TABLE.find((p) => p.id === 'port-los-angeles');
    expect(lax && facilityIdFor(lax, 'West Basin Container Terminal (WBCT; Berths 100-102 + 121-131)')).toBe(
      'fac-lax-west-basin-container-terminal',
    );
  });
});
