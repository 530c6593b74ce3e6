import { greedyPlan, riskFirstPlan, type Plan, type Replanner } from '@portguard/core';

/** Re-optimisers a worker can rebuild by name (functions do not cross threads). */
export type ReplannerName = 'greedy' | 'heuristic';

const usable = (p: Plan) => p.status === 'feasible' || p.status === 'optimal';

/**
 * 'heuristic' is the optimiser's own first incumbent — the better of greedy and the risk-first rule (risk removed
 * per federal dollar, old cranes retired at contract where the terminal has spare capacity) — fast enough to run
 * at every shock of every Monte Carlo run; 'greedy' is the baseline rule.
 */
export function replannerFor(name: ReplannerName | undefined): Replanner | undefined {
  if (name === 'greedy') return (problem) => greedyPlan(problem);
  if (name === 'heuristic')
    return (problem) => {
      const greedy = greedyPlan(problem);
      const riskFirst = riskFirstPlan(problem);
      return usable(riskFirst) && (!usable(greedy) || riskFirst.riskExposure < greedy.riskExposure)
        ? riskFirst
        : greedy;
    };
  return undefined;
}
