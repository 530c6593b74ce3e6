import { periodMonthLabel } from './calendar.js';
import type { MilpSolver } from './milp.js';
import { deadlineAPlanMeets, planReplacement } from './optimise.js';
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
 * The earliest month by which every untrusted crane can be retired, searched by bisection: each probe plans with that
 * common deadline (`timeLimitSeconds` each, no explanation). A plan found moves the upper end down; a probe the exact
 * LP (or MIP) proves impossible, or one that finds no plan in its time, moves the lower end up. The start of the
 * upper end is the risk-first plan's completion without deadlines (proven), else the horizon's last period. Since
 * a deadline met stays met when it moves later, the answer is exact when the probe just before it was proven
 * impossible; `impossible` says how far the proof goes.
 */
export async function earliestCommonDeadline(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly clock?: () => number },
): Promise<EarliestDeadline> {
  const month = (p: number) => periodMonthLabel(problem.startMonth, problem.granularity, p);
  const probes: DeadlineProbe[] = [];
  let impossible: EarliestDeadline['impossible'] = null;
  let met: EarliestDeadline['met'] = null;
  const probe = async (period: number): Promise<boolean> => {
    const plan = await planReplacement(
      withCommonDeadline(problem, period),
      {
        timeLimitSeconds: options.timeLimitSeconds,
        explain: false,
        name: `Optimised (MILP), every crane retired by ${month(period)}`,
        ...(options.clock !== undefined ? { clock: options.clock } : {}),
      },
      solver,
    );
    const found = plan.status === 'optimal' || plan.status === 'feasible';
    const outcome = found ? 'plan' : plan.status === 'infeasible' ? 'impossible' : 'undecided';
    probes.push({ period, month: month(period), outcome, seconds: plan.solveSeconds });
    if (found) met = { period, month: month(period), plan };
    if (outcome === 'impossible' && (impossible === null || period > impossible.period))
      impossible = { period, month: month(period) };
    return found;
  };
  const proven = deadlineAPlanMeets(problem)?.period;
  let high = proven ?? problem.periods - 1;
  if (!(await probe(high))) return { met, impossible, probes };
  let low = -1;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await probe(mid)) high = mid;
    else low = mid;
  }
  return { met, impossible, probes };
}
