import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinScenarios, findBuiltinScenario } from './builtin-scenarios.js';
import { compilePlan, compileProblem, type PlanInput } from './compile.js';
import { RunDraws } from './draws.js';
import {
  aPlanningSupplier,
  aPlanningTerminal,
  aProblem,
  aReplacement,
  scenario,
} from './fixtures.test-util.js';
import { buildReport, reportRows } from './report.js';
import { NATIONAL_MEASURES, Replayer } from './replay.js';
import { runStream } from './rng.js';
import { Scenario } from './scenario.js';
import {
  mergeBlocks,
  nationalSeries,
  prepareSimulation,
  periodSeries,
  simulateBlock,
  terminalSeries,
  type SimulationSpec,
} from './simulate.js';
import type { PlanningProblem } from '../planning/problem.js';

const TEU_LOST = NATIONAL_MEASURES.indexOf('teuLost');
const WEEKS = NATIONAL_MEASURES.indexOf('weeksBelowDemand');
const COMPLETION = NATIONAL_MEASURES.indexOf('completionPeriod');
const SPEND = NATIONAL_MEASURES.indexOf('spendCents');
const RISK = NATIONAL_MEASURES.indexOf('riskExposure');

function run(spec: SimulationSpec, runs: number) {
  const prep = prepareSimulation(spec);
  if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
  return simulateBlock(prep.value, 0, runs);
}

/** Every untrusted crane dark from the first month, for longer than the horizon. */
const disabled = {
  kind: 'disable-untrusted' as const,
  hazard: { kind: 'window' as const, from: '2026-01', to: '2026-01', probability: 1 },
  share: 1,
  durationMonths: { min: 100, mode: 100, max: 100 },
};

const oneCranePlan = (over: Partial<Parameters<typeof aReplacement>[0]> = {}): PlanInput => ({
  name: 'plan',
  replacements: [aReplacement({ craneId: 't1-c1', ...over })],
});

