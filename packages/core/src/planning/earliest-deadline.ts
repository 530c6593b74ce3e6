import { periodMonthLabel } from './calendar.js';
import type { MilpSolver } from './milp.js';
import { deadlineAPlanMeets, planReplacement } from './optimise.js';
import type { Plan } from './plan.js';
import type { PlanningProblem } from './problem.js';
import { searchEarliestPeriod, withCommonDeadline, type DeadlineProbe } from './deadline-search.js';

export interface EarliestDeadline {
  /** The earliest common deadline with a plan that keeps every rule (that plan), or null when none was found. */
  readonly met: { readonly period: number; readonly month: string; readonly plan: Plan } | null;
  /** The latest deadline proven impossible: no plan retires every untrusted crane by it. */
  readonly impossible: { readonly period: number; readonly month: string } | null;
  readonly probes: readonly DeadlineProbe[];
}

/**
 * The earliest month by which every untrusted crane can be retired, searched by bisection: each probe plans with that
 * common deadline (`timeLimitSeconds` each, no explanation). The upper end starts at the risk-first plan's
 * completion without deadlines (proven), else the horizon's last period, and that probe's plan is kept. A plan found
 * moves the upper end down, a probe the exact LP (or MIP) proves impossible moves the lower end up (a deadline met
 * stays met when it moves later). A probe that finds no plan in its time decides nothing: the earlier half is
 * searched first, then the later. At most `maxProbes` (default 2⌈log₂ periods⌉ + 4) plans are made. The answer is
 * exact when the month before it is proven impossible; `impossible` says how far the proof goes.
 */
export async function earliestCommonDeadline(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly clock?: () => number; readonly maxProbes?: number },
): Promise<EarliestDeadline> {
  const month = (p: number) => periodMonthLabel(problem.startMonth, problem.granularity, p);
  const maxProbes = options.maxProbes ?? 2 * Math.ceil(Math.log2(Math.max(2, problem.periods))) + 4;
  const probes: DeadlineProbe[] = [];
  const plans = new Map<number, Plan>();
  const probe = async (period: number): Promise<DeadlineProbe['outcome'] | null> => {
    if (probes.length >= maxProbes) return null;
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
    if (found) plans.set(period, plan);
    return outcome;
  };
  const start = deadlineAPlanMeets(problem)?.period ?? problem.periods - 1;
  const earliest = await searchEarliestPeriod(start, probe);
  const proven = probes.filter(
    (p) => p.outcome === 'impossible' && (earliest === null || p.period < earliest),
  );
  const last = proven.reduce<DeadlineProbe | null>(
    (a, p) => (a === null || p.period > a.period ? p : a),
    null,
  );
  return {
    met: earliest === null ? null : { period: earliest, month: month(earliest), plan: plans.get(earliest)! },
    impossible: last === null ? null : { period: last.period, month: last.month },
    probes,
  };
}
