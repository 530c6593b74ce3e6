import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlanningModel,
  buildQuarterlyBoundModel,
  generateProblem,
  modelSize,
  monthQuarterBound,
  planReplacement,
  quarterlyBound,
  type PlanningProblem,
} from '@portguard/core';
import { InProcessHighsSolver } from './highs-solver.js';

const solver = new InProcessHighsSolver();
// One funding program per terminal (see plan-replacement.test.ts).
const small = (seed: number, terminals: number, cranes: number): PlanningProblem => {
  const p = generateProblem({ terminals, cranes, suppliers: 2, years: 4, seed });
  return {
    ...p,
    terminals: p.terminals.map((t) => ({ ...t, fundingProgramIds: t.fundingProgramIds.slice(0, 1) })),
  };
};

describe('quarterly relaxation on HiGHS', () => {
  it('keeps unit-test models tiny', () => {
    expect(modelSize(buildPlanningModel(small(1, 3, 6))).columns).toBeLessThanOrEqual(1000);
    expect(modelSize(buildQuarterlyBoundModel(small(1, 3, 6))!).columns).toBeLessThanOrEqual(400);
  });

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
  });

  it('decomposition reports the best of the national, month-quarter and quarterly bounds', async () => {
    const problem = small(21, 3, 6);
    const plan = await planReplacement(problem, { timeLimitSeconds: 6, method: 'decomposition' }, solver);
    const q = await monthQuarterBound(problem, solver, { timeLimitSeconds: 6 });
    expect(plan.bound).not.toBeNull();
    expect(plan.bound ?? -Infinity).toBeGreaterThanOrEqual(
      Math.min(q.bound ?? Infinity, plan.objective) - 1e-6,
    );
    expect(plan.bound ?? Infinity).toBeLessThanOrEqual(plan.objective);
    expect(plan.diagnostics.join('\n')).toMatch(/month-quarter relaxation LP/);
  });
});
