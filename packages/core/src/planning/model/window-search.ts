import { riskExposureOf, scheduleObjective, validatePlan } from '../evaluate.js';
import type { MilpModel, MilpRow, MilpSolveOptions, MilpSolver } from '../milp.js';
import type { PlannedReplacement } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import { commissioningMeetsBlackout, type BuiltModel, type ContractIndex } from './build.js';
import { substituteFixedColumns } from './fixed-columns.js';
import { readSchedule, scheduleToValues } from './read-solution.js';

/**
 * What a window's half-width counts: calendar periods, or the periods in which a terminal may sign with the supplier
 * (not frozen by its blackouts; see windowedModel).
 */
export type WindowWidthUnit = 'periods' | 'open periods';

/** Periods [from, to]: only the contracts the plan has in them move (see windowedModel). */
export interface TimeSlice {
  readonly from: number;
  readonly to: number;
}

export interface WindowSearchOptions {
  /** Half-widths (periods) of the successive windows, e.g. [4, 6]: each solve starts from the last plan. */
  readonly windows: readonly number[];
  /**
   * Each width swept over time slices of `length` periods every `step` periods instead of one window over the whole
   * horizon (slices without a contract are skipped). Slices make much wider windows solvable: HiGHS closes each at
   * its root node or nearly.
   */
  readonly slices?: { readonly length: number; readonly step: number };
  /** Each window MIP's time limit (seconds), asked before each solve. */
  readonly secondsPerWindow: () => number;
  /** Stops before the next window when it returns true (a time budget). */
  readonly stop?: () => boolean;
  /** Stops before the next window once the plan so far is proven within the requested gap of the optimum. */
  readonly withinGap?: (schedule: readonly PlannedReplacement[]) => boolean;
  /** Branch-and-bound nodes per window (a limit that repeats exactly, unlike time). */
  readonly maxNodes?: number;
  /**
   * First the ladder with rounded windows (the window's LP, then a MIP only between its vertex's rounding and the
   * plan), a width that finds nothing giving way to the next wider one; then, with what is left, the ladder again
   * with the windows' own MIPs. Default false: the windows' MIPs alone.
   */
  readonly rounding?: boolean;
  /**
   * LP iterations over all windows (work that repeats exactly, unlike time): no further window once they are
   * spent. The last window may end beyond it. A solve counts at least FREE_COLUMN_WORK per free column.
   */
  readonly maxIterations?: number;
  /**
   * With slices and rounding: after the rounded ladder, one sweep of windows of this half-width in which a contract
   * may also change supplier (`supplierWindowModel`), with what the budget has left.
   */
  readonly supplierWindows?: { readonly width: number };
  /** What the supplier-keeping windows' half-widths count (default 'periods'). */
  readonly widthIn?: WindowWidthUnit;
}

/**
 * LP iterations per branch-and-bound node assumed before a window has shown its own (measured: national ±3, 1,820
 * at the root; 200 cranes ±3, 2,000; 2,000 cranes ±2, 2,700).
 */
const PRIOR_ITERATIONS_PER_NODE = 2000;

/**
 * What one iteration of a rounded window's LP counts for, against one of a window MIP: rounded slices' LPs iterate
 * about 13,700 times a second of solver time (national set, ±4, ±8 and ±12: 32,900 in 2.4 s), window MIPs
 * 1,000–1,500 (see SLICED_WINDOW_ITERATIONS_PER_SECOND), so an iteration budget sized for the MIPs is a time budget
 * for both.
 */
export const ROUNDED_ITERATION_WORK = 0.09;

/**
 * What one LP iteration of a rounded window's MIP counts for. They iterate as window MIPs do, not as the window's LP:
 * 1,530 a second on the national set (2,915 in 1.9 s over 25 slices, against 25,930 of the slices' LPs in 1.85 s),
 * 1,150–1,360 at 2,000 cranes, where the MIPs take two thirds of a slice's time. Counted at ROUNDED_ITERATION_WORK
 * until the fourteenth pass, a slice's work came out at a third of its time there, and a ±8 slice started with 2,000
 * counted iterations left took 30 s.
 */
export const ROUNDED_MIP_ITERATION_WORK = 0.85;

/**
 * What a rounded window counts on top, per column of the whole model: the JavaScript around each solve (the window's
 * bounds, substituting its fixed columns, reading the plan back) grows with the model, not the window (national set:
 * 0.4 s over 28 slices of a 24,151-column model, about 18 iterations' worth each).
 */
export const ROUNDED_SOLVE_WORK_PER_MODEL_COLUMN = 0.0008;

