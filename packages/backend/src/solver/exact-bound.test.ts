import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exactLpBound,
  EXACT_LP_IPM_TOLERANCE,
  bestLpGuidedPriorities,
  buildPlanningModel,
  lpGuidedPriorities,
  lpGuidedSuppliers,
  LP_GUIDED_THRESHOLDS,
  scheduleToValues,
  suppliersOnSameTerms,
  mergeIdenticalSuppliers,
  riskFirstPlan,
  validatePlan,
  planReplacement,
  resultWithoutSolution,
  type MilpSolver,
  type PlanningProblem,
} from '@portguard/core';
import { InProcessHighsSolver } from './highs-solver.js';
import { smallProblem } from './small-problems.js';

const solver = new InProcessHighsSolver();
const small = smallProblem;
/** The first supplier split in two with the same terms (its capacity shared out). */
const withTwin = (p: PlanningProblem): PlanningProblem => {
  const [first, ...rest] = p.suppliers;
  if (first === undefined) return p;
  const half = (c: number): number => Math.floor(c / 2);
  return {
    ...p,
    suppliers: [
      {
        ...first,
        offers: first.offers.map((o) => ({ ...o, capacityPerQuarter: half(o.capacityPerQuarter) })),
      },
      ...rest,
      {
        ...first,
        id: `${first.id}-twin`,
        offers: first.offers.map((o) => ({
          ...o,
          capacityPerQuarter: o.capacityPerQuarter - half(o.capacityPerQuarter),
        })),
      },
    ],
  };
};

const exactOptimum = async (problem: PlanningProblem): Promise<number> => {
  const plan = await planReplacement(
    problem,
    { timeLimitSeconds: 20, mipGap: 0, method: 'monolithic' },
    solver,
  );
  expect(plan.status).toBe('optimal');
  return plan.objective;
};

