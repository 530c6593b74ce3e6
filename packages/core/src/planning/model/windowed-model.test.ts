import { describe, expect, it } from 'vitest';
import { generateProblem } from '../generator.js';
import { commissioningMeetsBlackout, type BuiltModel } from './build.js';
import { riskFirstModelPoint } from './random-models.test-util.js';
import { windowedModel } from './window-search.js';

const points = new Map<number, ReturnType<typeof riskFirstModelPoint>>();
/** A generated problem in which some terminals have a peak season, its model, and risk first's plan as values. */
const riskFirstPoint = (seed: number): ReturnType<typeof riskFirstModelPoint> => {
  const point =
    points.get(seed) ??
    riskFirstModelPoint(generateProblem({ terminals: 8, cranes: 24, suppliers: 3, years: 5, seed }));
  points.set(seed, point);
  return point;
};

const contractColumns = (built: BuiltModel, withBlackouts: boolean): number[] =>
  built.index.groups
    .filter((g) => g.terminal.blackoutPeriods.length > 0 === withBlackouts)
    .flatMap((g) => g.contracts.flatMap((c) => c.cols));

// Seeds whose problems have terminals with blackouts and without.
const seeds = [1, 3, 4, 6];

describe('windowedModel counting open periods', () => {
  it('the generated problems have terminals with and without blackouts (else the tests below prove nothing)', () => {
    for (const seed of seeds) {
      const { built } = riskFirstPoint(seed);
      expect(contractColumns(built, true).length).toBeGreaterThan(0);
      expect(contractColumns(built, false).length).toBeGreaterThan(0);
    }
  });

  it.each(seeds.flatMap((seed) => [1, 2, 4].map((w) => ({ seed, w }))))(
    'keeps the plan a point, contains the calendar window, and equals it without blackouts (seed $seed, ±$w)',
    ({ seed, w }) => {
      const { built, values } = riskFirstPoint(seed);
      for (const slice of [undefined, { from: 0, to: 23 }, { from: 12, to: 35 }]) {
        const open = windowedModel(built, values, w, slice, 'open periods');
        const calendar = windowedModel(built, values, w, slice, 'periods');
        open.columns.forEach((c, j) => {
          expect(values[j]).toBeGreaterThanOrEqual(c.lower - 1e-9);
          expect(values[j]).toBeLessThanOrEqual(c.upper + 1e-9);
          expect(c.lower).toBeLessThanOrEqual(calendar.columns[j]!.lower);
          expect(c.upper).toBeGreaterThanOrEqual(calendar.columns[j]!.upper);
        });
        for (const j of contractColumns(built, false)) expect(open.columns[j]).toEqual(calendar.columns[j]);
      }
    },
  );

  it('lets a contract signed just after a frozen stretch move before it, which a calendar window of the same width does not', () => {
    let checked = 0;
    for (const seed of seeds) {
      const { built } = riskFirstPoint(seed);
      for (const g of built.index.groups) {
        const blackout = new Set(g.terminal.blackoutPeriods);
        for (const c of g.contracts) {
          const frozen = c.cols.map((_, i) =>
            commissioningMeetsBlackout(blackout, c.supplier, c.first + i * c.step),
          );
          // The last open column before a frozen stretch, and the first open one after it.
          const before = frozen.findIndex((f, i) => !f && frozen[i + 1] === true);
          if (before < 0) continue;
          const after = frozen.findIndex((f, i) => i > before && !f);
          if (after < 0) continue;
          // A plan (of this staircase only) with one contract in the first open period after the stretch.
          const values = built.model.columns.map(() => 0);
          c.cols.forEach((col, i) => (values[col] = i >= after ? 1 : 0));
          const column = c.cols[before] as number;
          expect(windowedModel(built, values, 1, undefined, 'open periods').columns[column]!.upper).toBe(1);
          expect(windowedModel(built, values, 1, undefined, 'periods').columns[column]!.upper).toBe(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
