import { describe, expect, it } from 'vitest';
import { greedyPlan } from '../planning/baselines.js';
import type { BudgetLine, PlanningProblem } from '../planning/problem.js';
import { compilePlan, compileProblem, type PlanInput } from './compile.js';
import { RunDraws } from './draws.js';
import { aPlanningTerminal, aProblem, aReplacement, scenario } from './fixtures.test-util.js';
import { NATIONAL_MEASURES, Replayer } from './replay.js';
import { runStream } from './rng.js';
import type { Scenario } from './scenario.js';
import { nationalSeries, prepareSimulation, simulateBlock } from './simulate.js';

const atOnce = { min: 0, mode: 0, max: 0 };
const lines = (programId: string, carryOver: boolean): BudgetLine[] =>
  [2026, 2027, 2028, 2029].map((fiscalYear) => ({
    programId,
    fiscalYear,
    amountCents: 2_000_000_000,
    carryOver,
    localShare: 0,
  }));

/** Two $10M cranes per terminal, both contracted in FY2027 (periods 9..20 from January 2026). */
function twoInFy2027(terminal: string, contracts: readonly [number, number]): PlanInput['replacements'] {
  return contracts.map((c, k) =>
    aReplacement({
      craneId: `${terminal}-c${k + 1}`,
      terminalId: terminal,
      contractPeriod: c,
      arrivalPeriod: c + 12,
      inServicePeriod: c + 14,
      retirePeriod: c + 14,
    }),
  );
}

function contractsUnder(problem: PlanningProblem, plan: PlanInput, s: Scenario) {
  const cp = compileProblem(problem, s);
  if (!cp.ok) throw new Error(JSON.stringify(cp.issues));
  const compiled = compilePlan(cp.value, plan);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const draws = new RunDraws(cp.value);
  draws.draw(runStream(1, 0));
  const d = new Replayer(cp.value).realize(compiled.value, draws);
  return { contract: [...d.contract.subarray(0, plan.replacements.length)], shock: draws.shock };
}

describe('replayed budgets follow each program’s carry-over rule', () => {
  const cut = scenario({ fundingShocks: [{ fiscalYear: 2027, share: 0.5, knownAfterMonths: atOnce }] });
  const problemWith = (carryOver: boolean) =>
    aProblem({
      periods: 36,
      terminals: [aPlanningTerminal({ id: 't1', cranes: 2, periods: 36 })],
      budgets: lines('prog', carryOver),
    });
  const plan: PlanInput = { name: 'p', replacements: twoInFy2027('t1', [10, 11]) };

  it('money left in FY2026 carries into the cut FY2027 and funds both contracts; without carry-over one waits', () => {
    // FY2027 at 50% is $10M: one crane. FY2026's unspent $20M carried over covers the second.
    expect(contractsUnder(problemWith(true), plan, cut).contract).toEqual([10, 11]);
    expect(contractsUnder(problemWith(false), plan, cut).contract).toEqual([10, 21]);
  });

  it('each program keeps its own rule and money: the program without carry-over defers, the other does not', () => {
    const problem = aProblem({
      periods: 36,
      terminals: [
        aPlanningTerminal({ id: 't1', cranes: 2, periods: 36, fundingProgramIds: ['carries'] }),
        aPlanningTerminal({ id: 't2', cranes: 2, periods: 36, fundingProgramIds: ['lapses'] }),
      ],
      budgets: [...lines('carries', true), ...lines('lapses', false)],
    });
    const both: PlanInput = {
      name: 'both',
      replacements: [...twoInFy2027('t1', [10, 11]), ...twoInFy2027('t2', [10, 11])],
    };
    expect(contractsUnder(problem, both, cut).contract).toEqual([10, 11, 10, 21]);
  });

  it('a deferred contract is paid from the next year’s line plus what the cut year left over', () => {
    // 40% cut: $12M in FY2027 funds one $10M crane and $2M is left. FY2028's $20M funds the waiting crane and
    // c3; c4 ($2M) fits only when the $2M left in FY2027 carried over.
    const three: PlanInput = {
      name: 'three',
      replacements: [
        ...twoInFy2027('t1', [10, 11]),
        aReplacement({
          craneId: 't1-c3',
          contractPeriod: 22,
          arrivalPeriod: 34,
          inServicePeriod: 35,
          retirePeriod: 35,
        }),
        aReplacement({
          craneId: 't1-c4',
          contractPeriod: 23,
          arrivalPeriod: 35,
          inServicePeriod: 35,
          retirePeriod: 35,
          costCents: 200_000_000,
        }),
      ],
    };
    const problem = (carryOver: boolean) =>
      aProblem({
        periods: 48,
        terminals: [aPlanningTerminal({ id: 't1', cranes: 4, periods: 48 })],
        budgets: lines('prog', carryOver).map((l) => (l.fiscalYear === 2026 ? { ...l, amountCents: 0 } : l)),
      });
    const s = scenario({ fundingShocks: [{ fiscalYear: 2027, share: 0.4, knownAfterMonths: atOnce }] });
    // FY2028 starts in period 21 (October 2027); without carry-over c4 waits for FY2029 (period 33).
    expect(contractsUnder(problem(false), three, s).contract).toEqual([10, 21, 22, 33]);
    expect(contractsUnder(problem(true), three, s).contract).toEqual([10, 21, 22, 23]);
  });
});