describe('exact LP bound (interior point, Lagrangian from the row duals)', () => {
  it('property: it is at most the exact optimum, equals the LP optimum to 1e-6 at a tight tolerance, and is within the default tolerance of it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const problem = small(seed, 3, 6);
        const optimum = await exactOptimum(problem);
        const tight = await exactLpBound(problem, solver, {
          timeLimitSeconds: 10,
          ipmOptimalityTolerance: 1e-8,
        });
        expect(tight.bound).not.toBeNull();
        expect(tight.bound as number).toBeLessThanOrEqual(optimum + 1e-6);
        expect(Math.abs((tight.bound as number) - (tight.lpObjective as number))).toBeLessThan(
          1e-6 * Math.max(1, optimum),
        );
        const r = await exactLpBound(problem, solver, { timeLimitSeconds: 10 });
        expect(r.bound).not.toBeNull();
        expect(r.bound as number).toBeLessThanOrEqual((tight.lpObjective as number) + 1e-6);
        expect((tight.lpObjective as number) - (r.bound as number)).toBeLessThan(
          2 * EXACT_LP_IPM_TOLERANCE * Math.max(1, optimum),
        );
      }),
      { numRuns: 3, seed: 3 },
    );
  }, 120_000);

  it("solves again at the solver's own tolerance when the loose solve ends in an error", async () => {
    const asked: (number | undefined)[] = [];
    const failsLoose: MilpSolver = {
      solve: (model, options) => {
        asked.push(options.ipmOptimalityTolerance);
        return options.ipmOptimalityTolerance !== undefined
          ? Promise.resolve(resultWithoutSolution('error', 0.1, 'HiGHS model status 15'))
          : solver.solve(model, options);
      },
    };
    const problem = small(2, 3, 6);
    const r = await exactLpBound(problem, failsLoose, { timeLimitSeconds: 10 });
    expect(asked).toEqual([EXACT_LP_IPM_TOLERANCE, undefined]);
    expect(r.bound).not.toBeNull();
    expect(r.solution).not.toBeNull();
    expect(r.bound as number).toBeLessThanOrEqual((await exactOptimum(problem)) + 1e-6);
  }, 120_000);

  it('merging suppliers with identical terms keeps the exact optimum', async () => {
    for (const seed of [4, 9]) {
      const twin = withTwin(small(seed, 3, 6));
      const merged = mergeIdenticalSuppliers(twin);
      expect(merged.suppliers.length).toBe(twin.suppliers.length - 1);
      expect(await exactOptimum(merged)).toBeCloseTo(await exactOptimum(twin), 6);
    }
  }, 120_000);

  it('also bounds the problems the quarter relaxations do not cover (soft floor, weekly)', async () => {
    const base = small(7, 2, 4);
    const soft = { ...base, options: { ...base.options, softFloor: true } };
    const optimum = await exactOptimum(soft);
    const r = await exactLpBound(soft, solver, { timeLimitSeconds: 10 });
    expect(r.bound).not.toBeNull();
    expect(r.bound as number).toBeLessThanOrEqual(optimum + 1e-6);
  }, 120_000);

  it('the LP-guided order keeps each group riskiest first and gives valid plans', async () => {
    for (const seed of [2, 5]) {
      const problem = small(seed, 3, 6);
      const r = await exactLpBound(problem, solver, { timeLimitSeconds: 10 });
      expect(r.solution).not.toBeNull();
      const { built, values } = r.solution!;
      const priorities = lpGuidedPriorities(problem, built, values);
      for (const g of built.index.groups) {
        const p = g.group.craneIds.map((id) => priorities.get(id) as number);
        p.slice(1).forEach((v, k) => expect(v).toBeLessThanOrEqual(p[k] as number));
      }
      const plan = riskFirstPlan(problem, { priorities });
      expect(validatePlan(problem, plan)).toEqual([]);
      expect(plan.riskExposure).toBeGreaterThanOrEqual((r.bound as number) - 1e-6);
    }
  }, 120_000);

  it('a higher contracted share puts each crane no earlier; the best share gives the least risky start', async () => {
    for (const seed of [2, 5, 7]) {
      const problem = small(seed, 3, 6);
      const r = await exactLpBound(problem, solver, { timeLimitSeconds: 10 });
      const { built, values } = r.solution!;
      const half = lpGuidedPriorities(problem, built, values, 0.5);
      const late = lpGuidedPriorities(problem, built, values, 0.8);
      for (const [id, p] of half) expect(late.get(id) as number).toBeLessThanOrEqual(p + 1e-9);
      // Every share, without and with the LP's suppliers.
      const starts = LP_GUIDED_THRESHOLDS.flatMap((t) => {
        const priorities = lpGuidedPriorities(problem, built, values, t);
        const suppliers = lpGuidedSuppliers(problem, built, values, t);
        return [
          { t, lpSuppliers: false, risk: riskFirstPlan(problem, { priorities }).riskExposure },
          { t, lpSuppliers: true, risk: riskFirstPlan(problem, { priorities, suppliers }).riskExposure },
        ];
      });
      const least = Math.min(...starts.map((x) => x.risk));
      const first = starts.find((x) => x.risk <= least + 1e-9)!;
      const best = bestLpGuidedPriorities(problem, built, values);
      expect(best.riskExposure).toBeCloseTo(least, 9);
      expect([best.threshold, best.suppliers !== null]).toEqual([first.t, first.lpSuppliers]);
      expect(
        riskFirstPlan(problem, {
          priorities: best.priorities,
          ...(best.suppliers !== null ? { suppliers: best.suppliers } : {}),
        }).riskExposure,
      ).toBeCloseTo(best.riskExposure, 9);
    }
  }, 120_000);

  it("reads each crane's supplier from the LP's contract curves: from a plan's own point, the plan's suppliers", () => {
    for (const seed of [2, 5, 7]) {
      const problem = withTwin(small(seed, 3, 6));
      const plan = riskFirstPlan(problem);
      const built = buildPlanningModel(problem);
      const values = scheduleToValues(problem, built.index, built.model.columns.length, plan.replacements)!;
      const suppliers = lpGuidedSuppliers(problem, built, values);
      const sameTerms = suppliersOnSameTerms(problem);
      const first = problem.suppliers[0]!.id;
      expect(sameTerms.get(first)).toEqual([first, `${first}-twin`]);
      const byCrane = new Map(plan.replacements.map((r) => [r.craneId, r]));
      for (const g of built.index.groups) {
        // Cranes of a group are interchangeable: the k-th contract in time goes with the k-th crane.
        const planned = g.group.craneIds
          .flatMap((id) => {
            const r = byCrane.get(id);
            return r === undefined ? [] : [r];
          })
          .map((r) => ({ period: r.contractPeriod, ids: sameTerms.get(r.supplierId) }))
          .sort((a, b) => a.period - b.period);
        const read = g.group.craneIds.map((id) => suppliers.get(id));
        expect(read.filter((x) => x !== undefined)).toHaveLength(planned.length);
        planned.forEach((p, k) => {
          // Contracts signed in one period by several suppliers may come in either order.
          const sameMonth = planned.filter((q) => q.period === p.period).map((q) => q.ids);
          expect(sameMonth).toContainEqual(read[k]);
        });
      }
    }
  });
});
