import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doNothingPlan } from '../baselines.js';
import { validatePlan } from '../evaluate.js';
import { generateProblem } from '../generator.js';
import type { PlanningProblem, PlanningSupplier } from '../problem.js';
import { riskFirstPlan, searchRiskFirstOrder, startOrderSearch } from './risk-first.js';

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

  describe('preferred suppliers', () => {
    /** Trusted suppliers A and B of every class on the given terms, plenty of money, capacity and crews. */
    const withSuppliers = (
      termsA: Partial<PlanningSupplier>,
      termsB: Partial<PlanningSupplier>,
      tightFloor: boolean,
    ): PlanningProblem => {
      const base = generateProblem({
        terminals: 4,
        cranes: 12,
        suppliers: 2,
        years: 8,
        seed: 3,
        budgetScale: 20,
      });
      const supplier = (id: string, terms: Partial<PlanningSupplier>): PlanningSupplier => ({
        id,
        name: id,
        trusted: true,
        leadTimePeriods: 18,
        deliveryMode: 'fully-erected',
        commissioningPeriods: 3,
        earliestContractPeriod: 0,
        offers: (['panamax', 'post-panamax', 'super-post-panamax'] as const).map((sizeClass) => ({
          sizeClass,
          unitCostCents: 1_000_000_000,
          capacityPerQuarter: 50,
        })),
        ...terms,
      });
      return {
        ...base,
        suppliers: [supplier('A', termsA), supplier('B', termsB)],
        crewRegions: base.crewRegions.map((c) => ({ ...c, simultaneousCommissionings: 50 })),
        terminals: base.terminals.map((t) => ({
          ...t,
          // Tight: every crane is needed, so an old one leaves only when its replacement is in service.
          demand: t.demand.map(() =>
            tightFloor
              ? (t.trustedCranes + t.groups.reduce((n, g) => n + g.craneIds.length, 0)) * t.teuPerCranePeriod
              : 0,
          ),
          minCranesInService: 0,
          blackoutPeriods: [],
        })),
      };
    };
    const allCranes = (problem: PlanningProblem): string[] =>
      problem.terminals.flatMap((t) => t.groups.flatMap((g) => g.craneIds));
    const offersAt = (cents: number): Partial<PlanningSupplier> => ({
      offers: (['panamax', 'post-panamax', 'super-post-panamax'] as const).map((sizeClass) => ({
        sizeClass,
        unitCostCents: cents,
        capacityPerQuarter: 50,
      })),
    });

    it('takes a preferred supplier that retires the old crane as soon as any other would', () => {
      // Same timing, B dearer: risk first alone takes A; preferring B gives B, at the same risk.
      const problem = withSuppliers({}, offersAt(1_200_000_000), false);
      const plain = riskFirstPlan(problem);
      expect(new Set(plain.replacements.map((r) => r.supplierId))).toEqual(new Set(['A']));
      const suppliers = new Map(allCranes(problem).map((id) => [id, ['B']]));
      const preferring = riskFirstPlan(problem, { suppliers });
      expect(validatePlan(problem, preferring)).toEqual([]);
      expect(new Set(preferring.replacements.map((r) => r.supplierId))).toEqual(new Set(['B']));
      expect(preferring.riskExposure).toBeCloseTo(plain.riskExposure, 9);
    });

    it('leaves a preferred supplier whose replacement would keep the old crane in service longer', () => {
      // B takes a year longer and the floor keeps every old crane until its replacement is in service.
      const problem = withSuppliers({}, { leadTimePeriods: 30 }, true);
      const suppliers = new Map(allCranes(problem).map((id) => [id, ['B']]));
      const preferring = riskFirstPlan(problem, { suppliers });
      expect(validatePlan(problem, preferring)).toEqual([]);
      expect(preferring.replacements.length).toBeGreaterThan(0);
      expect(new Set(preferring.replacements.map((r) => r.supplierId))).toEqual(new Set(['A']));
      // With slack in the floor the old crane leaves at contract either way, and B is taken.
      const slack = withSuppliers({}, { leadTimePeriods: 30 }, false);
      const atContract = riskFirstPlan(slack, {
        suppliers: new Map(allCranes(slack).map((id) => [id, ['B']])),
      });
      expect(new Set(atContract.replacements.map((r) => r.supplierId))).toEqual(new Set(['B']));
    });

    it('property: valid plans with any preferred suppliers, and the order search keeps them', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 4 }), (seed, count) => {
          const problem = generateProblem({ terminals: 5, cranes: 20, suppliers: count, years: 6, seed });
          const ids = problem.suppliers.map((x) => x.id);
          const suppliers = new Map(
            allCranes(problem).map((id, k) => [id, [ids[(k * 7 + seed) % ids.length] as string]]),
          );
          const plan = riskFirstPlan(problem, { suppliers });
          expect(validatePlan(problem, plan)).toEqual([]);
          const search = startOrderSearch(problem, { suppliers });
          expect(search.riskExposure).toBeCloseTo(plan.riskExposure, 9);
          for (let i = 0; i < 5; i++) search.step();
          expect(search.suppliers).toBe(suppliers);
          expect(
            riskFirstPlan(problem, { priorities: search.priorities, suppliers }).riskExposure,
          ).toBeCloseTo(search.riskExposure, 9);
        }),
        { numRuns: 15 },
      );
    });
  });

  it('pays from a program whose money lapses before one that carries over, so the carried money funds more', () => {
    const base = generateProblem({ terminals: 2, cranes: 2, suppliers: 1, years: 4, seed: 11 });
    const cost = 1_000_000_000;
    const supplier: PlanningSupplier = {
      id: 'A',
      name: 'A',
      trusted: true,
      leadTimePeriods: 12,
      deliveryMode: 'fully-erected',
      commissioningPeriods: 2,
      earliestContractPeriod: 0,
      offers: (['panamax', 'post-panamax', 'super-post-panamax'] as const).map((sizeClass) => ({
        sizeClass,
        unitCostCents: cost,
        capacityPerQuarter: 10,
      })),
    };
    const fiscalYears = [...new Set(base.calendar.map((c) => c.fiscalYear))];
    // Each program pays for exactly one crane a year: the federal one (80% of the cost, carried over) or the
    // state one (50%, lapsing).
    const problem: PlanningProblem = {
      ...base,
      suppliers: [supplier],
      crewRegions: base.crewRegions.map((c) => ({ ...c, simultaneousCommissionings: 10 })),
      budgets: fiscalYears.flatMap((fiscalYear) => [
        { programId: 'prog-federal', fiscalYear, amountCents: cost * 0.8, carryOver: true, localShare: 0.2 },
        { programId: 'prog-state', fiscalYear, amountCents: cost * 0.5, carryOver: false, localShare: 0.5 },
      ]),
      terminals: base.terminals.map((t, i) => ({
        ...t,
        demand: t.demand.map(() => 0),
        minCranesInService: 0,
        blackoutPeriods: [],
        // The first terminal is riskier, so it books first, and may draw on both programs; the second on the
        // federal one only.
        fundingProgramIds: i === 0 ? ['prog-federal', 'prog-state'] : ['prog-federal'],
        groups: t.groups.map((g) => ({ ...g, riskPerCranePeriod: i === 0 ? 2 : 1 })),
      })),
    };
    expect(problem.terminals.map((t) => t.groups.reduce((n, g) => n + g.craneIds.length, 0))).toEqual([1, 1]);
    const plan = riskFirstPlan(problem);
    expect(validatePlan(problem, plan)).toEqual([]);
    const first = plan.replacements.find((r) => r.terminalId === problem.terminals[0]!.id);
    const second = plan.replacements.find((r) => r.terminalId === problem.terminals[1]!.id);
    expect(first?.programId).toBe('prog-state');
    expect(second?.programId).toBe('prog-federal');
    // Both are signed in the first month: the federal money was left for the second terminal.
    expect([first?.contractPeriod, second?.contractPeriod]).toEqual([0, 0]);
    // The evaluator pays a schedule without programs the same way, so it keeps every budget.
    const unassigned = plan.replacements.map(({ programId: _, ...r }) => r);
    expect(validatePlan(problem, { replacements: unassigned })).toEqual([]);
  });
});
