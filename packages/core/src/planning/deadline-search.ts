import type { Plan } from './plan.js';
import type { PlanningProblem } from './problem.js';

/** One deadline tried: a plan found, proven impossible (the exact LP or MIP has no point), or undecided in time. */
export interface DeadlineProbe {
  readonly period: number;
  readonly month: string;
  readonly outcome: 'plan' | 'impossible' | 'undecided';
  readonly seconds: number;
}

export interface EarliestDeadline {
  /** The earliest common deadline with a plan that keeps every rule (that plan), or null when none was found. */
  readonly met: { readonly period: number; readonly month: string; readonly plan: Plan } | null;
  /** The latest deadline proven impossible: no plan retires every untrusted crane by it. */
  readonly impossible: { readonly period: number; readonly month: string } | null;
  readonly probes: readonly DeadlineProbe[];
}

/** The problem with every untrusted crane due for retirement by `period`. */
export const withCommonDeadline = (problem: PlanningProblem, period: number): PlanningProblem => ({
  ...problem,
  terminals: problem.terminals.map((t) => ({ ...t, deadlinePeriod: period })),
});

/**
 * The earliest period with a plan, where a plan at p means plans at every later period and `impossible` at p means
 * none at or before it: probes `start` first (null if it has no plan), then bisects below. An `undecided` probe
 * says nothing, so the earlier half is searched first, then the later; a null probe (budget spent) ends a branch.
 */
export async function searchEarliestPeriod(
  start: number,
  probe: (period: number) => Promise<DeadlineProbe['outcome'] | null>,
): Promise<number | null> {
  // The earliest period in (low, high) with a plan, or null; nothing is known at `high` itself.
  const earliestIn = async (low: number, high: number): Promise<number | null> => {
    if (high - low <= 1) return null;
    const mid = Math.floor((low + high) / 2);
    switch (await probe(mid)) {
      case 'plan':
        return (await earliestIn(low, mid)) ?? mid;
      case 'impossible':
        return earliestIn(mid, high);
      case 'undecided':
        return (await earliestIn(low, mid)) ?? (await earliestIn(mid, high));
      case null:
        return null;
    }
  };
  if ((await probe(start)) !== 'plan') return null;
  return (await earliestIn(-1, start)) ?? start;
}
