import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doNothingPlan, greedyPlan } from './baselines.js';
import { evaluateSchedule, validatePlan } from './evaluate.js';
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

describe('evaluateSchedule and validatePlan agree on random schedules', () => {
  it('reports a floor violation exactly when evaluation shows a shortfall or too few cranes', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.tuple(fc.nat(200), fc.nat(6), fc.nat(3)), { maxLength: 30 }),
        (seed, picks) => {
          const problem = generateProblem({ terminals: 3, cranes: 12, suppliers: 2, years: 4, seed });
          const cranes = problem.terminals.flatMap((t) =>
            t.groups.flatMap((g) => g.craneIds.map((id) => ({ t, g, id }))),
          );
          const suppliers = problem.suppliers;
          const used = new Set<string>();
          const reps = picks.flatMap(([ci, c, early]) => {
            const { t, g, id } = cranes[ci % cranes.length]!;
            const s =
              suppliers.find((x) => x.offers.some((o) => o.sizeClass === g.sizeClass)) ?? suppliers[0]!;
            if (used.has(id)) return [];
            used.add(id);
            const a = c + s.leadTimePeriods;
            const inService = a + s.commissioningPeriods;
            return [
              {
                craneId: id,
                terminalId: t.id,
                sizeClass: g.sizeClass,
                supplierId: s.id,
                contractPeriod: c,
                arrivalPeriod: a,
                inServicePeriod: inService,
                retirePeriod: Math.max(0, inService - early * 4),
                costCents: s.offers.find((o) => o.sizeClass === g.sizeClass)?.unitCostCents ?? 0,
              },
            ];
          });
          const plan = evaluateSchedule(problem, reps, { name: 'random', method: 'user' });
          const floorIssues = validatePlan(problem, plan).filter((i) => i.code === 'plan/floor');
          const broken = plan.capacity.some((row) => {
            const t = problem.terminals.find((x) => x.id === row.terminalId)!;
            return row.shortfall > 1e-6 || row.cranesInService < t.minCranesInService;
          });
          expect(floorIssues.length > 0).toBe(broken);
          expect(plan.riskExposure).toBeCloseTo(plan.riskByPeriod.reduce((x, y) => x + y, 0));
          const federal = plan.spend.reduce((x, s) => x + s.federalCents + s.localCents, 0);
          expect(federal).toBe(plan.totalCostCents);
        },
      ),
      { numRuns: 60 },
    );
  });
});