describe('hand-computable replays (one terminal, one crane, demand 800 TEU a month, 1000 TEU per crane)', () => {
  it('as planned: the two months between retiring the old crane at arrival and the new one in service lose 1,600 TEU', () => {
    const block = run(
      {
        problem: aProblem(),
        scenario: scenario(),
        plans: [oneCranePlan({ retirePeriod: 12 })],
        seed: 1,
        policy: 'frozen',
      },
      3,
    );
    expect([...nationalSeries(block, 0, TEU_LOST)]).toEqual([1600, 1600, 1600]);
    expect(nationalSeries(block, 0, WEEKS)[0]).toBeCloseTo(2 * (52 / 12), 9);
    expect(nationalSeries(block, 0, COMPLETION)[0]).toBe(12);
    expect(nationalSeries(block, 0, SPEND)[0]).toBe(1_000_000_000);
  });

  it('a fixed 6-month commissioning slip keeps the old crane retired at arrival and loses 8 months × 800 TEU', () => {
    const s = scenario({
      commissioning: {
        useSupplierRange: false,
        slip: { probability: 1, months: { min: 6, mode: 6, max: 6 } },
      },
    });
    const block = run(
      {
        problem: aProblem(),
        scenario: s,
        plans: [oneCranePlan({ retirePeriod: 12 })],
        seed: 9,
        policy: 'frozen',
      },
      2,
    );
    expect(nationalSeries(block, 0, TEU_LOST)[0]).toBe(6400);
    expect(nationalSeries(block, 0, COMPLETION)[0]).toBe(12);
  });

  it('a fixed 6-month delivery slip, with the old crane disabled from the start, loses exactly 6 × 800 TEU more', () => {
    const plan = oneCranePlan();
    const base = run(
      {
        problem: aProblem(),
        scenario: scenario({ adversary: [disabled] }),
        plans: [plan],
        seed: 3,
        policy: 'frozen',
      },
      1,
    );
    const slipped = run(
      {
        problem: aProblem(),
        scenario: scenario({
          adversary: [disabled],
          supplierSlips: [{ suppliers: ['sup-a'], months: { min: 6, mode: 6, max: 6 } }],
        }),
        plans: [plan],
        seed: 3,
        policy: 'frozen',
      },
      1,
    );
    expect(nationalSeries(base, 0, TEU_LOST)[0]).toBe(14 * 800);
    expect(nationalSeries(slipped, 0, TEU_LOST)[0]).toBe(20 * 800);
    // The old crane is retired when the new one enters service, six months later than planned.
    expect(nationalSeries(slipped, 0, COMPLETION)[0]).toBe(20);
  });

  it('cameras going dark with the cranes lose no TEU, and their risk still counts', () => {
    const cameras = aPlanningTerminal({
      id: 'eoc~cctv-camera',
      cranes: 3,
      periods: 24,
      teuPerCranePeriod: 1,
      demand: new Array<number>(24).fill(3),
      groups: [{ sizeClass: 'cctv-camera', craneIds: ['cam-1', 'cam-2', 'cam-3'], riskPerCranePeriod: 0.5 }],
    });
    const spec = (problem: PlanningProblem): SimulationSpec => ({
      problem,
      scenario: scenario({ adversary: [disabled], demandGrowth: { min: 0.5, mode: 0.5, max: 0.5 } }),
      plans: [oneCranePlan()],
      seed: 3,
      policy: 'frozen',
    });
    const cranesOnly = run(spec(aProblem()), 1);
    const withCameras = run(spec(aProblem({ terminals: [aProblem().terminals[0]!, cameras] })), 1);
    expect(nationalSeries(withCameras, 0, TEU_LOST)[0]).toBe(nationalSeries(cranesOnly, 0, TEU_LOST)[0]);
    // Three unreplaced cameras at 0.5 a month over the 24 months.
    expect(nationalSeries(withCameras, 0, RISK)[0]! - nationalSeries(cranesOnly, 0, RISK)[0]!).toBeCloseTo(
      36,
      6,
    );
  });

  it('a supplier losing half its capacity from month 6 stretches the rest of a 12-month delivery to 18 months', () => {
    const s = scenario({ supplierLosses: [{ suppliers: 'trusted', share: 0.5, from: { afterMonths: 6 } }] });
    const cp = compileProblem(aProblem(), s);
    if (!cp.ok) throw new Error('compile');
    const plan = compilePlan(cp.value, oneCranePlan());
    if (!plan.ok) throw new Error('plan');
    const draws = new RunDraws(cp.value);
    draws.draw(runStream(1, 0));
    const dates = new Replayer(cp.value).realize(plan.value, draws);
    expect([dates.arrival[0], dates.inService[0], dates.retire[0]]).toEqual([18, 20, 20]);
    expect(draws.shock).toBe(6);
  });

  it('spare parts stop: an untrusted crane that fails at once stays down until the new crane replaces it', () => {
    const s = scenario({
      adversary: [
        {
          kind: 'spare-parts-cutoff',
          hazard: { kind: 'window', from: '2026-04', to: '2026-04' },
          failureProbabilityPerMonth: 1,
        },
      ],
    });
    const block = run(
      { problem: aProblem(), scenario: s, plans: [oneCranePlan()], seed: 5, policy: 'frozen' },
      1,
    );
    // Down from period 3 (April) until period 14.
    expect(nationalSeries(block, 0, TEU_LOST)[0]).toBe(11 * 800);
  });
});

