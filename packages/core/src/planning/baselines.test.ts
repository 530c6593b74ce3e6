import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doNothingPlan, greedyPlan } from './baselines.js';
import { validatePlan } from './evaluate.js';
import { generateProblem } from './generator.js';

describe('baselines on generated instances', () => {
  it('greedy and do-nothing always pass validatePlan, and greedy never has more risk', () => {
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
          const nothing = doNothingPlan(problem);
          const greedy = greedyPlan(problem);
          expect(validatePlan(problem, nothing)).toEqual([]);
          expect(validatePlan(problem, greedy)).toEqual([]);
          expect(nothing.status).toBe('feasible');
          expect(greedy.status).toBe('feasible');
          expect(greedy.riskExposure).toBeLessThanOrEqual(nothing.riskExposure + 1e-9);
          const unreplaced = terminals + extraCranes - greedy.replacements.length;
          if (unreplaced > 0) expect(greedy.diagnostics.join('\n')).toMatch(/left unreplaced/);
          else expect(greedy.completionPeriod).not.toBeNull();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('replaces everything when resources are ample, largest terminal first', () => {
    const problem = generateProblem({
      terminals: 4,
      cranes: 12,
      suppliers: 3,
      years: 10,
      seed: 3,
      budgetScale: 5,
    });
    const plan = greedyPlan(problem);
    expect(plan.replacements).toHaveLength(12);
    expect(plan.completionPeriod).not.toBeNull();
    expect(plan.riskByPeriod[problem.periods - 1]).toBe(0);
    const total = (id: string) =>
      problem.terminals.find((t) => t.id === id)!.demand.reduce((a, b) => a + b, 0);
    const first = [...plan.replacements].sort((a, b) => a.contractPeriod - b.contractPeriod)[0]!;
    expect(Math.max(...problem.terminals.map((t) => total(t.id)))).toBe(total(first.terminalId));
  });

  it('leaves cranes unreplaced and says why when there is no money', () => {
    const problem = generateProblem({
      terminals: 3,
      cranes: 6,
      suppliers: 2,
      years: 5,
      seed: 9,
      budgetScale: 0,
    });
    const plan = greedyPlan(problem);
    expect(plan.replacements).toHaveLength(0);
    expect(plan.completionPeriod).toBeNull();
    expect(plan.diagnostics.join('\n')).toMatch(/budget/);
    expect(plan.riskExposure).toBe(doNothingPlan(problem).riskExposure);
  });

  it('marks a plan that cannot meet a deadline infeasible, with the reason', () => {
    const g = generateProblem({ terminals: 2, cranes: 4, suppliers: 2, years: 5, seed: 1 });
    const problem = { ...g, terminals: g.terminals.map((t) => ({ ...t, deadlinePeriod: 3 })) };
    const plan = doNothingPlan(problem);
    expect(plan.status).toBe('infeasible');
    expect(plan.infeasibility?.reasons.some((r) => r.kind === 'deadline')).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = greedyPlan(generateProblem({ terminals: 5, cranes: 20, suppliers: 3, years: 4, seed: 42 }));
    const b = greedyPlan(generateProblem({ terminals: 5, cranes: 20, suppliers: 3, years: 4, seed: 42 }));
    expect(b).toEqual(a);
  });
});