/**
 * Iterations a solve counts at least per column its window frees: weekly windows free every retirement week of a
 * moving group and take 0.1–1.1 s for 12–330 iterations (national set by week, ±6 over 24 weeks: 1,280–6,060 free
 * columns), where monthly ones iterate about 1,250 times a second; a 30 s weekly run's windows took 76 s on
 * iterations alone.
 */
const FREE_COLUMN_WORK = 0.2;

/**
 * What a supplier window (`supplierWindowModel`) counts per free column for its LP, solved by interior point in a few
 * dozen iterations that take far longer than the simplex's: national set, ±4 over two-year slices, 3,600–7,800 free
 * columns, LP 0.4–0.9 s, about 0.15 s per 1,000 columns at the windows' 1,320 counted iterations a second.
 */
const SUPPLIER_WINDOW_COLUMN_WORK = 0.15;

/**
 * A rounded window's MIP stops once its plan is within this share of what the window's LP can gain on the plan
 * (the plan's objective, as `scheduleObjective` scores it, less the LP's), or within its relative gap. At 2,000
 * cranes a ±4 slice's MIP (76k columns, 3.7k after presolve) finds a plan 0.01% above its LP within 10 s, then spent
 * 6 s more on cuts and a restart to prove 10⁻⁴; stopping at 2% of the gain (about 3 of 300) halves the slice's time
 * for the same plan within 0.1%. National set: windows gain 0.1–10 on 2,200, so 10⁻⁴ stops them first and the plans
 * are unchanged.
 */
export const ROUNDED_MIP_GAIN_TOLERANCE = 0.02;

/** Re-solves of one width after it stopped on a limit with an improvement, before widening. */
const MAX_REPEATS = 3;

