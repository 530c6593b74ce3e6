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

/** The deadline's period and the periods after it, whose retirements are pinned at every crane. */
const DEADLINE_BEFORE_END = 5;
const PINNED_PERIODS = DEADLINE_BEFORE_END + 1;

const modelOf = (seed: number): MilpModel =>
  buildPlanningModel(
    withDeadlineAndFixedRetirement(
      generateProblem({ terminals: 3, cranes: 9, suppliers: 2, years: 3, seed }),
      DEADLINE_BEFORE_END,
    ),
  ).model;

/** Groups (their first period's retirement column, `R_<terminal>_<group>_0`), of one terminal or all. */
const groupsOf = (model: MilpModel, terminal?: number): number =>
  model.columns.filter((c) => {
    const m = /^R_(\d+)_\d+_0$/.exec(c.name);
    return m !== null && (terminal === undefined || Number(m[1]) === terminal);
  }).length;

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
          // A retirement whose bound (a deadline's, or fixed retirements') reaches every crane in its period or one
          // before stays a column, fixed; all others are written through D.
          const pinnedByBounds = model.columns.filter((c, j) => {
            const m = /^R_(\d+_\d+)_(\d+)$/.exec(c.name);
            if (m === null) return false;
            const t = Number(m[2]);
            return model.columns.some((d) => {
              const e = /^R_(\d+_\d+)_(\d+)$/.exec(d.name);
              return e !== null && e[1] === m[1] && Number(e[2]) <= t && d.lower >= model.columns[j]!.upper;
            });
          });
          const pinned = slacked.model.columns.filter(
            (c, j) => /^R_/.test(c.name) && c.lower === c.upper && c.upper === model.columns[j]!.upper,
          );
          expect(pinned.map((c) => c.name)).toEqual(pinnedByBounds.map((c) => c.name));
          expect(pinned.filter((c) => /^R_0_/.test(c.name)).length).toBe(groupsOf(model, 0) * PINNED_PERIODS);
          expect(slacked.substituted).toBe(contractRows.length - pinned.length);
          const x = pointIn(model, point);
          // D = f + Σ C − R: the contract row's room on its upper side, which D's bounds keep (≥ 0; = 0 at the end).
          const forward = [...x];
          for (const row of contractRows) {
            const r = columnOf(row, RETIRE_ONLY_CONTRACTED_ROW);
            if (slacked.model.columns[r]!.name === model.columns[r]!.name) continue;
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

  it('keeps a row for a retirement lower bound only where the staircase neither implies it nor pins it', () => {
    const model = modelOf(7);
    const lowerRows = withRetirementSlacks(model).model.rows.filter((r) => r.name.startsWith('Rlower_'));
    // The first period of every group: the deadline's periods are pinned, the fixed retirement's bound is implied.
    expect(groupsOf(model, 0)).toBeGreaterThan(0);
    expect(lowerRows.length).toBe(groupsOf(model));
  });
});
