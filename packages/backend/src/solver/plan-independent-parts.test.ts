import { describe, expect, it } from 'vitest';
import {
  buildPlanningModel,
  independentParts,
  planReplacement,
  readSchedule,
  riskExposureOf,
  validatePlan,
  type MilpSolver,
  type PlanningProblem,
} from '@portguard/core';
import { disjointCopy, unionOf } from '@portguard/core/testing';
import { InProcessHighsSolver } from './highs-solver.js';
import { smallProblem } from './small-problems.js';

const solver = new InProcessHighsSolver();
const a = smallProblem(1, 3, 6);
const b = disjointCopy(smallProblem(2), 'B');
const both = unionOf(a, b);

describe('planning independent parts apart', () => {
  it('finds the optimum of the whole problem, with the parts’ bounds adding up to it', async () => {
    expect(independentParts(both)).toHaveLength(2);
    const plan = await planReplacement(both, { timeLimitSeconds: 30, mipGap: 0 }, solver);
    expect(plan.status).toBe('optimal');
    expect(validatePlan(both, plan)).toEqual([]);
    // Both parts replace cranes.
    expect(new Set(plan.replacements.map((r) => r.terminalId.startsWith('B')))).toEqual(
      new Set([true, false]),
    );
    expect(plan.diagnostics[0]).toMatch(/^2 independent parts/);
    // The whole problem as one MIP, solved to optimality, has the same least risk; its objective weighs cost by the
    // whole's smallest risk, each part's by its own, and cost only breaks ties.
    const built = buildPlanningModel(both);
    const whole = await solver.solve(built.model, { timeLimitSeconds: 60, mipRelGap: 0 });
    expect(whole.status).toBe('optimal');
    const wholeRisk = riskExposureOf(both, readSchedule(both, built.index, whole.values!));
    expect(plan.riskExposure).toBeCloseTo(wholeRisk, 6);
    expect(plan.bound).not.toBeNull();
    expect(Math.abs(plan.bound! - whole.objective!)).toBeLessThan(1e-4 * whole.objective!);
    expect(plan.bound!).toBeLessThanOrEqual(plan.objective + 1e-9);
    expect(plan.gap).toBeLessThan(1e-6);
  }, 120_000);

  it('gives the same plan for the same input, and each part the plan it has alone', async () => {
    const options = { timeLimitSeconds: 30, mipGap: 0 };
    const [first, again] = [
      await planReplacement(both, options, solver),
      await planReplacement(both, options, solver),
    ];
    expect(again.replacements).toEqual(first.replacements);
    const [partA, partB] = independentParts(both) as [PlanningProblem, PlanningProblem];
    const alone = await planReplacement(partB, options, solver);
    expect(first.replacements.filter((r) => r.terminalId.startsWith('B'))).toEqual(alone.replacements);
    expect(partA.terminals.map((t) => t.id)).toEqual(a.terminals.map((t) => t.id));
  }, 120_000);

  it('plans the parts side by side, so that no part waits for another to end', async () => {
    const [, partB] = independentParts(both) as [PlanningProblem, PlanningProblem];
    const columnsOfB = buildPlanningModel(partB).model.columns.length;
    let inFlight = 0;
    let mostInFlight = 0;
    const parts = new Set<string>();
    const counting: MilpSolver = {
      solve: async (model, o) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        parts.add(model.columns.length === columnsOfB ? 'B' : 'A');
        try {
          return await solver.solve(model, o);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const options = { timeLimitSeconds: 30, mipGap: 0 };
    const plan = await planReplacement(both, options, counting);
    expect(parts).toEqual(new Set(['A', 'B']));
    expect(mostInFlight).toBeGreaterThanOrEqual(2);
    expect(plan.replacements).toEqual((await planReplacement(both, options, solver)).replacements);
    expect(plan.diagnostics[0]).toMatch(/side by side/);
  }, 120_000);

  it('counts 0 for a part that ends without a bound, so the whole keeps a bound', async () => {
    const [partA, partB] = independentParts(both) as [PlanningProblem, PlanningProblem];
    const columnsOfB = buildPlanningModel(partB).model.columns.length;
    expect(buildPlanningModel(partA).model.columns.length).not.toBe(columnsOfB);
    // A solver that proves nothing about part B (as when its MIP ends before its root LP).
    const blind: MilpSolver = {
      solve: async (model, o) => {
        const r = await solver.solve(model, o);
        return model.columns.length === columnsOfB ? { ...r, bound: null } : r;
      },
    };
    const options = { timeLimitSeconds: 30, mipGap: 0 };
    const plan = await planReplacement(both, options, blind);
    const alone = await planReplacement(partA, options, solver);
    expect(plan.status).toBe('feasible');
    expect(plan.bound).toBeCloseTo(alone.bound!, 9);
    expect(plan.bound!).toBeLessThanOrEqual(plan.objective);
    expect(validatePlan(both, plan)).toEqual([]);
  }, 120_000);

  it('is infeasible when one part is, and explains that part', async () => {
    const late = {
      ...b,
      terminals: b.terminals.map((t) => ({ ...t, deadlinePeriod: 3 })),
    };
    const plan = await planReplacement(unionOf(a, late), { timeLimitSeconds: 20, mipGap: 0 }, solver);
    expect(plan.status).toBe('infeasible');
    expect(plan.replacements).toEqual([]);
    const reasons = plan.infeasibility?.reasons ?? [];
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) if (r.terminalId !== undefined) expect(r.terminalId).toMatch(/^B/);
    expect(reasons.some((r) => r.kind === 'deadline')).toBe(true);
  }, 120_000);
});