export interface WindowSearchResult {
  readonly schedule: readonly PlannedReplacement[];
  readonly riskExposure: number;
  /** The half-width of each window solved, in order (a width stopped on a limit, or swept over slices, repeats). */
  readonly widths: readonly number[];
  /** How many of them, the first, were rounded windows (`WindowSearchOptions.rounding`). */
  readonly roundedSolves: number;
  /** How many of the rounded ones let contracts change supplier (`WindowSearchOptions.supplierWindows`). */
  readonly supplierSolves: number;
  readonly windowsImproved: number;
  readonly seconds: number;
  /**
   * LP iterations over all windows (at least FREE_COLUMN_WORK per free column a solve), a rounded window's counted
   * at ROUNDED_ITERATION_WORK each for its LP and ROUNDED_MIP_ITERATION_WORK for its MIP.
   */
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
  const exposure = (s: readonly PlannedReplacement[]): number => riskExposureOf(problem, s);
  // Plans are compared as the model compares them: with a soft floor its priced shortfall counts too.
  const score = (s: readonly PlannedReplacement[]): number => scheduleObjective(problem, s);
  let schedule = start;
  let risk = score(start);
  let seconds = 0;
  let windowsImproved = 0;
  let iterations = 0;
  let iterationsPerNode = 0;
  let roundedSolves = 0;
  // The rounded window with the most free columns so far and the work it counted.
  let largestRounded: { readonly columns: number; readonly work: number } | null = null;
  const messages: string[] = [];
  const widths: number[] = [];
  let supplierSolves = 0;
  // One solve of width w (over the slice, if any): true when it improved the plan, and whether it ended on a limit.
  const solveWindow = async (
    w: number,
    slice: TimeSlice | undefined,
    rounded: boolean,
    suppliersFree = false,
  ): Promise<{ readonly improved: boolean; readonly complete: boolean } | null> => {
    if (options.stop?.() === true) return null;
    if (options.withinGap?.(schedule) === true) {
      messages.push(`the plan is within the requested gap; no ±${w} window`);
      return null;
    }
    if (options.maxIterations !== undefined && iterations >= options.maxIterations) {
      messages.push(`the windows' ${options.maxIterations} LP iterations are spent; no ±${w} window`);
      return null;
    }
    const values = scheduleToValues(problem, built.index, built.model.columns.length, schedule);
    if (values === null) {
      messages.push('the plan does not fit the model (a contract off its grid or window); no window');
      return null;
    }
    if (slice !== undefined && !contractsWithin(built, values, slice))
      return { improved: false, complete: true };
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
    // Only what the window frees goes to the solver.
    const supplierWindow =
      suppliersFree && slice !== undefined ? supplierWindowModel(built, values, w, slice) : null;
    const reduced = substituteFixedColumns(
      supplierWindow?.model ?? windowedModel(built, values, w, slice, options.widthIn),
    );
    // A window whose free columns alone would cost more than the budget has left is not started: it could not be
    // stopped before it ends (the national set by week, 10 s: one ±3 window over the whole horizon took 3.5 s).
    const columns = reduced.model.columns.length;
    const work = rounded ? ROUNDED_ITERATION_WORK : 1;
    const leastWork =
      supplierWindow !== null
        ? Math.round(columns * SUPPLIER_WINDOW_COLUMN_WORK)
        : Math.round(columns * FREE_COLUMN_WORK) * work;
    if (options.maxIterations !== undefined && iterations + leastWork > options.maxIterations) {
      messages.push(
        `a ±${w} window would free ${columns} columns, more than the windows' ${options.maxIterations} LP iterations have left`,
      );
      return null;
    }
    // A rounded window larger than any so far is expected to cost the largest one's work grown as the square of its
    // free columns (2,000 cranes: ±4 slices of 49k–76k columns 0.7–6 s, a ±8 slice's root alone 25 s); one the rest
    // of the budget cannot pay for is not started.
    if (
      rounded &&
      supplierWindow === null &&
      options.maxIterations !== undefined &&
      largestRounded !== null &&
      columns > largestRounded.columns
    ) {
      const expected = largestRounded.work * (columns / largestRounded.columns) ** 2;
      if (iterations + expected > options.maxIterations) {
        messages.push(
          `a ±${w} window would free ${columns} columns, more than the largest so far (${largestRounded.columns}), and is expected to cost ${Math.round(expected)} of the ${Math.round(options.maxIterations - iterations)} LP iterations left`,
        );
        return null;
      }
    }
    const start = reduced.reducedValues(values);
    // Rounded: the window's LP first, then the MIP between its vertex's rounding and the plan (see
    // roundingNeighbourhood), or over the whole window when the LP gives no point.
    const lp = rounded
      ? await solver.solve(reduced.model, {
          timeLimitSeconds: options.secondsPerWindow(),
          mipRelGap: 0,
          relaxIntegrality: true,
          lpAlgorithm: supplierWindow !== null ? 'ipm' : 'simplex',
        })
      : null;
    // What every window solved adds to the result's tallies.
    const tally = (solveSeconds: number, windowWork: number): void => {
      seconds += solveSeconds;
      iterations += windowWork;
      widths.push(w);
      if (rounded) roundedSolves++;
      if (supplierWindow !== null) supplierSolves++;
    };
    // A supplier window's own MIP is not tried when its LP gives no point: at 200 generated cranes a ±8 one took
    // 40–60 s where the roundings took 0.1–0.3 s.
    if (supplierWindow !== null && lp?.values == null) {
      tally(lp?.seconds ?? 0, leastWork);
      return { improved: false, complete: true };
    }
    const r = await solver.solve(
      lp?.values != null ? roundingNeighbourhood(reduced.model, lp.values, start) : reduced.model,
      {
        timeLimitSeconds: options.secondsPerWindow(),
        mipRelGap: 1e-4,
        initialSolution: start,
        neighbourhoodOfStart: true,
        ...(maxNodes !== undefined ? { maxNodes } : {}),
        ...(lp?.values != null && lp.objective !== null
          ? { mipAbsGap: ROUNDED_MIP_GAIN_TOLERANCE * Math.max(0, risk - lp.objective) }
          : {}),
      },
    );
    if (!rounded && r.iterations !== undefined && r.nodes !== undefined)
      iterationsPerNode = Math.max(iterationsPerNode, r.iterations / Math.max(1, r.nodes));
    // A window MIP that ran because the LP gave no point counts as one. A supplier window's LP (interior point)
    // counts by its columns, its few iterations being far slower.
    const solvedWork =
      (supplierWindow !== null ? leastWork : (lp?.iterations ?? 0) * work) +
      (r.iterations ?? 0) * (lp?.values != null ? ROUNDED_MIP_ITERATION_WORK : 1);
    const windowWork =
      Math.max(solvedWork, leastWork) +
      (rounded ? built.model.columns.length * ROUNDED_SOLVE_WORK_PER_MODEL_COLUMN : 0);
    tally((lp?.seconds ?? 0) + r.seconds, windowWork);
    if (rounded && supplierWindow === null && (largestRounded === null || columns > largestRounded.columns))
      largestRounded = { columns, work: windowWork };
    if (r.message !== undefined)
      messages.push(`w = ${w}${slice !== undefined ? ` [${slice.from}, ${slice.to}]` : ''}: ${r.message}`);
    const candidate =
      r.values === null
        ? null
        : readSchedule(
            problem,
            built.index,
            supplierWindow !== null
              ? supplierWindow.complete(reduced.fullValues(r.values))
              : reduced.fullValues(r.values),
          );
    const candidateRisk = candidate === null ? Infinity : score(candidate);
    const improved =
      candidate !== null &&
      candidateRisk < risk - 1e-9 &&
      validatePlan(problem, { replacements: candidate }).length === 0;
    if (improved) {
      schedule = candidate;
      risk = candidateRisk;
      windowsImproved++;
    }
    return { improved, complete: r.status === 'optimal' };
  };