describe('funding shocks', () => {
  const problem = aProblem({
    periods: 36,
    terminals: [aPlanningTerminal({ id: 't1', cranes: 2, periods: 36 })],
    budgets: [2026, 2027, 2028, 2029].map((fiscalYear) => ({
      programId: 'prog',
      fiscalYear,
      amountCents: 2_000_000_000,
      carryOver: false,
      localShare: 0,
    })),
  });
  // Fiscal year 2027 runs from period 9 (Oct 2026) to period 20.
  const plan: PlanInput = {
    name: 'two-in-fy2027',
    replacements: [
      aReplacement({
        craneId: 't1-c1',
        contractPeriod: 10,
        arrivalPeriod: 22,
        inServicePeriod: 24,
        retirePeriod: 24,
      }),
      aReplacement({
        craneId: 't1-c2',
        contractPeriod: 11,
        arrivalPeriod: 23,
        inServicePeriod: 25,
        retirePeriod: 25,
      }),
    ],
  };
  const atOnce = { min: 0, mode: 0, max: 0 };
  const datesUnder = (s: Scenario) => {
    const cp = compileProblem(problem, s);
    if (!cp.ok) throw new Error(JSON.stringify(cp.issues));
    const compiled = compilePlan(cp.value, plan);
    if (!compiled.ok) throw new Error('plan');
    const draws = new RunDraws(cp.value);
    draws.draw(runStream(1, 0));
    const d = new Replayer(cp.value).realize(compiled.value, draws);
    return { contract: [...d.contract.subarray(0, 2)], inService: [...d.inService.subarray(0, 2)] };
  };

  it('a 50% cut in the plan’s second fiscal year defers the contract that no longer fits to the next October', () => {
    const d = datesUnder(
      scenario({ fundingShocks: [{ planYear: 2, share: 0.5, knownAfterMonths: atOnce }] }),
    );
    expect(d.contract).toEqual([10, 21]);
    expect(d.inService).toEqual([24, 35]);
  });

  it('proration defers every contract of the year', () => {
    expect(
      datesUnder(
        scenario({
          fundingShocks: [{ fiscalYear: 2027, share: 0.1, mode: 'prorate', knownAfterMonths: atOnce }],
        }),
      ).contract,
    ).toEqual([21, 21]);
  });

  it('a cut in a year without contracts changes nothing', () => {
    expect(datesUnder(scenario({ fundingShocks: [{ fiscalYear: 2029, share: 0.9 }] })).contract).toEqual([
      10, 11,
    ]);
  });

  it('names the shock when its fiscal year is outside the horizon', () => {
    const r = compileProblem(problem, scenario({ fundingShocks: [{ fiscalYear: 2040, share: 0.5 }] }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({ code: 'simulation/fiscal-year', path: ['fundingShocks', 0] });
  });
});

/** A few terminals with staggered replacements, for the statistical tests. */
function smallNation(): { problem: PlanningProblem; plans: PlanInput[] } {
  const periods = 60;
  const terminals = ['a', 'b', 'c'].map((id, i) =>
    aPlanningTerminal({
      id,
      cranes: 3 + i,
      periods,
      trustedCranes: 1,
      demand: new Array<number>(periods).fill(2500 + 500 * i),
    }),
  );
  const problem = aProblem({
    periods,
    terminals,
    suppliers: [
      aPlanningSupplier({
        leadTimeMinPeriods: 10,
        leadTimeMaxPeriods: 16,
        commissioningMinPeriods: 2,
        commissioningMaxPeriods: 4,
      }),
    ],
  });
  const replacements = terminals.flatMap((t, ti) =>
    t.groups[0]!.craneIds.map((craneId, k) => {
      const contract = 2 * k + ti;
      return aReplacement({
        craneId,
        terminalId: t.id,
        contractPeriod: contract,
        arrivalPeriod: contract + 12,
        inServicePeriod: contract + 14,
        retirePeriod: contract + 14,
      });
    }),
  );
  return {
    problem,
    plans: [
      { name: 'staggered', replacements },
      { name: 'do-nothing', replacements: [] },
    ],
  };
}

describe('reproducibility and common random numbers', () => {
  const { problem, plans } = smallNation();
  const crisis = findBuiltinScenario('western-pacific-crisis-2027')!;
  const spec = (seed: number): SimulationSpec => ({
    problem,
    scenario: crisis,
    plans,
    seed,
    policy: 'frozen',
  });

  it('the same seed gives the same runs; a different seed gives different runs', () => {
    const a = run(spec(42), 200);
    const b = run(spec(42), 200);
    const c = run(spec(43), 200);
    expect(a.national).toEqual(b.national);
    expect(a.terminal).toEqual(b.terminal);
    expect(a.national).not.toEqual(c.national);
  });

  it('any split of the runs into blocks merges to the same result', () => {
    const prep = prepareSimulation(spec(7));
    if (!prep.ok) throw new Error('prepare');
    const whole = simulateBlock(prep.value, 0, 120);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 119 }), fc.integer({ min: 1, max: 119 }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const blocks = [simulateBlock(prep.value, hi, 120 - hi), simulateBlock(prep.value, 0, lo)];
        if (hi > lo) blocks.push(simulateBlock(prep.value, lo, hi - lo));
        const merged = mergeBlocks(blocks);
        expect(merged.national).toEqual(whole.national);
        expect(merged.terminal).toEqual(whole.terminal);
        expect(merged.series).toEqual(whole.series);
      }),
      { numRuns: 15 },
    );
  });

  it('a plan compared with itself differs by exactly zero on every measure', () => {
    const block = run({ ...spec(5), plans: [plans[0]!, { ...plans[0]!, name: 'copy' }] }, 300);
    const report = buildReport(problem, block, { scenario: crisis.name, policy: 'frozen', seed: 5 });
    for (const m of NATIONAL_MEASURES) {
      const d = report.comparisons[0]!.measures[m];
      expect(d.meanDifference).toBe(0);
      expect(d.ci95).toEqual([0, 0]);
      expect(d.shareEqual).toBe(1);
    }
  });

  it('the staggered plan loses less than doing nothing in a 2027 crisis, with a confidence interval below zero', () => {
    const block = run(spec(11), 400);
    const report = buildReport(problem, block, { scenario: crisis.name, policy: 'frozen', seed: 11 });
    const d = report.comparisons.find((c) => c.plan === 'do-nothing')!.measures.teuLost;
    // do-nothing minus staggered: positive, and the interval excludes zero.
    expect(d.meanDifference).toBeGreaterThan(0);
    expect(d.ci95[0]).toBeGreaterThan(0);
    const staggered = report.plans[0]!;
    expect(staggered.national.teuLost.p10).toBeLessThanOrEqual(staggered.national.teuLost.p50);
    expect(staggered.national.teuLost.p50).toBeLessThanOrEqual(staggered.national.teuLost.p90);
    expect(report.plans[1]!.completedShare).toBe(0);
    expect(report.plans[1]!.completionMonth.p50).toBeNull();
    const rows = reportRows(report);
    expect(rows[0]).toContain('ci95_low');
    expect(rows.filter((r) => r[0] === 'difference')).toHaveLength(NATIONAL_MEASURES.length);
  });

  it('terminal TEU lost adds up to the national figure in every run', () => {
    const block = run(spec(3), 50);
    for (let r = 0; r < 50; r++) {
      const sum = [0, 1, 2].reduce((s, t) => s + terminalSeries(block, 0, 0, t)[r]!, 0);
      expect(sum).toBeCloseTo(nationalSeries(block, 0, TEU_LOST)[r]!, 6);
    }
  });

  it('with constant demand, no scenario makes a frozen plan lose less than it does as planned', () => {
    const asPlanned = run({ ...spec(1), scenario: findBuiltinScenario('as-planned')! }, 1);
    const floor = nationalSeries(asPlanned, 0, TEU_LOST)[0]!;
    for (const s of builtinScenarios) {
      const block = run({ ...spec(2), scenario: { ...s, demandGrowth: undefined } as Scenario }, 60);
      for (const x of nationalSeries(block, 0, TEU_LOST)) expect(x).toBeGreaterThanOrEqual(floor - 1e-6);
    }
  });
});

