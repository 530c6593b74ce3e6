import { riskByPeriodOf, validatePlan } from '../evaluate.js';
import type { MilpModel, MilpSolver } from '../milp.js';
import type { PlannedReplacement } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import type { BuiltModel } from './build.js';
import { readSchedule, scheduleToValues } from './read-solution.js';

export interface WindowSearchOptions {
  /** Half-widths (periods) of the successive windows, e.g. [4, 6]: each solve starts from the last plan. */
  readonly windows: readonly number[];
  /** Each window MIP's time limit (seconds), asked before each solve. */
  readonly secondsPerWindow: () => number;
  /** Stops before the next window when it returns true (a time budget). */
  readonly stop?: () => boolean;
  /** Branch-and-bound nodes per window (a limit that repeats exactly, unlike time). */
  readonly maxNodes?: number;
  /**
   * LP iterations over all windows (work that repeats exactly, unlike time): no further window once they are
   * spent. The last window may end beyond it.
   */
  readonly maxIterations?: number;
}

/**
 * LP iterations per branch-and-bound node assumed before a window has shown its own (measured: national ±3, 1,820
 * at the root; 200 cranes ±3, 2,000; 2,000 cranes ±2, 2,700).
 */
const PRIOR_ITERATIONS_PER_NODE = 2000;

/** Re-solves of one width after it stopped on a limit with an improvement, before widening. */
const MAX_REPEATS = 3;

export interface WindowSearchResult {
  readonly schedule: readonly PlannedReplacement[];
  readonly riskExposure: number;
  /** The half-width of each window solved, in order (a width stopped on a limit may repeat). */
  readonly widths: readonly number[];
  readonly windowsImproved: number;
  readonly seconds: number;
  /** LP iterations over all windows. */
  readonly iterations: number;
  /** The solver's remarks, e.g. a refused start or a stop on a limit. */
  readonly messages: readonly string[];
}

/**
 * Large-neighbourhood search over time: the whole national model, with each contract allowed to move at most w
 * periods from where the plan has it (same supplier) and every retirement free. A bound on each cumulative
 * column does it, C[t − w] ≤ C′[t] ≤ C[t + w] with the plan's staircase C, so the MIP is the exact model with
 * narrow windows, which HiGHS solves to optimality in seconds; it can trade budget, supplier slots and crews
 * between terminals, which the terminal blocks cannot. On the national set: 2,243.0 → 2,224.6 (w = 4, 1.4 s),
 * → 2,221.3 (w = 6, 2.8 s). The plan's values are the MIP start, so the risk never rises; a result is kept only
 * when it passes validatePlan.
 */
export async function improveByContractWindows(
  problem: PlanningProblem,
  built: BuiltModel,
  start: readonly PlannedReplacement[],
  solver: MilpSolver,
  options: WindowSearchOptions,
): Promise<WindowSearchResult> {
  const exposure = (s: readonly PlannedReplacement[]): number =>
    riskByPeriodOf(problem, s).reduce((a, b) => a + b, 0);
  let schedule = start;
  let risk = exposure(start);
  let seconds = 0;
  let windowsImproved = 0;
  let iterations = 0;
  let iterationsPerNode = 0;
  const messages: string[] = [];
  let repeats = 0;
  const widths: number[] = [];
  for (let next = 0; next < options.windows.length;) {
    const w = options.windows[next] as number;
    if (options.stop?.() === true) break;
    if (options.maxIterations !== undefined && iterations >= options.maxIterations) {
      messages.push(`the windows' ${options.maxIterations} LP iterations are spent; no ±${w} window`);
      break;
    }
    const values = scheduleToValues(problem, built.index, built.model.columns.length, schedule);
    if (values === null) break;
    // With an iteration budget, a window gets the nodes that the rest of it buys at the costliest node so far (or
    // the prior): still a count, so the run repeats exactly.
    const affordable =
      options.maxIterations !== undefined
        ? Math.max(
            1,
            Math.floor(
              (options.maxIterations - iterations) / Math.max(iterationsPerNode, PRIOR_ITERATIONS_PER_NODE),
            ),
          )
        : undefined;
    const maxNodes =
      affordable === undefined ? options.maxNodes : Math.min(affordable, options.maxNodes ?? Infinity);
    const r = await solver.solve(windowedModel(built, values, w), {
      timeLimitSeconds: options.secondsPerWindow(),
      mipRelGap: 1e-4,
      initialSolution: values,
      ...(maxNodes !== undefined ? { maxNodes } : {}),
    });
    if (r.iterations !== undefined && r.nodes !== undefined)
      iterationsPerNode = Math.max(iterationsPerNode, r.iterations / Math.max(1, r.nodes));
    seconds += r.seconds;
    iterations += r.iterations ?? 0;
    widths.push(w);
    if (r.message !== undefined) messages.push(`w = ${w}: ${r.message}`);
    const candidate = r.values === null ? null : readSchedule(problem, built.index, r.values);
    const candidateRisk = candidate === null ? Infinity : exposure(candidate);
    const improved =
      candidate !== null &&
      candidateRisk < risk - 1e-9 &&
      validatePlan(problem, { replacements: candidate }).length === 0;
    if (improved) {
      schedule = candidate;
      risk = candidateRisk;
      windowsImproved++;
    }
    // A window that finds nothing better makes a wider one unlikely to pay for its time; one that its node or time
    // limit stopped after an improvement is solved again from there before widening.
    if (!improved) break;
    if (r.status === 'optimal' || ++repeats >= MAX_REPEATS) {
      next++;
      repeats = 0;
    }
  }
  return {
    schedule,
    riskExposure: risk,
    widths,
    windowsImproved,
    seconds,
    iterations,
    messages,
  };
}

/**
 * The model with every contract column C[g,s,i] also bounded by the plan's C[g,s,i−w] and C[g,s,i+w]. Within the
 * column's own bounds: a contract period frozen by a blackout is a column bound (upper 0) in the model.
 */
export function windowedModel(built: BuiltModel, values: readonly number[], w: number): MilpModel {
  const columns = [...built.model.columns];
  for (const g of built.index.groups) {
    for (const c of g.contracts) {
      const last = c.cols.length - 1;
      c.cols.forEach((col, i) => {
        const column = columns[col];
        if (column === undefined) return;
        // Nothing is contracted before the first contract period.
        const lower = i - w < 0 ? 0 : (values[c.cols[i - w] as number] ?? 0);
        const upper = values[c.cols[Math.min(last, i + w)] as number] ?? 0;
        columns[col] = {
          ...column,
          lower: Math.max(column.lower, lower),
          upper: Math.min(column.upper, upper),
        };
      });
    }
  }
  return { ...built.model, columns };
}