  const { slices } = options;
  // One pass over the ladder: false when a window could not be solved (a budget spent, the gap reached).
  const ladder = async (rounded: boolean): Promise<boolean> => {
    if (slices !== undefined) {
      // Each width sweeps the horizon slice by slice. A window MIP's sweep that finds nothing ends the ladder, as a
      // window does; a rounded one gives way to the next wider width.
      const length = Math.max(1, Math.floor(slices.length));
      const step = Math.max(1, Math.floor(slices.step));
      let stuckAt = -Infinity;
      const supplierSweep = rounded ? options.supplierWindows : undefined;
      const sweep = async (w: number, suppliersFree: boolean): Promise<boolean | null> => {
        let improvedInSweep = false;
        for (let from = 0; from < problem.periods; from += step) {
          const done = await solveWindow(w, { from, to: from + length - 1 }, rounded, suppliersFree);
          if (done === null) return null;
          if (done.improved) improvedInSweep = true;
        }
        return improvedInSweep;
      };
      for (const w of options.windows) {
        if (w <= stuckAt) continue;
        const improvedInSweep = await sweep(w, false);
        if (improvedInSweep === null) return false;
        if (!improvedInSweep) {
          if (!rounded) return true;
          stuckAt = w;
        }
      }
      if (supplierSweep !== undefined) return (await sweep(supplierSweep.width, true)) !== null;
      return true;
    }
    let repeats = 0;
    for (let next = 0; next < options.windows.length;) {
      const w = options.windows[next] as number;
      const done = await solveWindow(w, undefined, rounded);
      if (done === null) return false;
      // A window MIP that finds nothing better makes a wider one unlikely to pay for its time; one that its node or
      // time limit stopped after an improvement is solved again from there before widening. A rounded window that
      // finds nothing gives way to the next width.
      if (!done.improved) {
        if (!rounded) return true;
        next++;
        repeats = 0;
      } else if (done.complete || ++repeats >= MAX_REPEATS) {
        next++;
        repeats = 0;
      }
    }
    return true;
  };
  if (options.rounding !== true || (await ladder(true))) await ladder(false);
  return {
    schedule,
    riskExposure: exposure(schedule),
    widths,
    roundedSolves,
    supplierSolves,
    windowsImproved,
    seconds,
    iterations,
    messages,
  };
}

const inSlice = (period: number, slice: TimeSlice): boolean => period >= slice.from && period <= slice.to;

/**
 * A contract staircase's values in the plan (`planned`), and the plan's contracts up to each column counting only
 * those signed within the slice (`inside`; all of them without one), with how many that is (`count`).
 */
function plannedWithin(
  c: ContractIndex,
  values: readonly number[],
  slice: TimeSlice | undefined,
): { readonly planned: readonly number[]; readonly inside: readonly number[]; readonly count: number } {
  const planned = c.cols.map((col) => values[col] ?? 0);
  let count = 0;
  const inside = planned.map((p, i) => {
    if (slice === undefined || inSlice(c.first + i * c.step, slice))
      count += p - (i > 0 ? (planned[i - 1] as number) : 0);
    return count;
  });
  return { planned, inside, count };
}

/** Whether the plan (as column values) signs any contract within the slice. */
function contractsWithin(built: BuiltModel, values: readonly number[], slice: TimeSlice): boolean {
  return built.index.groups.some((g) =>
    g.contracts.some((c) =>
      c.cols.some((col, i) => {
        const period = c.first + i * c.step;
        const before = i > 0 ? (values[c.cols[i - 1] as number] ?? 0) : 0;
        return inSlice(period, slice) && (values[col] ?? 0) > before;
      }),
    ),
  );
}

/**
 * The model with every contract column C[g,s,i] also bounded by the plan's C[g,s,i−w] and C[g,s,i+w], within the
 * column's own bounds. In 'open periods', w counts only the periods in which the group's terminal may sign with s: a
 * period whose commissioning would meet one of the terminal's blackouts is frozen in the model (no contract there).
 *
 * With a slice, only the contracts the plan signs within it move: C[i] lies between out(i) + in(i−w) and
 * out(i) + in(i+w), in and out counting the plan's contracts up to i inside and outside the slice; and a group
 * with no contract in the slice keeps its retirements. Every staircase between those bounds is a plan of the
 * group's cranes (they are interchangeable), and the plan itself is one.
 */
