import { describe, expect, it } from 'vitest';
import { greedyPlan } from '../planning/baselines.js';
import { validatePlan } from '../planning/evaluate.js';
import { generateProblem } from '../planning/generator.js';
import type { PlanningProblem } from '../planning/problem.js';
import { findBuiltinScenario } from './builtin-scenarios.js';
import { compilePlan, compileProblem, type PlanInput } from './compile.js';
import { RunDraws } from './draws.js';
import {
  aPlanningSupplier,
  aPlanningTerminal,
  aProblem,
  aReplacement,
  scenario,
} from './fixtures.test-util.js';
import { NATIONAL_MEASURES, Replayer } from './replay.js';
import { runStream } from './rng.js';
import type { Scenario } from './scenario.js';
import { nationalSeries, prepareSimulation, simulateBlock } from './simulate.js';

const DELAY = NATIONAL_MEASURES.indexOf('resourceDelayMonths');
const fixed = (m: number) => ({ min: m, mode: m, max: m });

function realize(problem: PlanningProblem, plan: PlanInput, s: Scenario) {
  const cp = compileProblem(problem, s);
  if (!cp.ok) throw new Error(JSON.stringify(cp.issues));
  const compiled = compilePlan(cp.value, plan);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const draws = new RunDraws(cp.value);
  draws.draw(runStream(1, 0));
  const d = new Replayer(cp.value).realize(compiled.value, draws);
  const n = plan.replacements.length;
  return {
    arrival: [...d.arrival.subarray(0, n)],
    inService: [...d.inService.subarray(0, n)],
    retire: [...d.retire.subarray(0, n)],
    delay: d.resourceDelay,
  };
}

function delayMeasure(problem: PlanningProblem, plan: PlanInput, s: Scenario): number {
  const prep = prepareSimulation({ problem, scenario: s, plans: [plan], seed: 1, policy: 'frozen' });
  if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
  return nationalSeries(simulateBlock(prep.value, 0, 1), 0, DELAY)[0]!;
}

