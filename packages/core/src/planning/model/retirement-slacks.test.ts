import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProblem } from '../generator.js';
import type { MilpModel, MilpRow } from '../milp.js';
import { buildPlanningModel, RETIRE_ONLY_CONTRACTED_ROW } from './build.js';
import { withRetirementSlacks } from './retirement-slacks.js';
import { withDeadlineAndFixedRetirement } from '../../testing/problems.js';

const activity = (row: MilpRow, x: readonly number[]): number =>
  row.indices.reduce((a, j, q) => a + (row.values[q] as number) * (x[j] as number), 0);
const objective = (model: MilpModel, x: readonly number[]): number =>
  model.columns.reduce((a, c, j) => a + c.cost * (x[j] as number), model.offset ?? 0);
/** How far a row is from breaking, on its tighter side (negative: broken). */
const room = (row: MilpRow, x: readonly number[]): number =>
  Math.min(activity(row, x) - row.lower, row.upper - activity(row, x));

describe('withRetirementSlacks', () => {
  it('property: the same rows and objective at every point, with R written through the slack of its contract row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (seed, pointSeed) => {
          const problem = withDeadlineAndFixedRetirement(
            generateProblem({ terminals: 3, cranes: 9, suppliers: 2, years: 3, seed }),
          );
          const { model } = buildPlanningModel(problem);
          const slacked = withRetirementSlacks(model);
          const contractRows = model.rows.filter((r) => r.name.startsWith(RETIRE_ONLY_CONTRACTED_ROW));
          expect(slacked.substituted).toBe(contractRows.length);
          expect(slacked.model.rows.length).toBeLessThan(model.rows.length - contractRows.length / 2);
          // Any point of the original box (not only feasible ones), and its slacks D = f + Σ C − R.
          let state = pointSeed;
          const next = (): number => {
            state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
            return state / 2 ** 32;
          };
          const x = model.columns.map((c) => {
            const lo = Number.isFinite(c.lower) ? c.lower : -5;
            const hi = Number.isFinite(c.upper) ? c.upper : lo + 10;
            return Math.round(lo + next() * (hi - lo));
          });
          const slacks = [...x];
          for (const row of contractRows) {
            const r = Number(row.name.slice(RETIRE_ONLY_CONTRACTED_ROW.length));
            slacks[r] = row.upper - activity(row, x);
          }
          expect(slacked.originalValues(slacks)).toEqual(x);
          expect(objective(slacked.model, slacks)).toBeCloseTo(objective(model, x), 6);
          // Every row kept has the same room; each contract row's room is its slack's (D ≥ 0, and = 0 at the end).
          const byName = new Map(slacked.model.rows.map((r) => [r.name, r]));
          for (const row of model.rows) {
            if (row.name.startsWith(RETIRE_ONLY_CONTRACTED_ROW)) continue;
            const kept = byName.get(row.name);
            expect(kept, row.name).toBeDefined();
            expect(room(kept as MilpRow, slacks)).toBeCloseTo(room(row, x), 6);
          }
          for (const row of contractRows) {
            const r = Number(row.name.slice(RETIRE_ONLY_CONTRACTED_ROW.length));
            const d = slacked.model.columns[r]!;
            expect(d.lower).toBe(0);
            expect(d.upper).toBe(row.lower === row.upper ? 0 : model.columns[r]!.upper);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps a row for a retirement lower bound only where the staircase does not imply it', () => {
    const problem = withDeadlineAndFixedRetirement(
      generateProblem({ terminals: 3, cranes: 9, suppliers: 2, years: 3, seed: 7 }),
    );
    const { model } = buildPlanningModel(problem);
    const lowerRows = withRetirementSlacks(model).model.rows.filter((r) => r.name.startsWith('Rlower_'));
    const groups = model.columns.filter((c) => /^R_\d+_\d+_0$/.test(c.name)).length;
    // The first period of every group, and the deadline's period of the terminal that has one.
    const deadlineGroups = model.columns.filter((c) => /^R_0_\d+_0$/.test(c.name)).length;
    expect(deadlineGroups).toBeGreaterThan(0);
    expect(lowerRows.length).toBe(groups + deadlineGroups);
  });
});