export function windowedModel(
  built: BuiltModel,
  values: readonly number[],
  w: number,
  slice?: TimeSlice,
  widthIn: WindowWidthUnit = 'periods',
): MilpModel {
  const columns = [...built.model.columns];
  const bound = (col: number, lower: number, upper: number): void => {
    const column = columns[col];
    if (column === undefined) return;
    columns[col] = {
      ...column,
      lower: Math.max(column.lower, lower),
      upper: Math.min(column.upper, upper),
    };
  };
  for (const g of built.index.groups) {
    let moves = slice === undefined;
    const blackout = new Set(g.terminal.blackoutPeriods);
    for (const c of g.contracts) {
      const { planned, inside, count } = plannedWithin(c, values, slice);
      if (count > 0) moves = true;
      const open = c.cols.flatMap((_, i) =>
        widthIn === 'open periods' && commissioningMeetsBlackout(blackout, c.supplier, c.first + i * c.step)
          ? []
          : [i],
      );
      // A frozen column equals the open one before it (none: 0), so each column takes that one's window.
      let rank = -1;
      c.cols.forEach((col, i) => {
        if (open[rank + 1] === i) rank++;
        const outside = (planned[i] as number) - (inside[i] as number);
        // Nothing is contracted before the first contract period.
        const earlier = open[rank - w];
        const later = open[Math.min(open.length - 1, rank + w)];
        const lower = outside + (earlier === undefined ? 0 : (inside[earlier] as number));
        const upper = outside + (later === undefined ? 0 : (inside[later] as number));
        bound(col, lower, upper);
      });
    }
    if (!moves)
      for (const col of g.retireCols) {
        const planned = values[col] ?? 0;
        bound(col, planned, planned);
      }
  }
  return { ...built.model, columns };
}

/** Terminals with a deadline that the schedule misses: a crane not replaced, or retired after it. */
export function terminalsMissingDeadlines(
  problem: PlanningProblem,
  schedule: readonly PlannedReplacement[],
): ReadonlySet<string> {
  const retired = new Map(schedule.map((r) => [r.craneId, r.retirePeriod]));
  const missing = new Set<string>();
  for (const t of problem.terminals) {
    const deadline = t.deadlinePeriod;
    if (deadline === undefined) continue;
    for (const g of t.groups)
      for (const id of g.craneIds) {
        const when = retired.get(id);
        if (when === undefined || when > deadline) missing.add(t.id);
      }
  }
  return missing;
}

/**
 * Above this many columns the repair's last rung, the whole model with no start, is not tried: on the national set
 * (22k columns, every crane due by 2033-12, from column generation's order) it found nothing in its 65 s, where the
 * narrower rungs had each ended within 5 s.
 */
export const WHOLE_MODEL_REPAIR_COLUMNS = 10_000;

/**
 * The repair's window widths, tried in turn: 2, 4, 8, 16, 32 periods, then the whole model when it is small enough
 * to search. National set (`repairMissedDeadlines`' LP and rounding): every crane due by 2034-12 or 2033-12, ±8; by
 * 2034-02 or 2033-11, ±16; by 2034-09, ±32 (every narrower LP infeasible). On small generated problems ±12 or more
 * can be needed.
 */
export function deadlineRepairWindows(periods: number, modelColumns: number): readonly number[] {
  const windows = [2, 4, 8, 16, 32].filter((w) => w < periods);
  return modelColumns <= WHOLE_MODEL_REPAIR_COLUMNS ? [...windows, periods] : windows;
}

export interface DeadlineRepair {
  readonly schedule: readonly PlannedReplacement[];
  /** The terminals whose deadlines the start missed. */
  readonly terminals: readonly string[];
  /** The width that gave a plan keeping every rule. */
  readonly width: number;
  /** 'rounding': the MIP over the rounding of the window's LP point; 'window': the window's own MIP. */
  readonly how: 'rounding' | 'window';
  readonly seconds: number;
}

/**
 * The model with each integer column bounded by the floor and the ceiling of its value in `lpValues` (within its own
 * bounds), continuous columns unchanged: the neighbourhood HiGHS's RENS heuristic searches, as a model of its own.
 * With `alsoContaining` (a point, e.g. the plan), each integer column's range is widened to take in its value there
 * too, so that point stays feasible.
 */