describe('replan policy', () => {
  it('re-plans once per run and plan at the shock, with earlier contracts fixed at their realised dates', () => {
    const { problem, plans } = smallNation();
    const seen: PlanningProblem[] = [];
    const replanner = (state: PlanningProblem): PlanInput => {
      seen.push(state);
      const fixed = new Set(
        state.terminals.flatMap((t) => t.groups.flatMap((g) => (g.fixed ?? []).map((f) => f.craneId))),
      );
      const start = state.suppliers[0]!.earliestContractPeriod;
      return {
        name: 'replanned',
        replacements: state.terminals.flatMap((t) =>
          t.groups[0]!.craneIds.filter((id) => !fixed.has(id)).map((craneId) =>
            aReplacement({
              craneId,
              terminalId: t.id,
              contractPeriod: start,
              arrivalPeriod: start + 12,
              inServicePeriod: start + 14,
              retirePeriod: start + 14,
            }),
          ),
        ),
      };
    };
    const s = scenario({
      adversary: [
        {
          kind: 'disable-untrusted',
          hazard: { kind: 'window', from: '2026-07', to: '2026-07' },
          share: 1,
          durationMonths: { min: 2, mode: 2, max: 2 },
        },
      ],
    });
    const prep = prepareSimulation({ problem, scenario: s, plans, seed: 1, policy: 'replan' });
    if (!prep.ok) throw new Error('prepare');
    const block = simulateBlock(prep.value, 0, 2, replanner);
    expect(block.replans).toBe(4);
    expect(seen).toHaveLength(4);
    // Shock in period 6: the staggered plan has contracted the cranes with contract periods 0..5.
    const fixed = seen[0]!.terminals.flatMap((t) => t.groups.flatMap((g) => g.fixed ?? []));
    expect(fixed.map((f) => f.contractPeriod).every((c) => c < 6)).toBe(true);
    expect(fixed).toHaveLength(plans[0]!.replacements.filter((r) => r.contractPeriod < 6).length);
    expect(seen[0]!.suppliers[0]!.earliestContractPeriod).toBe(6);
    // Doing nothing then re-planning at the shock replaces every crane.
    expect(nationalSeries(block, 1, COMPLETION)[0]).toBe(6 + 14);
    expect(() => simulateBlock(prep.value, 0, 1)).toThrow(/Replanner/);
  });
});

