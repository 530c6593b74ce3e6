import { greedyPlan } from '../planning/baselines.js';
import { generateProblem } from '../planning/generator.js';
import type { Plan } from '../planning/plan.js';
import type { PlanningProblem } from '../planning/problem.js';
import type { LegacyTerminalPeriodCapacity, StoredPlan } from '../planning/stored-plan.js';

/** The plan as plans were stored before its capacity rows' amounts were named for their measure. */
export const withLegacyCapacityNames = (plan: Plan): StoredPlan => ({
  ...plan,
  capacity: plan.capacity.map(({ capacity, demand, shortfall, ...rest }): LegacyTerminalPeriodCapacity => ({
    ...rest,
    capacityTeu: capacity,
    demandTeu: demand,
    shortfallTeu: shortfall,
  })),
});

/** A small generated problem, its greedy plan, and that plan as stored with the old capacity field names. */
export function legacyStoredPlanFixture(): {
  readonly problem: PlanningProblem;
  readonly plan: Plan;
  readonly legacy: StoredPlan;
} {
  const problem = generateProblem({
    terminals: 2,
    cranes: 4,
    suppliers: 2,
    years: 3,
    seed: 5,
    startMonth: '2027-01',
  });
  const plan = greedyPlan(problem);
  return { problem, plan, legacy: withLegacyCapacityNames(plan) };
}