export function roundingNeighbourhood(
  model: MilpModel,
  lpValues: readonly number[],
  alsoContaining?: readonly number[],
): MilpModel {
  return {
    ...model,
    columns: model.columns.map((c, j) => {
      const v = lpValues[j];
      if (!c.integer || v === undefined) return c;
      let lower = Math.min(c.upper, Math.max(c.lower, Math.floor(v + INTEGRALITY_TOLERANCE)));
      let upper = Math.max(lower, Math.min(c.upper, Math.ceil(v - INTEGRALITY_TOLERANCE)));
      const kept = alsoContaining?.[j];
      if (kept !== undefined) {
        lower = Math.max(c.lower, Math.min(lower, kept));
        upper = Math.min(c.upper, Math.max(upper, kept));
      }
      return lower === c.lower && upper === c.upper ? c : { ...c, lower, upper };
    }),
  };
}

const INTEGRALITY_TOLERANCE = 1e-6;

/**
 * A plan that keeps every rule from one that misses deadlines (the risk-first rule takes each crane's earliest slot
 * in its order and leaves a crane unreplaced when none is left before its deadline): windows in which every group of
 * the terminals that miss a deadline is free and every other contract moves at most w periods (a w as long as the
 * horizon: the whole model, since a window keeps each supplier's count of contracts). Null when none has a plan.
 *
 * Each width in turn: its LP by interior point, whose infeasibility proves the width has no plan, then the MIP over
 * the rounding of its point (`roundingNeighbourhood`). (By the dual simplex until item 31: every crane due by
 * 2033-11, ±16's LP took 4.8–6.4 s against 2.3–2.7 s, and the rounding's MIP gave 2,222.8 against 2,223.1.) Only
 * when no width's rounding has a plan, the MIPs of the widths whose LP had a point, in turn. The window MIPs spend
 * their root in cut separation before their first plan, where the vertex is nearly integral (national set, every
 * crane due by 2033-12, ±8: LP 1.7 s, the rounding's MIP 0.5 s for 2,223.3, against 14.5 s for the window's MIP's
 * first plan, 2,222.4; ±2 and ±4 proven empty by their LPs in 0.4–0.5 s against 1.0–1.3 s by MIP).
 */
export async function repairMissedDeadlines(
  problem: PlanningProblem,
  built: BuiltModel,
  start: readonly PlannedReplacement[],
  solver: MilpSolver,
  options: {
    readonly windows: readonly number[];
    /** For all the solves together: each gets what the ones before it left; none starts once they are spent. */
    readonly seconds: number;
    readonly maxNodes?: number;
  },
): Promise<DeadlineRepair | null> {
  const missing = terminalsMissingDeadlines(problem, start);
  if (missing.size === 0) return null;
  // The terminals that miss their deadlines are freed whole, so their contracts (some may be after the deadline,
  // where the model has no column) are left out.
  const kept = start.filter((r) => !missing.has(r.terminalId));
  const values = scheduleToValues(problem, built.index, built.model.columns.length, kept);
  if (values === null) return null;
  const windowOf = (w: number) => {
    // A window as wide as the horizon frees every column: the whole model (a window keeps each supplier's count).
    const windowed = w >= problem.periods ? built.model : windowedModel(built, values, w);
    const columns = [...windowed.columns];
    for (const g of built.index.groups) {
      if (!missing.has(g.terminal.id)) continue;
      for (const col of [...g.retireCols, ...g.contracts.flatMap((c) => c.cols)])
        columns[col] = built.model.columns[col] as (typeof columns)[number];
    }
    return substituteFixedColumns({ ...windowed, columns });
  };
  let seconds = 0;
  const spent = (): boolean => seconds >= options.seconds;
  const solve = async (model: MilpModel, how: Omit<MilpSolveOptions, 'timeLimitSeconds' | 'mipRelGap'>) => {
    const r = await solver.solve(model, {
      timeLimitSeconds: options.seconds - seconds,
      mipRelGap: 1e-4,
      ...how,
    });
    seconds += r.seconds;
    return r;
  };
  // A plan that keeps every rule is what the repair is for; the windows that follow improve it.
  const mipLimits = {
    stopAtFirstSolution: true,
    ...(options.maxNodes !== undefined ? { maxNodes: options.maxNodes } : {}),
  };
  const planOf = (
    window: ReturnType<typeof windowOf>,
    solved: readonly number[] | null,
    w: number,
    how: DeadlineRepair['how'],
  ): DeadlineRepair | null => {
    if (solved === null) return null;
    const schedule = readSchedule(problem, built.index, window.fullValues(solved));
    return validatePlan(problem, { replacements: schedule }).length === 0
      ? { schedule, terminals: [...missing].sort(), width: w, how, seconds }
      : null;
  };
  const lpOf = (window: ReturnType<typeof windowOf>) =>
    solve(window.model, { relaxIntegrality: true, lpAlgorithm: 'ipm' });
  // A solver that runs solves side by side gets every width's LP at once but the last, the widest first: the wide
  // ones, which take seconds (national set, every crane due by 2033-11: ±16 2.3 s, against 0.3–1.2 s for ±2 to ±8),
  // run beside the narrow ones and their roundings. They are read in width order, so the repair is the one of one at a
  // time; their seconds are summed, so the cap errs early. An LP left running when a narrower width has given the plan
  // only takes a worker's time; the last width's (±32: 6.8 s) would hold it through the windows, so it waits its turn.
  const sideBySide = (solver.parallelism ?? 1) >= 2;
  const launched = new Map(
    sideBySide
      ? [...options.windows.slice(0, -1)].reverse().map((w) => {
          const window = windowOf(w);
          const lp = lpOf(window);
          lp.catch(() => undefined);
          return [w, { window, lp }] as const;
        })
      : [],
  );
  const withLpPoint: { readonly w: number; readonly window: ReturnType<typeof windowOf> }[] = [];
  for (const w of options.windows) {
    if (spent()) return null;
    const early = launched.get(w);
    const window = early?.window ?? windowOf(w);
    const lp = await (early?.lp ?? lpOf(window));
    if (lp.status === 'infeasible') continue;
    withLpPoint.push({ w, window });
    if (lp.values === null || spent()) continue;
    const rounded = await solve(roundingNeighbourhood(window.model, lp.values), mipLimits);
    const repaired = planOf(window, rounded.values, w, 'rounding');
    if (repaired !== null) return repaired;
  }
  for (const { w, window } of withLpPoint) {
    if (spent()) return null;
    const r = await solve(window.model, mipLimits);
    const repaired = planOf(window, r.values, w, 'window');
    if (repaired !== null) return repaired;
  }
  return null;
}

