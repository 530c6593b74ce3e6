import { describe, expect, it } from 'vitest';
import {
  buildExactBoundModel,
  exactLpBound,
  lagrangianBound,
  withRetirementSlacks,
  type MilpModel,
} from '@portguard/core';
import { withDeadlineAndFixedRetirement } from '@portguard/core/testing';
import { InProcessHighsSolver } from './highs-solver.js';
import { smallProblem } from './small-problems.js';

const solver = new InProcessHighsSolver();

const optimum = async (model: MilpModel, relax: boolean): Promise<number> => {
  const r = await solver.solve(model, {
    timeLimitSeconds: 30,
    mipRelGap: 0,
    ...(relax ? { relaxIntegrality: true } : {}),
  });
  expect(r.status).toBe('optimal');
  return r.objective as number;
};

describe('the exact LP with retirements written through their contract rows’ slacks (HiGHS)', () => {
  // Seeds whose deadline (six periods before the end) and fixed retirement leave the problem feasible (1, 3 and 5
  // are not).
  const problems = [2, 4, 6, 7, 8].map((seed) => withDeadlineAndFixedRetirement(smallProblem(seed, 3, 6), 6));

  it('has the LP optimum and the MIP optimum of the model it comes from', async () => {
    for (const problem of problems) {
      const { model } = buildExactBoundModel(problem);
      const slacked = withRetirementSlacks(model).model;
      const [lp, slackedLp] = [await optimum(model, true), await optimum(slacked, true)];
      expect(Math.abs(slackedLp - lp)).toBeLessThan(1e-6 * Math.max(1, Math.abs(lp)));
      const [mip, slackedMip] = [await optimum(model, false), await optimum(slacked, false)];
      expect(Math.abs(slackedMip - mip)).toBeLessThan(1e-6 * Math.max(1, Math.abs(mip)));
    }
  }, 120_000);

  it('gives the exact LP bound from its duals, and a point of the original model mapped back', async () => {
    for (const problem of problems) {
      const built = buildExactBoundModel(problem);
      const lp = await optimum(built.model, true);
      const r = await exactLpBound(problem, solver, { timeLimitSeconds: 10, ipmOptimalityTolerance: 1e-8 });
      expect(r.bound).not.toBeNull();
      expect(r.bound as number).toBeLessThanOrEqual(lp + 1e-6);
      expect(lp - (r.bound as number)).toBeLessThan(1e-5 * Math.max(1, lp));
      // The point is the original model's: every row and column bound holds and its objective is the LP's.
      const x = r.solution?.values as readonly number[];
      expect(r.solution?.built.model.columns.length).toBe(built.model.columns.length);
      const tolerance = 1e-5;
      built.model.columns.forEach((c, j) => {
        expect(x[j] as number, c.name).toBeGreaterThanOrEqual(c.lower - tolerance);
        expect(x[j] as number, c.name).toBeLessThanOrEqual(c.upper + tolerance);
      });
      for (const row of built.model.rows) {
        const a = row.indices.reduce((s, j, q) => s + (row.values[q] as number) * (x[j] as number), 0);
        expect(a, row.name).toBeGreaterThanOrEqual(row.lower - tolerance);
        expect(a, row.name).toBeLessThanOrEqual(row.upper + tolerance);
      }
      const objective = built.model.columns.reduce(
        (s, c, j) => s + c.cost * (x[j] as number),
        built.model.offset ?? 0,
      );
      expect(Math.abs(objective - lp)).toBeLessThan(1e-5 * Math.max(1, lp));
      // Any multipliers bound the slacked model too, as it is the same LP.
      expect(lagrangianBound(withRetirementSlacks(built.model).model, [])).toBeLessThanOrEqual(lp + 1e-9);
    }
  }, 120_000);
});
