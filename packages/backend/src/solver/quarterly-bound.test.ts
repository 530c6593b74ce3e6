import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlanningModel,
  EXACT_LP_IPM_TOLERANCE,
  buildQuarterlyBoundModel,
  modelSize,
  monthQuarterBound,
  planReplacement,
  quarterlyBound,
} from '@portguard/core';
import { InProcessHighsSolver } from './highs-solver.js';
import { smallProblem } from './small-problems.js';

const solver = new InProcessHighsSolver();
const small = smallProblem;

describe('quarterly relaxation on HiGHS', () => {
  it('keeps unit-test models tiny', () => {
    expect(modelSize(buildPlanningModel(small(1, 3, 6))).columns).toBeLessThanOrEqual(1000);
    expect(modelSize(buildQuarterlyBoundModel(small(1, 3, 6))!).columns).toBeLessThanOrEqual(400);
  }, 120_000);

  it('property: its LP and MIP optima, and the month-quarter MIP optimum, are at most the exact monthly optimum', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const problem = small(seed, 3, 6);
        const exact = await planReplacement(
          problem,
          { timeLimitSeconds: 10, mipGap: 0, method: 'monolithic' },
          solver,
        );
        expect(exact.status).toBe('optimal');
        const lp = await quarterlyBound(problem, solver, { timeLimitSeconds: 10 });
        const mip = await quarterlyBound(problem, solver, { timeLimitSeconds: 10, integer: true });
        expect(lp.bound).not.toBeNull();
        expect(mip.bound).not.toBeNull();
        expect(lp.bound ?? Infinity).toBeLessThanOrEqual((mip.bound ?? -Infinity) + 1e-6);
        expect(mip.bound ?? Infinity).toBeLessThanOrEqual(exact.objective + 1e-6);
        const mq = await monthQuarterBound(problem, solver, { timeLimitSeconds: 10, integer: true });
        expect(mq.bound).not.toBeNull();
        expect(mq.bound ?? Infinity).toBeLessThanOrEqual(exact.objective + 1e-6);
        const split = await monthQuarterBound(problem, solver, {
          timeLimitSeconds: 10,
          integer: true,
          separateTimings: true,
        });
        expect(split.bound ?? Infinity).toBeLessThanOrEqual(exact.objective + 1e-6);
      }),
      { numRuns: 6, seed: 5 },
    );
  }, 120_000);

  it('decomposition reports the exact LP bound, at least the month-quarter one; column generation when the exact model is too large', async () => {
    for (const seed of [21, 22, 23]) {
      const problem = small(seed, 3, 6);
      const plan = await planReplacement(problem, { timeLimitSeconds: 6, method: 'decomposition' }, solver);
      const q = await monthQuarterBound(problem, solver, { timeLimitSeconds: 6 });
      expect(plan.bound).not.toBeNull();
      // The exact LP is solved to EXACT_LP_IPM_TOLERANCE, so its bound may fall that much short of the LP optimum.
      const floor = Math.min(q.bound ?? Infinity, plan.objective);
      expect(plan.bound ?? -Infinity).toBeGreaterThanOrEqual(
        floor - 2 * EXACT_LP_IPM_TOLERANCE * Math.abs(floor) - 1e-6,
      );
      expect(plan.bound ?? Infinity).toBeLessThanOrEqual(plan.objective);
      expect(plan.diagnostics.join('\n')).toMatch(/exact model LP \(interior point, bound from its duals\)/);
    }
    // A column limit below the exact model's size: the exact LP is skipped, and column generation over the
    // terminals, from the national relaxation's prices, gives the bound.
    const problem = small(21, 3, 6);
    const capped = await planReplacement(
      problem,
      { timeLimitSeconds: 6, method: 'decomposition', maxColumns: 50 },
      solver,
    );
    const text = capped.diagnostics.join('\n');
    expect(text).toMatch(/exact model LP: the exact model .* is too large/);
    const m = /national relaxation's prices \((-?[\d.]+)\): (-?[\d.]+) after (\d+) rounds/.exec(text);
    expect(m).not.toBeNull();
    const [national, generated, rounds] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(generated).toBeGreaterThanOrEqual(national);
    expect(capped.bound ?? -Infinity).toBeCloseTo(Math.min(generated, capped.objective), 1);
    expect(capped.bound ?? Infinity).toBeLessThanOrEqual(capped.objective);
  }, 120_000);

  it('the same input gives the same plan, with a clock too (counted search, generous solver limits)', async () => {
    const problem = small(31, 4, 8);
    let now = 0;
    const clock = (): number => (now += 1000); // a clock that races: a cut by time would stop at once
    const a = await planReplacement(problem, { timeLimitSeconds: 2, method: 'decomposition', clock }, solver);
    const b = await planReplacement(problem, { timeLimitSeconds: 2, method: 'decomposition', clock }, solver);
    expect(a.replacements).toEqual(b.replacements);
    expect(a.bound).toBe(b.bound);
    expect(a.diagnostics.join('\n')).toMatch(/\(\d+ schedules\)/);
    expect(a.diagnostics.join('\n')).not.toMatch(/\(0 schedules\)/);
  }, 120_000);
});