describe('scenarios and plans as data', () => {
  it('built-in scenarios compile against a problem', () => {
    for (const s of builtinScenarios) expect(compileProblem(aProblem({ periods: 48 }), s).ok).toBe(true);
    expect(builtinScenarios.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'baseline-uncertainty',
        'western-pacific-crisis-2027',
        'budget-cut-year-2',
        'supplier-slip-6-months',
      ]),
    );
  });

  it('reports an unknown crane in a plan with its index and field', () => {
    const r = prepareSimulation({
      problem: aProblem(),
      scenario: scenario(),
      plans: [{ name: 'mine', replacements: [aReplacement({ craneId: 'nope' })] }],
      seed: 1,
      policy: 'frozen',
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({
        code: 'simulation/unknown-crane',
        path: ['plans', 'mine', 'replacements', 0, 'craneId'],
      });
  });
});

describe('period series (fan charts)', () => {
  it('sum over periods to the national TEU lost and risk exposure of each run', () => {
    const { problem, plans } = smallNation();
    const block = run(
      {
        problem,
        scenario: findBuiltinScenario('western-pacific-crisis-2027')!,
        plans,
        seed: 8,
        policy: 'frozen',
      },
      30,
    );
    const RISK = NATIONAL_MEASURES.indexOf('riskExposure');
    for (let k = 0; k < plans.length; k++) {
      for (let r = 0; r < 30; r++) {
        let short = 0;
        let risk = 0;
        for (let p = 0; p < problem.periods; p++) {
          short += periodSeries(block, k, 0, p)[r]!;
          risk += periodSeries(block, k, 1, p)[r]!;
        }
        expect(short).toBeCloseTo(nationalSeries(block, k, TEU_LOST)[r]!, -1);
        expect(risk).toBeCloseTo(nationalSeries(block, k, RISK)[r]!, 1);
      }
    }
    const report = buildReport(problem, block, { scenario: 'x', policy: 'frozen', seed: 8 });
    const fan = report.plans[0]!.fan.riskRemaining;
    expect(fan.p50).toHaveLength(problem.periods);
    expect(report.periodMonths[0]).toBe('2026-01');
    for (let p = 0; p < problem.periods; p++) expect(fan.p10[p]!).toBeLessThanOrEqual(fan.p90[p]!);
    // The staggered plan burns risk down; doing nothing does not.
    expect(fan.p50.at(-1)!).toBeLessThan(fan.p50[0]!);
    expect(report.plans[1]!.fan.riskRemaining.p50.at(-1)).toBe(report.plans[1]!.fan.riskRemaining.p50[0]);
  });
});

describe('linked adversary events', () => {
  it('an event `with` an earlier one happens in the same period of every run', () => {
    const crisis = findBuiltinScenario('western-pacific-crisis-2027')!;
    const cp = compileProblem(aProblem({ periods: 48 }), crisis);
    if (!cp.ok) throw new Error(JSON.stringify(cp.issues));
    const draws = new RunDraws(cp.value);
    const starts = new Set<number>();
    for (let r = 0; r < 50; r++) {
      draws.draw(runStream(4, r));
      expect(draws.cutoffStart).toBe(draws.disableStart[0]);
      starts.add(draws.cutoffStart);
    }
    // Months of 2027 are periods 12..23 from January 2026.
    expect([...starts].every((p) => p >= 12 && p <= 23)).toBe(true);
    expect(starts.size).toBeGreaterThan(3);
  });

  it('names a link to an unknown or later event', () => {
    const r = Scenario.safeParse({
      name: 'x',
      description: 'x',
      adversary: [
        {
          kind: 'spare-parts-cutoff',
          hazard: { kind: 'with', event: 'later' },
          failureProbabilityPerMonth: 0.1,
        },
        {
          kind: 'disable-untrusted',
          name: 'later',
          hazard: { kind: 'constant', annualProbability: 0.1 },
          durationMonths: { min: 1, mode: 1, max: 1 },
        },
      ],
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual(['adversary', 0, 'hazard', 'event']);
  });
});