/**
 * A window in which a group's contracts signed within the slice may also change supplier (item 31). Each supplier's
 * contracts by a period of the slice lie between those it signed before the slice and that plus all the group's
 * contracts in the slice, while the group's sum over its suppliers keeps the ±w window of `windowedModel`. Every
 * contract after the slice keeps its period and supplier: its column is written in every row and in the objective as
 * its supplier's last column in the slice plus the plan's contracts since, and one supplier's last column in the
 * slice through the others', so that the group signs as many contracts in the slice as the plan. Groups without a
 * contract in the slice keep the plan. `complete` gives the written columns' values back.
 *
 * Windows that keep suppliers cannot move a contract to a supplier the plan does not use there, whose lead time may
 * be shorter: national set, from an LP-guided start that they left at 2,200.7, one ±4 sweep of these gave 2,194.9
 * (the first slice alone 2,198.5, within 0.5% of the bound).
 */
export function supplierWindowModel(
  built: BuiltModel,
  values: readonly number[],
  w: number,
  slice: TimeSlice,
): { readonly model: MilpModel; readonly complete: (values: readonly number[]) => number[] } {
  const columns = [...built.model.columns];
  const extraRows: MilpRow[] = [];
  // Columns written through others: value = offset + Σ coefficient × column (columns that are not written so).
  const alias = new Map<number, { terms: Map<number, number>; offset: number }>();
  const bound = (col: number, lower: number, upper: number): void => {
    const column = columns[col];
    if (column === undefined) return;
    columns[col] = { ...column, lower: Math.max(column.lower, lower), upper: Math.min(column.upper, upper) };
  };
  // A linear form over columns with every alias replaced by its terms.
  const expand = (
    entries: Iterable<readonly [number, number]>,
  ): { terms: Map<number, number>; offset: number } => {
    const terms = new Map<number, number>();
    let offset = 0;
    const add = (j: number, v: number): void => {
      const a = alias.get(j);
      if (a === undefined) {
        terms.set(j, (terms.get(j) ?? 0) + v);
        return;
      }
      offset += v * a.offset;
      for (const [k, u] of a.terms) add(k, v * u);
    };
    for (const [j, v] of entries) add(j, v);
    for (const [j, v] of terms) if (Math.abs(v) < 1e-12) terms.delete(j);
    return { terms, offset };
  };
  const totals: { cols: number[]; total: number }[] = [];
  for (const g of built.index.groups) {
    const per = g.contracts.map((c) => ({ c, ...plannedWithin(c, values, slice) }));
    const k = per.reduce((a, x) => a + x.count, 0);
    if (k === 0) {
      for (const { c, planned } of per) c.cols.forEach((col, i) => bound(col, planned[i]!, planned[i]!));
      for (const col of g.retireCols) bound(col, values[col] ?? 0, values[col] ?? 0);
      continue;
    }
    const lastPeriod = slice.to + w;
    const sums = new Map<number, { lower: number; upper: number; cols: number[] }>();
    for (let p = slice.from; p <= lastPeriod; p++) sums.set(p, { lower: 0, upper: 0, cols: [] });
    for (const { c, planned, inside } of per) {
      const last = c.cols.length - 1;
      let lastInSlice = -1;
      c.cols.forEach((col, i) => {
        const period = c.first + i * c.step;
        const outside = (planned[i] as number) - (inside[i] as number);
        if (period < slice.from) bound(col, planned[i]!, planned[i]!);
        else if (period <= slice.to) {
          bound(col, outside, outside + k);
          lastInSlice = i;
        } else if (lastInSlice < 0) bound(col, planned[i]!, planned[i]!);
        else
          alias.set(col, {
            terms: new Map([[c.cols[lastInSlice] as number, 1]]),
            offset: planned[i]! - planned[lastInSlice]!,
          });
      });
      for (let p = slice.from; p <= lastPeriod; p++) {
        const i = Math.floor((p - c.first) / c.step);
        if (i < 0) continue;
        const at = Math.min(i, last);
        const outside = (planned[at] as number) - (inside[at] as number);
        const sum = sums.get(p)!;
        sum.lower += outside + (i - w < 0 ? 0 : (inside[Math.min(last, i - w)] as number));
        sum.upper += outside + (inside[Math.min(last, i + w)] as number);
        sum.cols.push(c.cols[at] as number);
      }
    }
    for (const [p, sum] of sums) {
      if (p === lastPeriod && sum.lower === sum.upper) totals.push({ cols: sum.cols, total: sum.lower });
      else
        extraRows.push({
          name: `flexsum_${g.retireCols[0]}_${p}`,
          lower: sum.lower,
          upper: sum.upper,
          indices: sum.cols,
          values: sum.cols.map(() => 1),
        });
    }
  }
  // The group's total after the slice is the plan's: one of its suppliers' columns written through the others.
  for (const { cols, total } of totals) {
    const form = expand(cols.map((j) => [j, 1] as const));
    const rest = total - form.offset;
    const [first, ...others] = [...form.terms];
    if (first === undefined) continue;
    const [x0, a0] = first;
    if (others.length === 0) {
      bound(x0, rest / a0, rest / a0);
      continue;
    }
    const column = columns[x0]!;
    // x0's own bounds, as a row over the others: lower ≤ (rest − Σ a x) / a0 ≤ upper (a0 = 1 here).
    extraRows.push({
      name: `flexbound_${x0}`,
      lower: rest - a0 * column.upper,
      upper: rest - a0 * column.lower,
      indices: others.map(([j]) => j),
      values: others.map(([, v]) => v),
    });
    alias.set(x0, { terms: new Map(others.map(([j, v]) => [j, -v / a0])), offset: rest / a0 });
  }
  // Resolve chains, so every alias is over free columns only.
  for (const [col, a] of [...alias]) {
    const e = expand(a.terms);
    alias.set(col, { terms: e.terms, offset: e.offset + a.offset });
  }
  let offset = built.model.offset ?? 0;
  for (const [col, a] of alias) {
    const cost = built.model.columns[col]!.cost;
    // Fixed at an arbitrary value: the column is in no row any more; complete() gives its value.
    columns[col] = { ...columns[col]!, lower: 0, upper: 0 };
    if (cost === 0) continue;
    offset += cost * a.offset;
    for (const [j, v] of a.terms) columns[j] = { ...columns[j]!, cost: columns[j]!.cost + cost * v };
  }
  const rewrite = (row: MilpRow): MilpRow => {
    if (!row.indices.some((j) => alias.has(j))) return row;
    const form = expand(row.indices.map((j, q) => [j, row.values[q] as number] as const));
    return {
      ...row,
      lower: row.lower - form.offset,
      upper: row.upper - form.offset,
      indices: [...form.terms.keys()],
      values: [...form.terms.values()],
    };
  };
  const rows = [...built.model.rows, ...extraRows].map(rewrite);
  return {
    model: { ...built.model, offset, columns, rows },
    complete: (full) => {
      const out = [...full];
      for (const [col, a] of alias) {
        let v = a.offset;
        for (const [j, u] of a.terms) v += u * (full[j] ?? 0);
        out[col] = v;
      }
      return out;
    },
  };
}