describe('a cut becomes known during its fiscal year', () => {
  const problem = aProblem({
    periods: 36,
    terminals: [aPlanningTerminal({ id: 't1', cranes: 2, periods: 36 })],
    budgets: lines('prog', false),
  });
  const plan: PlanInput = { name: 'p', replacements: twoInFy2027('t1', [10, 11]) };

  it('contracts signed before the cut is known stand; the shock is when it becomes known', () => {
    const known = (m: number) =>
      scenario({
        fundingShocks: [{ fiscalYear: 2027, share: 0.5, knownAfterMonths: { min: m, mode: m, max: m } }],
      });
    // FY2027 starts in period 9 (October 2026).
    expect(contractsUnder(problem, plan, known(0))).toEqual({ contract: [10, 21], shock: 9 });
    expect(contractsUnder(problem, plan, known(3))).toEqual({ contract: [10, 11], shock: 12 });
    // Known in November (period 10): the contract of period 11 is signed after it and no longer fits.
    expect(contractsUnder(problem, plan, known(1))).toEqual({ contract: [10, 21], shock: 10 });
  });

  it('by default the cut is known 0–6 months into the year, drawn per run', () => {
    const s = scenario({ fundingShocks: [{ fiscalYear: 2027, share: 0.5 }] });
    expect(s.fundingShocks[0]!.knownAfterMonths).toEqual({ min: 0, mode: 3, max: 6 });
    const cp = compileProblem(problem, s);
    if (!cp.ok) throw new Error('compile');
    const draws = new RunDraws(cp.value);
    const seen = new Set<number>();
    for (let r = 0; r < 200; r++) {
      draws.draw(runStream(3, r));
      seen.add(draws.shock);
    }
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(9);
    expect(Math.max(...seen)).toBeLessThanOrEqual(15);
    expect(seen.size).toBeGreaterThan(3);
  });

  it('a first-year cut known in month 3 keeps the contracts signed before it, so two plans stay apart under re-planning', () => {
    // Plans start on 1 October 2026, the first day of FY2027; the cut halves FY2027 and is known in January.
    const periods = 48;
    const start = aProblem({
      startMonth: '2026-10',
      periods,
      terminals: [
        aPlanningTerminal({ id: 't1', cranes: 4, periods, demand: new Array<number>(periods).fill(0) }),
      ],
      budgets: [2027, 2028, 2029, 2030].map((fiscalYear) => ({
        programId: 'prog',
        fiscalYear,
        amountCents: 4_000_000_000,
        carryOver: false,
        localShare: 0,
      })),
    });
    const early: PlanInput = {
      name: 'early',
      replacements: twoInFy2027('t1', [0, 1]),
    };
    const late: PlanInput = { name: 'late', replacements: twoInFy2027('t1', [6, 7]) };
    const replan = (s: Scenario) => {
      const prep = prepareSimulation({
        problem: start,
        scenario: s,
        plans: [early, late],
        seed: 4,
        policy: 'replan',
      });
      if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
      return simulateBlock(prep.value, 0, 1, (state) => greedyPlan(state));
    };
    const RISK = NATIONAL_MEASURES.indexOf('riskExposure');
    const inJanuary = replan(
      scenario({
        fundingShocks: [{ planYear: 1, share: 0.5, knownAfterMonths: { min: 3, mode: 3, max: 3 } }],
      }),
    );
    const atOnceBlock = replan(
      scenario({ fundingShocks: [{ planYear: 1, share: 0.5, knownAfterMonths: atOnce }] }),
    );
    // Known on day one, both plans re-plan from nothing and coincide.
    expect(nationalSeries(atOnceBlock, 0, RISK)[0]).toBe(nationalSeries(atOnceBlock, 1, RISK)[0]);
    // Known in January, the early plan's two contracts stand and it burns risk down sooner.
    expect(nationalSeries(inJanuary, 0, RISK)[0]).toBeLessThan(nationalSeries(inJanuary, 1, RISK)[0]!);
    expect(inJanuary.replans).toBe(2);
  });
});
