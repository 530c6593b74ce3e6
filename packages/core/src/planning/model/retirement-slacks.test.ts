import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withDeadlineAndFixedRetirement } from '../../testing/problems.js';
import { generateProblem } from '../generator.js';
import type { MilpModel, MilpRow } from '../milp.js';
import { buildPlanningModel, RETIRE_ONLY_CONTRACTED_ROW } from './build.js';
import { withRetirementSlacks, type RetirementSlackModel } from './retirement-slacks.js';

const activity = (row: MilpRow, x: readonly number[]): number =>
  row.indices.reduce((a, j, q) => a + (row.values[q] as number) * (x[j] as number), 0);
const objective = (model: MilpModel, x: readonly number[]): number =>
  model.columns.reduce((a, c, j) => a + c.cost * (x[j] as number), model.offset ?? 0);
/** How far a row is from breaking, on its tighter side (negative: broken). */
const room = (row: MilpRow, x: readonly number[]): number =>
  Math.min(activity(row, x) - row.lower, row.upper - activity(row, x));
const columnOf = (row: MilpRow, prefix: string): number => Number(row.name.slice(prefix.length));

const modelOf = (seed: number): MilpModel =>
  buildPlanningModel(
    withDeadlineAndFixedRetirement(
      generateProblem({ terminals: 3, cranes: 9, suppliers: 2, years: 3, seed }),
    ),
  ).model;

/** A point of the model's box (not a feasible one: the identities below hold everywhere). */
function pointIn(model: MilpModel, seed: number): number[] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  return model.columns.map((c) => {
    const lo = Number.isFinite(c.lower) ? c.lower : -5;
    const hi = Number.isFinite(c.upper) ? c.upper : lo + 10;
    return Math.round(lo + next() * (hi - lo));
  });
}

/**
 * The substituted model at `forward(x)` against the model at x: the same objective, the same room in every row kept,
 * and `originalValues` back to x. Returns the substituted point.
 */
function expectSameLp(
  model: MilpModel,
  substituted: RetirementSlackModel,
  x: readonly number[],
  forward: readonly number[],
  droppedPrefix: string,
): void {
  expect(substituted.originalValues(forward)).toEqual(x);
  expect(objective(substituted.model, forward)).toBeCloseTo(objective(model, x), 6);
  const byName = new Map(substituted.model.rows.map((r) => [r.name, r]));
  for (const row of model.rows) {
    const kept = byName.get(row.name);
    if (kept === undefined) {
      expect(row.name.startsWith(droppedPrefix), row.name).toBe(true);
      continue;
    }
    expect(room(kept, forward), row.name).toBeCloseTo(room(row, x), 6);
  }
}

describe('the exact LP with fewer staircase rows', () => {
  it('property: retirements written through their contract rows’ slacks, the same LP at every point', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (seed, point) => {
          const model = modelOf(seed);
          const slacked = withRetirementSlacks(model);
          const contractRows = model.rows.filter((r) => r.name.startsWith(RETIRE_ONLY_CONTRACTED_ROW));
          expect(slacked.substituted).toBe(contractRows.length);
          const x = pointIn(model, point);
          // D = f + Σ C − R: the contract row's room on its upper side, which D's bounds keep (≥ 0; = 0 at the end).
          const forward = [...x];
          for (const row of contractRows) {
            const r = columnOf(row, RETIRE_ONLY_CONTRACTED_ROW);
            forward[r] = row.upper - activity(row, x);
            const d = slacked.model.columns[r]!;
            expect([d.lower, d.upper]).toEqual([0, row.lower === row.upper ? 0 : model.columns[r]!.upper]);
          }
          expectSameLp(model, slacked, x, forward, RETIRE_ONLY_CONTRACTED_ROW);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps a row for a retirement lower bound only where the staircase does not imply it', () => {
    const model = modelOf(7);
    const lowerRows = withRetirementSlacks(model).model.rows.filter((r) => r.name.startsWith('Rlower_'));
    const groups = model.columns.filter((c) => /^R_\d+_\d+_0$/.test(c.name)).length;
    // The first period of every group, and the deadline's period of the terminal that has one.
    const deadlineGroups = model.columns.filter((c) => /^R_0_\d+_0$/.test(c.name)).length;
    expect(deadlineGroups).toBeGreaterThan(0);
    expect(lowerRows.length).toBe(groups + deadlineGroups);
  });
});
