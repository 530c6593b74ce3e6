import { evaluateSchedule, generateProblem, greedyPlan, validatePlan } from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { replannerFor } from './replanners.js';

describe('re-planners', () => {
  it('the heuristic re-planner returns a valid plan never riskier than greedy', () => {
    for (const seed of [1, 2, 3]) {
      const problem = generateProblem({
        terminals: 6,
        cranes: 30,
        suppliers: 2,
        years: 6,
        seed,
        granularity: 'month',
      });
      const { replacements } = replannerFor('heuristic')!(problem);
      const plan = evaluateSchedule(problem, replacements, {
        name: 'replan',
        method: 'greedy',
        status: 'feasible',
      });
      expect(validatePlan(problem, plan)).toEqual([]);
      expect(plan.riskExposure).toBeLessThanOrEqual(greedyPlan(problem).riskExposure + 1e-9);
    }
  });
});