describe('the frozen replay re-checks blackouts, crews and rail slots when dates slip', () => {
  it('a 3-month slip that moves a commissioning into a blackout waits until the blackout is over', () => {
    // Peak season: periods 16..19 (May–August 2027). Planned: arrival 12, commissioning 12–13.
    const problem = aProblem({
      terminals: [aPlanningTerminal({ id: 't1', cranes: 1, periods: 24, blackoutPeriods: [16, 17, 18, 19] })],
    });
    const plan: PlanInput = { name: 'p', replacements: [aReplacement({ craneId: 't1-c1' })] };
    const slip = scenario({ supplierSlips: [{ suppliers: 'all', months: fixed(3) }] });
    // Drawn arrival 15: commissioning 15–16 would touch period 16, so delivery waits for period 20.
    expect(realize(problem, plan, slip)).toEqual({ arrival: [20], inService: [22], retire: [22], delay: 5 });
    expect(delayMeasure(problem, plan, slip)).toBe(5);
    // A 2-month slip (commissioning 14–15) clears the blackout and is not pushed.
    const short = scenario({ supplierSlips: [{ suppliers: 'all', months: fixed(2) }] });
    expect(realize(problem, plan, short)).toMatchObject({ arrival: [14], inService: [16], delay: 0 });
  });

  it('a slip that makes two commissionings overlap in a region with one crew delays the later delivery', () => {
    const problem = aProblem({
      terminals: [
        aPlanningTerminal({ id: 't1', cranes: 1, periods: 24 }),
        aPlanningTerminal({ id: 't2', cranes: 1, periods: 24 }),
      ],
      suppliers: [aPlanningSupplier(), aPlanningSupplier({ id: 'sup-b', name: 'Supplier B' })],
      crewRegions: [{ region: 'west', simultaneousCommissionings: 1 }],
    });
    // One crew: t1 commissions in 12–13, t2 in 14–15.
    const plan: PlanInput = {
      name: 'p',
      replacements: [
        aReplacement({ craneId: 't1-c1' }),
        aReplacement({
          craneId: 't2-c1',
          terminalId: 't2',
          supplierId: 'sup-b',
          contractPeriod: 2,
          arrivalPeriod: 14,
          inServicePeriod: 16,
          retirePeriod: 16,
        }),
      ],
    };
    const asPlanned = realize(problem, plan, scenario());
    expect(asPlanned).toMatchObject({ arrival: [12, 14], delay: 0 });
    // Supplier A one month late: t1 commissions in 13–14, so t2's crew is free only from period 15.
    const late = scenario({ supplierSlips: [{ suppliers: ['sup-a'], months: fixed(1) }] });
    expect(realize(problem, plan, late)).toEqual({
      arrival: [13, 15],
      inService: [15, 17],
      retire: [15, 17],
      delay: 1,
    });
    // Without a crew limit nothing waits.
    expect(realize({ ...problem, crewRegions: [] }, plan, late)).toMatchObject({
      arrival: [13, 14],
      delay: 0,
    });
  });

  it('a commissioning slip that keeps an old crane on the rails longer holds the next delivery at a full terminal', () => {
    // Three rail slots, two untrusted cranes: one free slot. c1 uses it from period 12 and frees c1's old slot
    // at 14; c2 arrives into that slot at 14.
    const problem = aProblem({
      periods: 30,
      terminals: [aPlanningTerminal({ id: 't1', cranes: 2, periods: 30, railSlots: 3 })],
    });
    const plan: PlanInput = {
      name: 'p',
      replacements: [
        aReplacement({ craneId: 't1-c1' }),
        aReplacement({
          craneId: 't1-c2',
          contractPeriod: 2,
          arrivalPeriod: 14,
          inServicePeriod: 16,
          retirePeriod: 16,
        }),
      ],
    };
    expect(realize(problem, plan, scenario())).toMatchObject({ arrival: [12, 14], delay: 0 });
    const slip = scenario({
      commissioning: { useSupplierRange: false, slip: { probability: 1, months: fixed(2) } },
    });
    // c1 now commissions 12–15 and its old crane leaves at 16; c2 waits for that slot: arrival 16, in service 20.
    expect(realize(problem, plan, slip)).toEqual({
      arrival: [12, 16],
      inService: [16, 20],
      retire: [16, 20],
      delay: 2,
    });
  });

  it('realised dates keep crews, rail slots and blackouts on generated instances under everyday uncertainty', () => {
    const s = findBuiltinScenario('supplier-slip-6-months')!;
    let pushed = 0;
    for (const seed of [1, 2, 3, 4]) {
      const problem = generateProblem({
        terminals: 8,
        cranes: 40,
        suppliers: 3,
        years: 8,
        seed,
        granularity: seed === 3 ? 'week' : 'month',
      });
      const plan = greedyPlan(problem);
      const cp = compileProblem(problem, s);
      if (!cp.ok) throw new Error(JSON.stringify(cp.issues));
      const compiled = compilePlan(cp.value, plan);
      if (!compiled.ok) throw new Error('plan');
      const draws = new RunDraws(cp.value);
      const replayer = new Replayer(cp.value);
      for (let r = 0; r < 25; r++) {
        draws.draw(runStream(seed, r));
        const d = replayer.realize(compiled.value, draws);
        pushed += d.resourceDelay;
        const cap = (p: number) => Math.min(p, problem.periods);
        const realised = plan.replacements.map((x, i) => ({
          ...x,
          arrivalPeriod: cap(d.arrival[i]!),
          inServicePeriod: cap(d.inService[i]!),
          retirePeriod: cap(d.retire[i]!),
        }));
        const broken = validatePlan(problem, { replacements: realised }).filter((i) =>
          ['plan/crews', 'plan/rail-slots', 'plan/blackout'].includes(i.code),
        );
        expect(broken).toEqual([]);
      }
    }
    // The check is not vacuous: some deliveries did wait.
    expect(pushed).toBeGreaterThan(0);
  });
});
