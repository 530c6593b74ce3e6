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

/** What a search found, as JSON (a job's result): the plan's figures, not the plan. */
export interface EarliestDeadlineSummary {
  readonly earliest: {
    readonly month: string;
    readonly riskExposure: number;
    readonly gap: number | null;
  } | null;
  /** The latest month proven impossible (no plan retires every untrusted crane by it). */
  readonly impossibleBy: string | null;
  /** The earliest month found is the earliest there is: the month before it is proven impossible, or it is the first. */
  readonly exact: boolean;
  readonly probes: readonly Omit<DeadlineProbe, 'period'>[];
}

/** Whether the month found is the earliest there is: the month before it is proven impossible, or it is the first. */
export const provenEarliest = (e: Pick<EarliestDeadline, 'met' | 'impossible'>): boolean =>
  e.met !== null && (e.met.period === 0 || e.impossible?.period === e.met.period - 1);

export function summariseEarliestDeadline(e: EarliestDeadline): EarliestDeadlineSummary {
  return {
    earliest:
      e.met === null
        ? null
        : { month: e.met.month, riskExposure: e.met.plan.riskExposure, gap: e.met.plan.gap },
    impossibleBy: e.impossible?.month ?? null,
    exact: provenEarliest(e),
    probes: e.probes.map(({ month, outcome, seconds }) => ({ month, outcome, seconds })),
  };
}

/** The problem with no deadline at any terminal. */
export const withoutDeadlines = (problem: PlanningProblem): PlanningProblem => ({
  ...problem,
  terminals: problem.terminals.map(({ deadlinePeriod: _dropped, ...t }) => t),
});

/** The problem with every untrusted crane due for retirement by `period`. */
export const withCommonDeadline = (problem: PlanningProblem, period: number): PlanningProblem => ({
  ...problem,
  terminals: problem.terminals.map((t) => ({ ...t, deadlinePeriod: period })),
});

/**
 * The earliest period with a plan, where a plan at p means plans at every later period and `impossible` at p means
 * none at or before it: probes `start` first (null if it has no plan), then the period before it, then bisects below
 * that. An `undecided` probe
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
  if (start === 0) return start;
  // The start is often the earliest already (deadlineAPlanMeets on the national set): the month before it says so in
  // one probe, where bisecting from the first period takes seven.
  switch (await probe(start - 1)) {
    case 'impossible':
    case null:
      return start;
    case 'plan':
      return (await earliestIn(-1, start - 1)) ?? start - 1;
    case 'undecided':
      return (await earliestIn(-1, start - 1)) ?? start;
  }
}
