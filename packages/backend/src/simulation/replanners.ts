import { greedyPlan, type Replanner } from '@portguard/core';

/** Re-optimisers a worker can rebuild by name (functions do not cross threads). */
export type ReplannerName = 'greedy';

export function replannerFor(name: ReplannerName | undefined): Replanner | undefined {
  if (name === 'greedy') return (problem) => greedyPlan(problem);
  return undefined;
}
