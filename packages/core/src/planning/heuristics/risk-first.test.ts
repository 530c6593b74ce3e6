import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doNothingPlan } from '../baselines.js';
import { validatePlan } from '../evaluate.js';
import { generateProblem } from '../generator.js';
import { riskFirstPlan, searchRiskFirstOrder } from './risk-first.js';

describe('riskFirstPlan', () => {
  it('always passes validatePlan on generated instances and never has more risk than doing nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom('month' as const, 'week' as const),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.integer(),
        (terminals, extraCranes, suppliers, years, granularity, budgetScale, seed) => {
          const problem = generateProblem({
            terminals,
            cranes: terminals + extraCranes,
            suppliers,
            years,
            seed,
            granularity,
            budgetScale,
          });
          const plan = riskFirstPlan(problem);
          expect(validatePlan(problem, plan)).toEqual([]);
          expect(plan.status).toBe('feasible');
          expect(plan.riskExposure).toBeLessThanOrEqual(doNothingPlan(problem).riskExposure + 1e-9);
          if (plan.replacements.length < terminals + extraCranes)
            expect(plan.diagnostics.join('\n')).toMatch(/left unreplaced/);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('spends a scarce budget on the most risk per dollar first, and retires at contract when the floor allows', () => {
    const base = generateProblem({
      terminals: 3,
      cranes: 9,
      suppliers: 2,
      years: 6,
      seed: 5,
      budgetScale: 5,
    });
    // Terminal 0's cranes carry triple risk at the same cost, so they take the earliest slots.
    const terminals = base.terminals.map((t, i) => ({
      ...t,
      demand: t.demand.map(() => 0),
      minCranesInService: 0,
      groups: t.groups.map((g) => ({ ...g, riskPerCranePeriod: i === 0 ? 3 : 1 })),
    }));
    const plan = riskFirstPlan({ ...base, terminals });
    expect(validatePlan({ ...base, terminals }, plan)).toEqual([]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const inService = (mine: boolean) =>
      mean(
        plan.replacements
          .filter((r) => (r.terminalId === terminals[0]!.id) === mine)
          .map((r) => r.inServicePeriod),
      );
    expect(inService(true)).toBeLessThan(inService(false));
    // No demand: every old crane leaves the month its contract is signed.
    for (const r of plan.replacements) expect(r.retirePeriod).toBe(r.contractPeriod);
  });

  it('order search never raises the risk, gives a valid plan with the risk it reports, and repeats', () => {
    for (const seed of [2, 9, 17]) {
      const problem = generateProblem({
        terminals: 6,
        cranes: 30,
        suppliers: 3,
        years: 6,
        seed,
        budgetScale: 0.6,
      });
      const plain = riskFirstPlan(problem);
      const found = searchRiskFirstOrder(problem, { iterations: 40 });
      const plan = riskFirstPlan(problem, { priorities: found.priorities });
      expect(found.riskExposure).toBeLessThanOrEqual(plain.riskExposure + 1e-9);
      expect(plan.riskExposure).toBeCloseTo(found.riskExposure, 9);
      expect(validatePlan(problem, plan)).toEqual([]);
      expect(searchRiskFirstOrder(problem, { iterations: 40 }).riskExposure).toBe(found.riskExposure);
    }
  });
});
