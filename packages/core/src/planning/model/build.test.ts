import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProblem } from '../generator.js';
import type { MilpRow } from '../milp.js';
import { buildPlanningModel } from './build.js';

const activity = (row: MilpRow, value: (j: number) => number): number =>
  row.indices.reduce((a, j, q) => a + (row.values[q] as number) * value(j), 0);

describe('soft floor rounding rows', () => {
  it('property: whole cranes in service and the least shortfall the floor allows always meet the rounding row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
        (seed, draws) => {
          const generated = generateProblem({ terminals: 3, cranes: 8, suppliers: 2, years: 3, seed });
          const problem = { ...generated, options: { ...generated.options, softFloor: true } };
          const { model } = buildPlanningModel(problem);
          const rows = new Map(model.rows.map((r) => [r.name, r]));
          const rounding = model.rows.filter((r) => r.name.startsWith('floorRound_'));
          expect(rounding.length).toBeGreaterThan(0);
          for (const [k, row] of rounding.entries()) {
            const floor = rows.get(row.name.replace('floorRound_', 'floor_')) as MilpRow;
            const short = floor.indices.find((j) => model.columns[j]?.name.startsWith('short_')) as number;
            // Whole values within each column's bounds for the cranes, then the least shortfall the floor allows.
            const values = new Map<number, number>();
            floor.indices.forEach((j, q) => {
              if (j === short) return;
              const c = model.columns[j];
              const lower = Math.max(0, c?.lower ?? 0);
              const upper = Math.min(c?.upper ?? 0, lower + 20);
              const draw = draws[(k * 7 + q) % draws.length] as number;
              values.set(j, lower + Math.floor(draw * (upper - lower + 1 - 1e-9)));
            });
            const withoutShort = activity(floor, (j) => (j === short ? 0 : (values.get(j) ?? 0)));
            values.set(short, Math.max(0, floor.lower - withoutShort));
            expect(activity(row, (j) => values.get(j) ?? 0)).toBeGreaterThanOrEqual(row.lower - 1e-6);
          }
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });

  it('cuts off fractional cranes: at exactly the demand in cranes a shortfall is still owed', () => {
    const generated = generateProblem({ terminals: 3, cranes: 8, suppliers: 2, years: 3, seed: 4 });
    const { model } = buildPlanningModel({
      ...generated,
      options: { ...generated.options, softFloor: true },
    });
    const row = model.rows.find((r) => r.name.startsWith('floorRound_')) as MilpRow;
    const floor = model.rows.find((r) => r.name === row.name.replace('floorRound_', 'floor_')) as MilpRow;
    const short = floor.indices.find((j) => model.columns[j]?.name.startsWith('short_')) as number;
    const crane = floor.indices.find((j) => j !== short) as number;
    // One column carries the floor exactly (fractionally), with no shortfall: the floor holds, the rounding does not.
    const a = floor.values[floor.indices.indexOf(crane)] as number;
    const value = (j: number): number => (j === crane ? floor.lower / a : 0);
    expect(activity(floor, value)).toBeCloseTo(floor.lower, 6);
    expect(activity(row, value)).toBeLessThan(row.lower - 1e-6);
  });
});
