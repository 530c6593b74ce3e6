import { describe, expect, it } from 'vitest';
import { doNothingPlan, greedyPlan } from '../planning/baselines.js';
import { evaluateSchedule } from '../planning/evaluate.js';
import { generateProblem } from '../planning/generator.js';
import { findBuiltinScenario } from './builtin-scenarios.js';
import { NATIONAL_MEASURES } from './replay.js';
import { nationalSeries, prepareSimulation, simulateBlock } from './simulate.js';

describe('the as-planned replay agrees with the planner’s own evaluation', () => {
  for (const [seed, granularity] of [
    [1, 'month'],
    [2, 'month'],
    [3, 'week'],
  ] as const) {
    it(`generated instance ${seed} (${granularity}s): shortfall, risk exposure, completion and spend`, () => {
      const base = generateProblem({ terminals: 8, cranes: 40, suppliers: 3, years: 6, seed, granularity });
      const greedy = greedyPlan(base);
      // 40% more demand than planned for, so that the schedules fall short and the shortfall is compared too.
      const problem = {
        ...base,
        terminals: base.terminals.map((t) => ({ ...t, demand: t.demand.map((x) => x * 1.4) })),
      };
      const plans = [
        evaluateSchedule(problem, greedy.replacements, { name: 'greedy', method: 'greedy' }),
        doNothingPlan(problem),
      ];
      const prep = prepareSimulation({
        problem,
        scenario: findBuiltinScenario('as-planned')!,
        plans,
        seed: 1,
        policy: 'frozen',
      });
      if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
      const block = simulateBlock(prep.value, 0, 1);
      plans.forEach((plan, k) => {
        const m = (name: (typeof NATIONAL_MEASURES)[number]) =>
          nationalSeries(block, k, NATIONAL_MEASURES.indexOf(name))[0]!;
        const shortfall = plan.capacity.reduce((s, c) => s + c.shortfall, 0);
        expect(shortfall).toBeGreaterThan(0);
        expect(m('teuLost')).toBeCloseTo(shortfall, 3);
        expect(m('riskExposure')).toBeCloseTo(plan.riskExposure, 6);
        expect(m('completionPeriod')).toBe(plan.completionPeriod ?? problem.periods);
        expect(m('spendCents')).toBe(plan.replacements.reduce((s, r) => s + r.costCents, 0));
        // A plan that keeps its crews, rail slots and blackouts is never pushed as planned.
        expect(m('resourceDelayMonths')).toBe(0);
      });
    });
  }
});

describe('weekly periods', () => {
  it('converts scenario months to weeks: a fixed 6-month supplier slip delays every arrival by 26 weeks', () => {
    const problem = generateProblem({
      terminals: 4,
      cranes: 12,
      suppliers: 2,
      years: 6,
      seed: 5,
      granularity: 'week',
    });
    const plan = greedyPlan(problem);
    const scenario = {
      ...findBuiltinScenario('as-planned')!,
      supplierSlips: [{ suppliers: 'all' as const, months: { min: 6, mode: 6, max: 6 }, probability: 1 }],
    };
    const prep = prepareSimulation({ problem, scenario, plans: [plan], seed: 1, policy: 'frozen' });
    if (!prep.ok) throw new Error(JSON.stringify(prep.issues));
    const block = simulateBlock(prep.value, 0, 1);
    const completion = nationalSeries(block, 0, NATIONAL_MEASURES.indexOf('completionPeriod'))[0]!;
    expect(plan.completionPeriod).not.toBeNull();
    expect(completion).toBe(Math.min(plan.completionPeriod! + 26, problem.periods));
  });
});
