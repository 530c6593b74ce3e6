import { describe, expect, it } from 'vitest';
import { doNothingPlan, greedyPlan } from '../planning/baselines.js';
import { evaluateSchedule } from '../planning/evaluate.js';
import { generateProblem } from '../planning/generator.js';
import { findBuiltinScenario } from './builtin-scenarios.js';
import { NATIONAL_MEASURES } from './replay.js';
import { nationalSeries, prepareSimulation, simulateBlock } from './simulate.js';

describe('the as-planned replay agrees with the planner’s own evaluation', () => {
  for (const seed of [1, 2, 3]) {
    it(`generated instance ${seed}: shortfall, risk exposure, completion and spend`, () => {
      const base = generateProblem({ terminals: 8, cranes: 40, suppliers: 3, years: 6, seed });
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
        const shortfall = plan.capacity.reduce((s, c) => s + c.shortfallTeu, 0);
        expect(shortfall).toBeGreaterThan(0);
        expect(m('teuLost')).toBeCloseTo(shortfall, 3);
        expect(m('riskExposure')).toBeCloseTo(plan.riskExposure, 6);
        expect(m('completionPeriod')).toBe(plan.completionPeriod ?? problem.periods);
        expect(m('spendCents')).toBe(plan.replacements.reduce((s, r) => s + r.costCents, 0));
      });
    });
  }
});
