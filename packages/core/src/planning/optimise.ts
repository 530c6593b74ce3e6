import { PortGuardError } from '../shared/errors.js';
import { greedyPlan } from './baselines.js';
import {
  riskFirstPlan,
  riskFirstPriorities,
  startOrderSearch,
  type OrderSearch,
  type PreferredSuppliers,
} from './heuristics/risk-first.js';
import { periodMonthLabel } from './calendar.js';
import {
  provenEarliest,
  searchEarliestPeriod,
  withCommonDeadline,
  withoutDeadlines,
  type DeadlineProbe,
  type EarliestDeadline,
} from './deadline-search.js';
import { evaluateSchedule, riskExposureOf, scheduleObjective, validatePlan } from './evaluate.js';
import type { MilpResult, MilpSolver } from './milp.js';
import { aggregateRelaxation } from './model/aggregate-bound.js';
import { buildPlanningModel, costWeightOf, mergeGroupsByClass, type BuiltModel } from './model/build.js';
import {
  decomposedLpBound,
  exactLpBound,
  expectedExactLpSeconds,
  mergeIdenticalSuppliers,
  type LpPoint,
  type DecomposedLpBound,
} from './model/exact-bound.js';
import {
  deadlineRepairWindows,
  improveByContractWindows,
  repairMissedDeadlines,
  terminalsMissingDeadlines,
  type DeadlineRepair,
  type WindowSearchOptions,
  type WindowSearchResult,
  type WindowWidthUnit,
} from './model/window-search.js';
import { solveLpBound } from './model/dual-bound.js';
import { bestLpGuidedPriorities } from './heuristics/lp-guided.js';
import {
  completionPriorities,
  DEADLINE_OFFER_RAISES,
  DEADLINE_PRIORITY_RAISES,
  logPriorities,
  prioritiesMeetingDeadlines,
  raiseLateCranes,
} from './heuristics/deadline-priorities.js';
import { improveByTerminalBlocks } from './model/lns.js';
import { explainSlacks } from './model/explain.js';
import {
  boundBudgetMargin,
  monthQuarterBound,
  quarterlyBound,
  type RelaxationBound,
} from './model/quarterly-bound.js';
import { readSchedule, scheduleToValues } from './model/read-solution.js';
import type { Plan, PlannedReplacement, PlanStatus } from './plan.js';
import { independentParts } from './independent-parts.js';
import { untrustedCranes, type PlanningProblem } from './problem.js';

export interface PlanReplacementOptions {
  /** Defaults to problem.options.timeLimitSeconds / mipGap. */
  readonly timeLimitSeconds?: number;
  readonly mipGap?: number;
  /** A feasible schedule (e.g. the greedy baseline) handed to the solver as its first incumbent. */
  readonly initialSchedule?: readonly PlannedReplacement[];
  /** Without initialSchedule, start from the better of greedy and risk-first (default true). */
  readonly greedyStart?: boolean;
  /** When the model is infeasible, solve an elastic version to explain why (default true). */
  readonly explain?: boolean;
  readonly name?: string;
  /** See BuildOptions.contractStep: 1 (default) is the exact model. */
  readonly contractStep?: number;
  /**
   * 'monolithic': one MIP of the whole problem (exact bound, refused when too large); 'decomposition': greedy,
   * then terminal-block large-neighbourhood search, bounded by the national relaxation; 'auto' (default):
   * monolithic up to `directColumns` model columns, else decomposition.
   */
  readonly method?: 'auto' | 'monolithic' | 'decomposition';
  readonly directColumns?: number;
  /** Terminals re-optimised together by the decomposition (default 1). */
  readonly blockSize?: number;
  /** Size limits checked before solving (WASM HiGHS dies at about 233k columns / 6.7M nonzeros). */
  readonly maxColumns?: number;
  /** Whole-model columns up to which the decomposition's contract windows apply (default WINDOW_MODEL_COLUMNS). */
  readonly maxWindowColumns?: number;
  readonly maxNonzeros?: number;
  /**
   * Schedules tried by the search over the risk-first contracting order for the first incumbent (default
   * 60 per second of time limit, fewer above 250 cranes; 0: plain risk per dollar). A count, so runs repeat.
   */
  readonly orderSearchIterations?: number;
  /** Milliseconds, to include the heuristics' time in solveSeconds (e.g. () => performance.now()). */
  readonly clock?: () => number;
  /**
   * With a clock: cut the searches and solver runs at the time limit (the plan then varies with machine load).
   * Default false: counted searches and generous solver limits, so the same input gives the same plan and the
   * time limit only sizes the work.
   */
  readonly stopByClock?: boolean;
}

/**
 * Branch-and-bound nodes per contract window in counted runs: the national windows close within it (±4 then ±6 from
 * the 10 s plan: 2,215.7 with 150 nodes as with 500); on the generated 200-crane instance a ±4 window took 60–77 s
 * for 500 nodes and 37 s for 150.
 */
const WINDOW_NODES = 150;

/**
 * What counted windows leave of WINDOW_SHARE_OF_LIMIT of the limit for the exact LP before them: the national set's
 * LP ends 5.5–6 s into a run since its interior-point tolerance is 10⁻⁴ (EXACT_LP_IPM_TOLERANCE; 7.4 s before, with
 * 6 s here).
 */
const EXACT_LP_ALLOWANCE_SECONDS = 5;

/**
 * The share of the limit that counted windows and the exact LP before them have. 0.8 while a rounded window's MIP
 * iterations counted as its LP's; counted as they take (ROUNDED_MIP_ITERATION_WORK), the national set's 10 s plan
 * needs 5,326 of them where it had 3,113, and 0.95 keeps that plan (2,198.3; 0.9: 2,199.3) and the 200-crane one
 * (1,794.9, 62.1 s).
 */
const WINDOW_SHARE_OF_LIMIT = 0.95;

/**
 * LP iterations per second of the contract windows' MIPs swept over time slices on this machine: counted windows get
 * this many per second of WINDOW_SHARE_OF_LIMIT of the limit less EXACT_LP_ALLOWANCE_SECONDS (at least a fifth of
 * the limit), a budget that repeats exactly. Wide windows iterate more slowly (national set: ±4 slices 1,100–1,500 a
 * second, ±6 and ±12 1,000–1,050 on the whole model; on the reduced model and with the lighter root, ±6 and ±12
 * 1,130–1,280). Rounded windows count their LPs' iterations less (ROUNDED_ITERATION_WORK) and their MIPs' nearly as
 * much (ROUNDED_MIP_ITERATION_WORK): counted so, 1,320 a second on the national set and 1,150–1,290 at 2,000 cranes
 * (a slower machine than the one the rate was first measured on).
 */
const SLICED_WINDOW_ITERATIONS_PER_SECOND = 1250;

/** What the contract windows did, for the diagnostics; half-widths in order with runs counted: "4 ×6, 8 ×5". */
function describeWindowSearch(
  windowed: WindowSearchResult,
  slices: WindowSearchOptions['slices'],
  widthIn: WindowWidthUnit,
): string {
  const remarks = windowed.messages.length > 0 ? ` (${windowed.messages.join('; ')})` : '';
  if (windowed.widths.length === 0) return `contract windows: none solved${remarks}`;
  const runs: { width: number; count: number }[] = [];
  for (const w of windowed.widths) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.width === w) last.count++;
    else runs.push({ width: w, count: 1 });
  }
  const widths = runs.map((r) => (r.count > 1 ? `${r.width} ×${r.count}` : `${r.width}`)).join(', ');
  const over = slices !== undefined ? `, over ${slices.length}-period slices every ${slices.step}` : '';
  const rounded =
    windowed.roundedSolves === 0
      ? ''
      : windowed.roundedSolves === windowed.widths.length
        ? '; all rounded'
        : `; the first ${windowed.roundedSolves} rounded`;
  const suppliers =
    windowed.supplierSolves > 0 ? `; ${windowed.supplierSolves} let contracts change supplier` : '';
  return `contract windows (${widths} ${widthIn}${over}): ${windowed.windowsImproved} improved the plan, risk ${windowed.riskExposure.toFixed(1)}, ${windowed.seconds.toFixed(1)} s, ${Math.round(windowed.iterations)} LP iterations counted${rounded}${suppliers}${remarks}`;
}

/**
 * Time slices for wide contract windows: two years every year (periods). Slices of three years every eighteen months
 * close less often at the root (national set, ±12: a 60 s node limit hit on the first slice).
 */
const WINDOW_SLICES = { length: 24, step: 12 } as const;

/**
 * The windows' half-widths in order: counted under the iteration budget, by clock while time is left. Rounded, a
 * width that finds nothing gives way to the next; their MIPs stop there. From ±4 rather than ±6 (national set, from
 * the LP-guided start, risk after 1.5 / 2.4 s of rounded slices: 2,201.3 / 2,200.5 against 2,207.9 / 2,201.1 for
 * ±6, ±12, …; ±3, ±6 or ±4, ±6, ±8 2,204–2,207 after 2.4 s); at 200 cranes the same within 0.1%.
 */
const WINDOW_LADDERS = {
  counted: [4, 8, 8, 12, 12, 16, 20, 24],
  /**
   * Counted, on models too large for the exact LP (2,000 cranes), the first width, the only one the budget buys a
   * sweep of, is ±5 open months instead of ±4, with WINDOW_SHARE_AFTER_COLUMN_GENERATION.largeModel raised to pay
   * for it. Since the windows' MIPs keep a small cut pool (item 36), a ±5 sweep costs about what a ±4 one did: seed 1
   * from the master's order, 16.2 s of solver time for 12,011.1 against 16.1 s for 12,039.4. Measured (60 s, seeds 1,
   * 2, 3, 5, one run after the other): ±4 at 0.34 of the limit 1.97% / 1.36% / 4.62% / 2.05% in 41.2 / 44.2 / 43.9 /
   * 37.8 s; ±5 at 0.34 1.73% / 1.44% / 4.43% / 2.10% (the budget cut seeds 2, 3 and 5's sweeps short); **±5 at 0.42
   * 1.73% / 1.12% / 4.20% / 1.76% in 42.6 / 50.9 / 49.3 / 42.3 s**; ±6 at 0.45 1.56% / 1.02% / 3.84% / 1.70% in 49.0 /
   * 55.5 / 53.7 / 46.1 s, too close to the limit on a slower day. By clock the ladder keeps ±4
   * (COLUMN_GENERATION_BY_CLOCK leaves the windows about 20 s; seeds 1, 2, 5: ±5 2.43% / 2.06% / 2.10%, its sweeps cut
   * short on seeds 1 and 2, against 2.36% / 1.20% / 1.32%).
   */
  countedOnLargeModels: [5, 8, 8, 12, 12, 16, 20, 24],
  byClock: [4, 8, 8, 12, 12, 16, 16, 20, 24],
} as const;

/**
 * After the rounded ladder, one sweep of windows in which contracts may also change supplier (`supplierWindowModel`),
 * with what the budget has left. Placed after the ladder's first three widths instead, they took budget from the
 * wider windows: every crane by 2034-09 0.53% → 0.45%, but by 2034-12 0.48% → 0.51%, and 200 generated cranes
 * (60 s) 1.03% → 1.19%; after the ladder, 200 cranes 0.99%, the others as before (their budget is spent first).
 */
const SUPPLIER_WINDOWS = { width: 4 } as const;

/**
 * What the windows' half-widths count on models too large for the exact LP (2,000 cranes), where the budget buys one
 * sweep of ±4: the periods in which each terminal may sign with the supplier. A terminal whose peak season freezes a
 * third to a half of its contract months (blackouts) otherwise gets fewer moves than the rest, and there the plan's
 * loss against the LP sat: 219 of 294 in the 30% of terminals with blackouts (seed 1, against the converged
 * column-generation point). Measured (60 s): seed 1 12,097.6 → 12,040.4 (3.04% → 2.58%), seed 2 10,352.3 → 10,333.8
 * (2.14% → 1.96%). Where the ladder climbs to ±24, calendar windows reach past the frozen months anyway, and counting
 * open periods only changed the path: 200 cranes, seeds 1–3, 0.99% / 1.57% / 0.88% against 1.20% / 1.51% / 0.95%.
 */
const WINDOW_WIDTH_ON_LARGE_MODELS: WindowWidthUnit = 'open periods';

/**
 * Column generation's work (simplex iterations plus SOLVE_WORK per solve) per second on this machine, measured at
 * 2,000 cranes with the block LPs resident in the solver's workers and the masters restarted from the last basis
 * over the proposals of the last 5 rounds: 2.54M in 54.4 s on one solver worker, 3.05M in 44.1 s on two (a round's
 * block LPs are shared between them), on blocks of 593 rows on average.
 */
const COLUMN_GENERATION_WORK_PER_SECOND = { oneWorker: 47_000, twoWorkers: 69_000, blockRows: 593 } as const;

/**
 * Counted runs' share of the limit for column generation, its set-up included (`columnGenerationSetUpSeconds`):
 * alone (10,000 cranes: the master's order and the retirement pass follow) or before contract windows, which then get
 * WINDOW_SHARE_AFTER_COLUMN_GENERATION (the national set by week: 0.75 of the limit for column generation beyond its
 * set-up and 0.6 for the windows took a 10 s run to 18 s). On models too large for the exact LP (2,000 cranes) a
 * rounded slice takes 2–8 s, and the split was measured (60 s, gap; column generation from a sample's prices): 0.75
 * / 0.25 3.42% but in 124.6 s; 0.5 / 0.11 5.40% in 56.3 s; 0.42 / 0.16 5.04% in 56.3 s; 0.35 / 0.22 6.27% in
 * 58.0 s (5 rounds: the bound fell to 11,482.3); without windows 7.13% in 65 s. Since the rounded MIPs count as they
 * take (ROUNDED_MIP_ITERATION_WORK; two samples' prices, a slower machine): 0.32 / 0.30 5.22% in 62.3 s, 0.42 / 0.25
 * 4.32% in 67.3 s, 0.42 / 0.28 4.04% in 53.5 s. And since a wider window that the rest of the budget cannot pay for
 * is not started: 0.32 / 0.38 5.22%, **0.36 / 0.34 3.92% in 54.6 s**, 0.38 / 0.34 4.32%, 0.42 / 0.28 4.04% (the
 * master's order, the windows' start, moves with the rounds: 12,586.7 after 8, 12,689.4 after 11). The windows'
 * 0.34 became 0.42 with the ±5 first width (WINDOW_LADDERS.countedOnLargeModels).
 */
const COLUMN_GENERATION_SHARE = {
  alone: 0.8,
  beforeWindows: 0.75,
  beforeWindowsOnLargeModels: 0.36,
} as const;
const WINDOW_SHARE_AFTER_COLUMN_GENERATION = { model: 0.25, largeModel: 0.42 } as const;

/**
 * By clock, the share of the limit after which column generation stops (the windows then have until 95% of it). On
 * models too large for the exact LP (2,000 cranes, 60 s, seeds 1, 2 and 5): 0.75 2.74% / 2.27% / 1.57% (the windows
 * had 9.5–11 s, three or four ±4 slices); **0.6** 2.36% / 1.20% / 1.32% (20 s, a whole ±4 sweep, then the first ±8
 * slice cut at the limit); 0.5 2.69% on seed 1 (the bound 11,737.0 after 9 rounds, against 11,783.3 after 15).
 */
const COLUMN_GENERATION_BY_CLOCK = { model: 0.75, largeModel: 0.6 } as const;

/**
 * By clock, the share of the limit by which solves end. Ending them at the limit itself, reading the last window's plan
 * back (2,000 cranes: a 208k-column model) took runs to 60.3–61.0 s for a 60 s limit.
 */
const BY_CLOCK_SOLVES_END = 0.98;

/**
 * On models too large for the exact LP, counted: column generation's work beyond its share (COLUMN_GENERATION_SHARE),
 * as a share of the limit, done beside the contract windows, which start from the master's point at its share (the
 * same plan as before). The windows use one solver worker and the block LPs sit on workers of their own, so the bound
 * rises while the plan is improved, at the cost of the windows' speed while they share the cores. Measured at 2,000
 * cranes (seed 1, 60 s; the bound after 8 rounds 11,730.2, gap 2.58%, in 49–53 s): 0.1 13 rounds, 11,771.1, 2.24% in
 * 52.1 s; 0.2 18 rounds, 11,795.0, 2.04% in 53.5–54.2 s; 0.3 24 rounds, 11,802.9 (the LP: 11,804.0), 1.97% in
 * 56.1 s. Seed 2: 1.96% → 1.46%, 64.6–78.1 s against 70.4–77.3 s (that instance's windows take longer). On a slow
 * machine the windows lose more to the rounds (docs/design/planner.md, item 34). Since the block LPs are priced from
 * their costs alone (item 35), runs are shorter, and **0.3** was measured again against 0.2 (seeds 1, 2, 3, 5): 1.97%
 * / 1.42% / 4.82% / 2.05% in 47.9 / 53.8 / 54.0 / 46.0 s, against 2.04% / 1.46% / 5.09% / 2.37% in 45 / 50.6 /
 * 52.9 / 43.8 s; 0.4: seed 1 1.96% in 48.6 s, seed 3 4.46% in 56.8 s.
 */
const COLUMN_GENERATION_BESIDE_WINDOWS = 0.3;

/**
 * On models too large for the exact LP, counted: once its share is spent, column generation hands its master's point
 * to the windows only when the last restricted master's objective is within `masterGap` of the best bound, or when it
 * has spent `latest` times its share (within its whole budget, beside the windows included). A master far from
 * converged orders the contracts poorly, and no window sweep makes up for it: at 2,000 cranes, seed 3, the start from
 * the master after 4, 8, 12, 16 and 24 rounds is 12,675.9, 12,491.0, 12,294.6, 12,139.0 and 12,004.3, and one ±5
 * sweep from the last four gives 11,983.3, 11,883.9, 11,827.2 and 11,757.4 (the LP is 11,654.7); seed 1's start no
 * longer improves after 8 rounds, where its master is within 0.3% of its bound. Measured (60 s; seeds 1, 2, 3 and 5):
 * 1.73% / 1.12% / 4.20% / 1.76% in 44.7 / 53.6 / 55.3 / 47.4 s before; **0.35% and 2: 1.73% / 0.93% / 2.46% / 1.05%
 * in 45.2 / 54.5 / 54.3 / 50.6 s** (seed 1 the same plan); 0.35% and no limit but the whole budget: seed 3 2.07% in
 * 58.2 s (its master never came within 0.35%), seed 5 1.10% in 59.6 s; 0.35% and 1.6: seeds 3 and 5 2.97% and
 * 1.27%; 0.5% and no limit: 2.55% and 1.27%.
 */
const COLUMN_GENERATION_CONVERGED_BEFORE_WINDOWS = { masterGap: 0.0035, latest: 2 } as const;

/**
 * Rounded contract windows apply up to this many columns of the whole model (2,000 cranes: 197k estimated, 208k built;
 * a slice of ±4 frees 37k–80k of them). Above it (10,000 cranes: 1.4M) only the retirements are re-optimised.
 */
export const WINDOW_MODEL_COLUMNS = 250_000;

/** Above this many columns HiGHS (WASM, one thread) does not finish the root LP of the whole model in 10 s. */
export const DIRECT_COLUMNS = 6000;

/**
 * 60 schedules per second of time limit up to 250 cranes, fewer beyond (a schedule costs time linear in the
 * cranes): about a third of the limit on a quiet 2-core machine. With a clock the search is cut by time, so the
 * decomposition allows 200 per second.
 */
function defaultOrderSearch(problem: PlanningProblem, timeLimit: number, perSecond = 60): number {
  return Math.round(
    perSecond * timeLimit * Math.min(1, 250 / Math.max(1, untrustedCranes(problem.terminals))),
  );
}

/**
 * The counted decomposition's search: schedules for about 70% of the limit on this machine when quiet. A schedule
 * costs about 0.4 × cranes^0.6 ms (measured: 9.6 ms at 200 cranes, 38.8 ms at 2,000; 6–10 ms on the national set).
 */
function countedOrderSearch(problem: PlanningProblem, timeLimit: number): number {
  const msPerSchedule = 0.4 * Math.max(1, untrustedCranes(problem.terminals)) ** 0.6;
  return Math.max(10, Math.round((0.7 * timeLimit * 1000) / msPerSchedule));
}

/**
 * The better (lower risk exposure) of the greedy baseline and the risk-first heuristic (with its order searched
 * for `orderSearchIterations` schedules), as the first incumbent; null when neither is feasible.
 */
export function bestHeuristicStart(
  problem: PlanningProblem,
  orderSearchIterations = 0,
  stop?: () => boolean,
): { readonly schedule: readonly PlannedReplacement[]; readonly name: string } | null {
  const search = startOrderSearch(problem);
  for (let i = 0; i < orderSearchIterations && stop?.() !== true; i++) search.step();
  return bestOfSearches(problem, [{ search, label: 'risk first (risk per dollar), order searched' }]);
}

/** Columns of the monolithic model, counted without building it. */
export function estimateModelColumns(problem: PlanningProblem, contractStep = 1): number {
  // A soft floor adds a shortfall column per terminal and period.
  let n = problem.options.softFloor ? problem.terminals.length * problem.periods : 0;
  for (const t of problem.terminals) {
    for (const { group, pieces } of mergeGroupsByClass(t)) {
      n += problem.periods * (pieces.length > 1 ? 2 : 1);
      for (const s of problem.suppliers) {
        if (!s.trusted || !s.offers.some((o) => o.sizeClass === group.sizeClass)) continue;
        const window =
          problem.periods -
          s.leadTimePeriods -
          s.commissioningPeriods -
          Math.max(0, s.earliestContractPeriod);
        if (window > 0) n += Math.ceil(window / contractStep);
      }
    }
  }
  return n;
}

async function planByDecomposition(
  problem: PlanningProblem,
  options: PlanReplacementOptions,
  solver: MilpSolver,
  timeLimit: number,
  name: string,
  estimated: number,
): Promise<Plan> {
  const clock = options.clock;
  const started = clock?.() ?? 0;
  const elapsed = (): number => (clock ? (clock() - started) / 1000 : 0);
  // By clock, what a solve may take: up to BY_CLOCK_SOLVES_END of the limit, so that its plan is read back in time.
  const leftByClock = (): number => Math.max(0.5, timeLimit * BY_CLOCK_SOLVES_END - elapsed());
  const pause = (): Promise<void> => solver.yieldToSolver?.() ?? Promise.resolve();
  // Counted (default): fixed numbers of schedules and generous solver limits, so the same input gives the same
  // plan; the time limit sizes the counts. By clock: everything is cut at the limit, results vary with load.
  const byClock = options.stopByClock === true && clock !== undefined;
  const diagnostics: string[] = [
    `decomposition: the whole model would have about ${estimated} columns; terminal blocks are re-optimised instead${byClock ? '; stopped by the clock (each step cut at the time limit, so another run can give another plan)' : ''}`,
  ];
  const solverCap = (seconds: number): number =>
    byClock ? seconds : Math.max(timeLimit + 60, timeLimit * 2);

  // The exact model's LP bound is solved by the solver (in a worker thread with WorkerHighsSolver) while the
  // order search runs on this thread; the search yields now and then so the worker's messages get through.
  // By clock with 30 s or more, the month-quarter relaxation (seconds) is solved too, so a bound is there even when
  // the exact LP does not finish in time; otherwise it is only the fallback (counted runs give the exact LP far more
  // than the limit, so it finishes: the month-quarter LP beside it only slowed it, 12.6 s to 15.1 s at 200 cranes).
  const exactModelColumns = estimateModelColumns(mergeIdenticalSuppliers(problem));
  const exactTooLarge = exactModelColumns > (options.maxColumns ?? MODEL_LIMITS.maxColumns);
  // An exact LP expected to take more than 90% of the limit is not started: column generation instead, which
  // stops on its budget (the national set by week, 10 s: the LP ran out of its 70 s and the national relaxation
  // was left, 46.5% in 77 s; column generation gives 9,366.0 in 12.8 s, against the LP's 9,550.1 in 143 s). The
  // expectation is a function of the size, so counted runs still repeat; once started, the LP gets solverCap.
  const exactLpAllowance = timeLimit * 0.9;
  const exactLpSeconds = expectedExactLpSeconds(exactModelColumns);
  const exactTooSlow = !exactTooLarge && exactLpSeconds > exactLpAllowance;
  const exactSkipped = exactTooLarge || exactTooSlow;
  // The contract windows below, rounded, need the whole model within WINDOW_MODEL_COLUMNS (or the column limit
  // given): each window solve is a reduced model, but the whole one is built and read back.
  const windowsApply =
    estimateModelColumns(problem, options.contractStep ?? 1) <=
    (options.maxWindowColumns ?? options.maxColumns ?? WINDOW_MODEL_COLUMNS);
  // Column generation before windows on a model too large for the exact LP (2,000 cranes) takes a smaller share.
  const largeModel = exactTooLarge && windowsApply;
  // Counted, on models too large for the exact LP, column generation reports its master's point once its share is
  // spent (the windows start from that order) and goes on beside the windows (COLUMN_GENERATION_BESIDE_WINDOWS).
  const besideWindows = largeModel && !byClock;
  let reportEarly: (outcome: DecomposedOutcome) => void = () => undefined;
  const earlyReported = new Promise<DecomposedOutcome>((resolve) => (reportEarly = resolve));
  // Set when the plan needs no more of it (no plan keeps every rule).
  let columnGenerationDone = false;
  // Too large for the exact LP but not for building the model: column generation over the terminals instead (the
  // month-quarter LP does not finish at that size either: 2,000 cranes, 48 s).
  const decomposedRun: Promise<DecomposedOutcome> | null =
    exactSkipped && exactModelColumns <= DECOMPOSED_BOUND_COLUMNS
      ? decomposedLpBound(problem, solver, {
          seeds: [riskFirstPlan(problem).replacements],
          secondsPerSolve: solverCap(timeLimit),
          ...(besideWindows
            ? {
                stop: () => columnGenerationDone,
                early: {
                  seconds: timeLimit * COLUMN_GENERATION_BESIDE_WINDOWS,
                  converged: COLUMN_GENERATION_CONVERGED_BEFORE_WINDOWS,
                  report: (outcome) => reportEarly({ ...outcome, error: null }),
                },
              }
            : {}),
          // The master's point orders the contracts, so counted runs stop on a work budget, not the clock.
          ...(byClock
            ? {
                stop: () =>
                  elapsed() > timeLimit * COLUMN_GENERATION_BY_CLOCK[largeModel ? 'largeModel' : 'model'],
              }
            : {
                workBudget: {
                  seconds:
                    timeLimit *
                    COLUMN_GENERATION_SHARE[
                      largeModel ? 'beforeWindowsOnLargeModels' : windowsApply ? 'beforeWindows' : 'alone'
                    ],
                  workPerSecond:
                    (solver.parallelism ?? 1) >= 2
                      ? COLUMN_GENERATION_WORK_PER_SECOND.twoWorkers
                      : COLUMN_GENERATION_WORK_PER_SECOND.oneWorker,
                  referenceBlockRows: COLUMN_GENERATION_WORK_PER_SECOND.blockRows,
                },
              }),
        }).then(
          (r) => ({ ...r, error: null }),
          (e: unknown) => ({ bound: null, error: e instanceof Error ? e.message : String(e) }),
        )
      : null;
  const earlyRun: Promise<RelaxationBound | null> =
    byClock && timeLimit >= 30 && !exactSkipped
      ? monthQuarterBound(problem, solver, {
          // The plan does not depend on this bound, so a time limit keeps runs reproducible.
          timeLimitSeconds: Math.max(1, timeLimit * 0.3),
        }).catch(() => null)
      : Promise.resolve(null);
  // With two solver workers the two LPs run side by side (200 cranes: 20 s one after the other, 15 s side by side);
  // with one, the month-quarter LP first.
  const boundsSideBySide = (solver.parallelism ?? 1) >= 2;
  const solveExact = (firstSeconds: number): Promise<ExactBoundOutcome> =>
    exactSkipped
      ? Promise.resolve({
          bound: null,
          error: exactTooLarge
            ? `the exact model (about ${exactModelColumns} columns) is too large`
            : `the exact model (about ${exactModelColumns} columns) would take about ${Math.round(exactLpSeconds)} s, more than the ${Math.round(exactLpAllowance)} s it has`,
        })
      : exactLpBound(problem, solver, {
          timeLimitSeconds: solverCap(Math.max(1, timeLimit * 0.9 - firstSeconds)),
        }).then(
          (r) => ({ ...r, error: null }),
          (e: unknown) => ({ bound: null, error: e instanceof Error ? e.message : String(e) }),
        );
  const exactRun: Promise<ExactBoundOutcome> = boundsSideBySide
    ? Promise.all([solveExact(0), earlyRun]).then(([r, first]) => ({ ...r, early: first }))
    : earlyRun.then((first) => solveExact(first?.seconds ?? 0).then((r) => ({ ...r, early: first })));

  // Set when the exact LP (or column generation's master) is solved: by clock, the search then hands over to the
  // LP's order.
  let lpSolved = false;
  void exactRun.then((r) => {
    if (r.solution != null) lpSolved = true;
  });
  void (besideWindows ? earlyReported : decomposedRun)?.then((r) => {
    if (r.solution != null) lpSolved = true;
  });
  // Counted, beside the exact LP with windows to follow, or beside column generation, a tenth of the usual count: the
  // LP's order beats it (national set 2,251.2 unsearched, against 2,300 or so after 700 schedules; 2,000 cranes:
  // 13,407.6 against 13,888.2 after 820), so it is only the fallback and leaves the cores to the solver's workers.
  // Too large for either, three quarters: the retirement pass and the blocks follow.
  const searchShare = windowsApply || decomposedRun !== null ? 0.1 : exactSkipped ? 0.75 : 1;
  const searchSteps =
    options.initialSchedule === undefined
      ? (options.orderSearchIterations ??
        (byClock
          ? defaultOrderSearch(problem, timeLimit, 200)
          : countedOrderSearch(problem, timeLimit * searchShare)))
      : 0;
  // Counted: the whole count from risk per dollar (beside the LP), then (without windows) more from the LP's order.
  // By clock: from risk per dollar until the LP is solved, then from the LP's order, until 90% of the limit.
  // Counted beside column generation on two or more workers, none: both cores are the workers' (the two samples'
  // LPs, then the block solves), and a third thread slowed them by a fifth (2,000 cranes: 71.7 s against 59.1 s for
  // the same plan; the master's order, 12,394.4, beats risk per dollar's far: 14,019.3 before any search).
  const besideSolver = decomposedRun !== null && !byClock && (solver.parallelism ?? 1) >= 2 ? 0 : searchSteps;
  const fromRiskFirst = startOrderSearch(problem);
  for (let i = 0; i < besideSolver; i++) {
    if (byClock && (elapsed() > timeLimit * 0.9 || lpSolved)) break;
    fromRiskFirst.step();
    await pause();
  }
  if (besideSolver < searchSteps)
    diagnostics.push(
      "risk per dollar's order: not searched beside column generation (the solver's workers have both cores)",
    );
  // Built while the solver's worker finishes the exact LP.
  const windowModel = windowsApply
    ? buildPlanningModel(
        problem,
        options.contractStep !== undefined ? { contractStep: options.contractStep } : {},
      )
    : null;
  const exactBound = await exactRun;
  // Its outcome when the windows start (the final one, unless column generation goes on beside them).
  const decomposed =
    decomposedRun === null
      ? null
      : await (besideWindows ? Promise.race([earlyReported, decomposedRun]) : decomposedRun);
  // The exact model's LP relaxes the problem (identical suppliers merged, a cent per crane over each budget line):
  // when it has no point, no plan keeps every rule.
  if (exactBound.infeasible === true || decomposed?.infeasible === true) {
    // Terminals whose own rows contradict each other are explained alone: the elastic LP of the whole national set
    // over 15 years took 17 s, Savannah's alone a fraction of it.
    const alone = new Set(exactBound.infeasible === true ? [] : (decomposed?.infeasibleTerminals ?? []));
    diagnostics.push(
      exactBound.infeasible === true
        ? 'exact model LP (interior point): infeasible, so no plan keeps every rule'
        : alone.size > 0
          ? `column generation: the rules of ${[...alone].join(', ')} alone have no point, so no plan keeps every rule; explained for ${alone.size > 1 ? 'those terminals' : 'that terminal'} alone`
          : 'column generation: the national relaxation has no point, so no plan keeps every rule',
    );
    columnGenerationDone = true;
    await decomposedRun;
    const explained =
      alone.size > 0 ? { ...problem, terminals: problem.terminals.filter((t) => alone.has(t.id)) } : problem;
    const infeasibility =
      options.explain === false
        ? undefined
        : await explainInfeasibility(
            explained,
            options,
            solver,
            'lp',
            solverCap(timeLimit),
            diagnostics,
            problem,
          );
    return evaluateSchedule(problem, [], {
      name,
      method: 'milp',
      status: 'infeasible',
      bound: null,
      solveSeconds: clock ? elapsed() : (exactBound.seconds ?? 0) + (decomposed?.seconds ?? 0),
      diagnostics,
      ...(infeasibility ? { infeasibility } : {}),
    });
  }
  // Too large for the exact LP: the column-generation master's point guides the order instead (2,000 cranes: risk
  // first in that order 13,407.6, against 13,888.2 for the searched risk-per-dollar order and what followed it).
  const lpPoint = exactBound.solution ?? decomposed?.solution ?? null;
  const searches: OrderSearchRun[] = [
    { search: fromRiskFirst, label: 'risk first (risk per dollar), order searched', inMonths: false },
  ];
  if (lpPoint !== null && searchSteps > 0) {
    const fromExactLp = exactBound.solution != null;
    const guided = bestLpGuidedPriorities(problem, lpPoint.built, lpPoint.values);
    const fromLp = startOrderSearch(problem, {
      initial: guided.priorities,
      ...(guided.suppliers !== null ? { suppliers: guided.suppliers } : {}),
    });
    const unsearched = fromLp.riskExposure;
    // With windows to follow, none, by clock too (the windows do more per second, and did as well from the LP order
    // alone: 2,217.0 against 2,220.8 after 60 schedules; by clock, a search until 90% of a 30 s limit left the
    // windows 3 s: 2,238.8 against 2,200.5 counted). Counted after column generation none either: from the start
    // with the LP's suppliers 55 schedules took 3.7 s for 12,743.0 → 12,736.2 at 2,000 cranes, and the run overran
    // 60 s. Else a twelfth counted, or until 90% of the limit by clock.
    const steps = windowsApply ? 0 : byClock ? searchSteps : !fromExactLp ? 0 : Math.ceil(searchSteps / 12);
    for (let i = 0; i < steps && !(byClock && elapsed() > timeLimit * 0.9); i++) fromLp.step();
    diagnostics.push(
      `${fromExactLp ? 'LP-guided order' : "column-generation master's order"} (contracted share ${guided.threshold}${guided.suppliers !== null ? ", the LP's suppliers preferred" : ''}): risk ${unsearched.toFixed(1)} before search; ${fromLp.steps} schedules searched from it`,
    );
    searches.push({
      search: fromLp,
      inMonths: true,
      label: fromExactLp
        ? "risk first in the exact LP's contract order, order searched"
        : "risk first in the column-generation master's contract order, order searched",
    });
  }
  const heuristic = options.initialSchedule === undefined ? bestOfSearches(problem, searches) : null;
  // No heuristic plan keeps every rule (the risk-first rule leaves a crane unreplaced when no slot is left before its
  // deadline): the cranes that miss their deadlines go sooner in the order until none does, and the plan missing the
  // fewest terminals' deadlines is repaired by a MIP over those terminals; the less risky of the two starts the
  // windows. With a plan from the raised order in hand, the repair's widest rungs (±32 and up), which take longer
  // than a 10 s limit, are not tried (national set, every crane by 2034-09: 2,204.6, 0.50%, in 14.5 s, where the ±32
  // repair made it 2,218.0, 1.10%, in 33.4 s; by 2033-11, 2034-02 and 2034-12 the repair's plan is the better start,
  // and the plans are those of before).
  const raising =
    options.initialSchedule === undefined && heuristic === null
      ? deadlinesMetByRaising(problem, searches)
      : null;
  const raisedFromSearches = raising?.met ?? null;
  // The repair starts from the schedule missing the fewest terminals' deadlines, of the searches' orders and the
  // raised orders that came closest (national set, every crane by 2033-11: 2 terminals instead of 3, ±16 repaired
  // in 8.1 s instead of 12.8 s).
  const repairStart = (): readonly PlannedReplacement[] =>
    leastMissingDeadlines(problem, [
      ...searches.map(({ search }) => ({
        priorities: search.priorities,
        ...(search.suppliers !== undefined ? { suppliers: search.suppliers } : {}),
      })),
      ...(raising?.closest ?? []),
    ]);
  const repair =
    options.initialSchedule === undefined && heuristic === null && windowModel !== null
      ? await repairMissedDeadlines(problem, windowModel, repairStart(), solver, {
          windows: deadlineRepairWindows(problem.periods, windowModel.model.columns.length).filter(
            (w) => raisedFromSearches === null || w < REPAIR_WIDTH_WITHOUT_A_PLAN,
          ),
          seconds: byClock ? leftByClock() : solverCap(20),
          maxNodes: WINDOW_NODES,
        })
      : null;
  const raised =
    raisedFromSearches ??
    (options.initialSchedule === undefined && heuristic === null && repair === null
      ? deadlinesMetByWaits(problem)
      : null);
  const repairedFirst =
    repair !== null &&
    (raised === null ||
      scheduleObjective(problem, repair.schedule) <= scheduleObjective(problem, raised.schedule));
  const heuristicSeconds = elapsed();
  const initial =
    options.initialSchedule ??
    heuristic?.schedule ??
    (repairedFirst ? repair.schedule : raised?.schedule) ??
    [];
  diagnostics.push(
    `initial incumbent: ${
      options.initialSchedule !== undefined
        ? 'given schedule'
        : (heuristic?.name ??
          describeDeadlineStart(problem, repairedFirst ? repair : null, raised, repair !== null))
    }`,
  );

  const bounds: number[] = [];
  const early = exactBound.early ?? null;
  if (early?.bound != null) {
    bounds.push(early.bound);
    diagnostics.push(`month-quarter relaxation LP: ${early.bound.toFixed(1)}, ${early.seconds.toFixed(1)} s`);
  }
  if (exactBound.bound !== null) {
    bounds.push(exactBound.bound);
    diagnostics.push(
      `exact model LP (interior point, bound from its duals): ${exactBound.bound.toFixed(1)}, ${(exactBound.seconds ?? 0).toFixed(1)} s`,
    );
  } else if (decomposed !== null && decomposed.bound !== null) {
    bounds.push(decomposed.bound);
    diagnostics.push(
      `exact model LP: ${exactBound.error ?? 'not solved'}; column generation over ${decomposed.blocks ?? 0} terminal blocks from the national relaxation's prices (${decomposed.nationalBound?.toFixed(1) ?? 'no bound'})${decomposed.pricedBySample != null ? `, its coupling rows priced by ${decomposed.pricedBySample.samples === 1 ? 'the exact LP of a sample' : `the mean of the exact LPs of ${decomposed.pricedBySample.samples} samples`} of ${decomposed.pricedBySample.terminals} terminals` : ''}: ${decomposed.bound.toFixed(1)} after ${decomposed.rounds ?? 0} rounds, ${(decomposed.seconds ?? 0).toFixed(1)} s`,
    );
  } else if (early?.bound != null) {
    diagnostics.push(`exact model LP: ${exactBound.error ?? 'not solved in time'}, no bound`);
  } else {
    diagnostics.push(
      `exact model LP: ${exactBound.error ?? 'not solved in time'}, no bound; falling back to relaxations`,
    );
    bounds.push(
      // At least half the limit again, so that a loaded machine still ends with a useful bound (and overruns).
      ...(await fallbackBounds(
        problem,
        solver,
        options,
        Math.max(timeLimit - elapsed(), timeLimit * 0.5, 1),
        diagnostics,
        early,
        // Models too large for the exact LP are too large for the quarter relaxations too (2,000 cranes: the
        // month-quarter LP not solved in 48 s).
        exactTooLarge,
      )),
    );
  }
  const bound = bounds.length > 0 ? Math.max(...bounds) : null;
  // The requested gap (`--gap`): no window or block once the plan is proven that close to the optimum.
  const mipGap = options.mipGap ?? problem.options.mipGap;
  const withinGap = (schedule: readonly PlannedReplacement[]): boolean => {
    if (bound === null) return false;
    const objective = objectiveOf(problem, schedule);
    return objective - bound <= mipGap * Math.abs(objective);
  };
  // Contracts moved within a few months, all terminals at once (model/window-search.ts; retirements are free in
  // them too), swept over two-year slices, which HiGHS closes at their root nodes: first rounded (each slice's LP, then
  // a MIP between its vertex's rounding and the plan), then, with what the budget has left, the slices' own MIPs.
  // Counted: under the iteration budget; by clock: wider while time is left. Measured in docs/design/planner.md
  // (items 11, 13 and 19).
  const slices = WINDOW_SLICES;
  const windows = WINDOW_LADDERS[byClock ? 'byClock' : largeModel ? 'countedOnLargeModels' : 'counted'];
  const windowWidthIn: WindowWidthUnit = largeModel ? WINDOW_WIDTH_ON_LARGE_MODELS : 'periods';
  const windowed =
    windowModel !== null
      ? await improveByContractWindows(problem, windowModel, initial, solver, {
          windows,
          rounding: true,
          slices,
          supplierWindows: SUPPLIER_WINDOWS,
          widthIn: windowWidthIn,
          secondsPerWindow: () => (byClock ? leftByClock() : solverCap(20)),
          ...(byClock
            ? {}
            : {
                maxNodes: WINDOW_NODES,
                maxIterations: Math.round(
                  SLICED_WINDOW_ITERATIONS_PER_SECOND *
                    (decomposedRun !== null
                      ? timeLimit * WINDOW_SHARE_AFTER_COLUMN_GENERATION[largeModel ? 'largeModel' : 'model']
                      : Math.max(
                          timeLimit * WINDOW_SHARE_OF_LIMIT - EXACT_LP_ALLOWANCE_SECONDS,
                          timeLimit * 0.2,
                        )),
                ),
              }),
          ...(byClock ? { stop: () => elapsed() > timeLimit * 0.95 } : {}),
          withinGap,
        })
      : null;
  // Too large for windows: each terminal's retirements re-optimised with every contract kept (the risk-first rule
  // retires crane by crane in contract order; national set 2,248.0 to 2,243.0).
  const retimed = windowsApply
    ? null
    : await improveByTerminalBlocks(problem, initial, solver, {
        timeLimitSeconds: byClock ? leftByClock() : solverCap(10),
        blockSize: 1,
        maxPasses: 1,
        retirementsOnly: true,
        ...(byClock ? {} : { blockTimeLimitSeconds: solverCap(10) }),
        ...(options.contractStep !== undefined ? { contractStep: options.contractStep } : {}),
      });
  diagnostics.push(
    windowed !== null
      ? describeWindowSearch(windowed, slices, windowWidthIn)
      : `contract windows skipped (the whole model is over the column limit); retirements re-optimised per terminal with every contract kept: ${retimed !== null && retimed.blocksImproved > 0 ? `risk ${retimed.riskExposure.toFixed(1)}` : 'no change'}`,
  );
  const afterWindows = windowed?.schedule ?? retimed?.schedule ?? initial;
  const afterWindowsRisk = windowed?.riskExposure ?? retimed?.riskExposure ?? null;
  // Counted: block MIPs that end on their gap, one per 5 s of limit, and only with 30 s or more (they gain
  // little: 2,245.1 to 2,239.7 on the national set in 41 s). Not beside column generation, whose time they take,
  // nor after windows swept over slices (national set: 6 block MIPs, none improved the plan).
  // By clock, none once the windows have stopped on the time (each block MIP takes at least 0.5 s).
  const slicedWindowsRan = windowed !== null;
  const outOfTime = byClock && elapsed() > timeLimit * 0.95;
  const gapReached = withinGap(afterWindows);
  const blocks =
    (byClock || timeLimit >= 30) && decomposedRun === null && !slicedWindowsRan && !outOfTime && !gapReached;
  const improved = blocks
    ? await improveByTerminalBlocks(problem, afterWindows, solver, {
        timeLimitSeconds: byClock ? leftByClock() : solverCap(timeLimit),
        blockSize: options.blockSize ?? 1,
        ...(byClock
          ? {}
          : {
              maxPasses: 1,
              maxBlocks: Math.ceil(timeLimit / (exactTooLarge ? 10 : 5)),
              blockTimeLimitSeconds: 10,
            }),
        ...(options.contractStep !== undefined ? { contractStep: options.contractStep } : {}),
      })
    : {
        schedule: [...afterWindows],
        riskExposure: afterWindowsRisk ?? riskExposureOf(problem, afterWindows),
        blocksSolved: 0,
        blocksImproved: 0,
        seconds: 0,
      };
  diagnostics.push(
    blocks
      ? `large-neighbourhood search: ${improved.blocksSolved} block MIPs, ${improved.blocksImproved} improved the plan`
      : decomposedRun !== null
        ? 'large-neighbourhood search: skipped (column generation has the time)'
        : outOfTime
          ? 'large-neighbourhood search: skipped (the time limit is reached)'
          : slicedWindowsRan
            ? 'large-neighbourhood search: skipped (the sliced windows have the time)'
            : gapReached
              ? `large-neighbourhood search: skipped (the plan is within the requested gap, ${(mipGap * 100).toFixed(2)}%)`
              : 'large-neighbourhood search: skipped (under 30 s, counted search)',
  );
  // Column generation that went on beside the windows: its bound, if higher, is the plan's.
  const continued = besideWindows && decomposedRun !== null ? await decomposedRun : null;
  const finalBound =
    continued?.bound != null && (bound === null || continued.bound > bound) ? continued.bound : bound;
  if (continued !== null)
    diagnostics.push(
      `column generation beside the windows: ${continued.bound?.toFixed(1) ?? 'no bound'} after ${continued.rounds ?? 0} rounds, ${(continued.seconds ?? 0).toFixed(1)} s`,
    );
  const solveSeconds = clock
    ? elapsed()
    : heuristicSeconds +
      (repair?.seconds ?? 0) +
      (exactBound.seconds ?? 0) +
      (retimed?.seconds ?? 0) +
      (windowed?.seconds ?? 0) +
      ((continued ?? decomposed)?.seconds ?? 0) +
      (blocks ? improved.seconds : 0);
  // Every step keeps a valid plan, so a plan that breaks a rule means none was found to start from (the heuristics
  // and the LP's orders all failed while the LP itself has a point): no plan, rather than one that breaks the rules.
  const violations = validatePlan(problem, { replacements: improved.schedule });
  if (violations.length > 0) {
    diagnostics.push(
      `no plan that keeps every rule was found (the start breaks ${violations.length}, first: ${violations[0]?.message ?? ''}); the LP relaxation has a point, so one may exist: allow more time`,
    );
    return evaluateSchedule(problem, [], {
      name,
      method: 'milp',
      status: 'no-solution',
      bound: finalBound,
      solveSeconds,
      diagnostics,
    });
  }
  const objective = objectiveOf(problem, improved.schedule);
  // A plan that meets its bound (to the bound's floating-point allowance) is proven optimal (national set with no
  // money: doing nothing, bound 7,110.9).
  const proven = finalBound !== null && objective - finalBound <= 1e-6 * Math.max(1, Math.abs(objective));
  return evaluateSchedule(problem, improved.schedule, {
    name,
    method: 'milp',
    status: proven ? 'optimal' : 'feasible',
    objective,
    bound: finalBound === null ? null : Math.min(finalBound, objective),
    solveSeconds,
    diagnostics,
  });
}

/**
 * Column generation builds the whole exact model (about 1 GB at 1.3M columns), so it is used up to this size. At
 * 10,000 cranes (1.34M columns) its first pricing alone lifts the bound from the national relaxation's 53,551.3 to
 * 61,818.2 (gap 32.6% → 22.3%, 114 s instead of 127 s), with a 3.8 GB peak instead of 2.1 GB.
 */
const DECOMPOSED_BOUND_COLUMNS = 1_500_000;

/** Column generation's outcome, or only the error that ended it. */
type DecomposedOutcome = Partial<DecomposedLpBound> & {
  readonly bound: number | null;
  readonly error: string | null;
};

interface ExactBoundOutcome {
  readonly bound: number | null;
  readonly error: string | null;
  readonly seconds?: number;
  readonly infeasible?: boolean;
  readonly solution?: LpPoint | null;
  /** The month-quarter relaxation solved before it (long time limits). */
  readonly early?: RelaxationBound | null;
}

/**
 * The model's objective for a schedule: the evaluator's (risk exposure, and with a soft floor the priced shortfall),
 * then the cost weighted per million USD. (Risk and cost alone left out a soft floor's shortfall: national set over
 * 15 years, 2,463.4 reported against a true 20,000 or so, under column generation's bound of 3,094.2.)
 */
const objectiveOf = (problem: PlanningProblem, schedule: readonly PlannedReplacement[]): number =>
  scheduleObjective(problem, schedule) +
  (costWeightOf(problem) * schedule.reduce((a, r) => a + r.costCents, 0)) / 1e8;

/** How the start was found when no heuristic plan met every deadline: the repair chosen, else the raised order. */
function describeDeadlineStart(
  problem: PlanningProblem,
  chosenRepair: DeadlineRepair | null,
  raised: { readonly name: string; readonly riskExposure: number } | null,
  repaired: boolean,
): string {
  if (chosenRepair !== null) {
    const width =
      chosenRepair.width >= problem.periods
        ? 'with every contract free'
        : `with every other contract within ±${chosenRepair.width}`;
    const rounding = chosenRepair.how === 'rounding' ? ", rounding its LP's point" : '';
    const against =
      raised !== null ? ` (less risky than ${raised.name}: ${raised.riskExposure.toFixed(1)})` : '';
    return `no heuristic plan meets every deadline; the one missing the fewest (${chosenRepair.terminals.join(', ')}) repaired by a MIP over those terminals ${width}${rounding}, ${chosenRepair.seconds.toFixed(1)} s${against}`;
  }
  if (raised !== null)
    return `${raised.name}${repaired ? '; less risky than the repair of the plan missing the fewest deadlines' : ''}`;
  return 'none: no heuristic plan keeps every rule, and no repair of its missed deadlines was found';
}

/** An order search the planner ran, and whether its priorities are months (an LP's order) or risk per dollar. */
interface OrderSearchRun {
  readonly search: OrderSearch;
  readonly label: string;
  readonly inMonths: boolean;
}

/** A deadline repair's rungs from this width up are tried only when no raised order meets the deadlines. */
const REPAIR_WIDTH_WITHOUT_A_PLAN = 32;

/**
 * Crane-schedules (schedules × untrusted cranes) that raising late cranes' priorities may build from each order
 * search: national set (205 cranes) 98, about 1 s; 2,000 cranes 10. Every crane by 2034-09 took 29 from the exact LP's
 * order, by 2034-12 17; by 2033-11 (the earliest month possible) 148, whose plan the repair's beat.
 */
const DEADLINE_RAISE_CRANE_SCHEDULES = 20_000;

/** An order risk first can book in: priorities, and suppliers to prefer. */
interface BookingOrder {
  readonly priorities: ReadonlyMap<string, number>;
  readonly suppliers?: PreferredSuppliers;
}

/**
 * The least risky plan meeting every deadline that raising the priorities of late cranes finds from the searches'
 * orders (raiseLateCranes), or null; and, from each order whose raises met nothing, the raised order that came
 * closest (for the repair's start).
 */
function deadlinesMetByRaising(
  problem: PlanningProblem,
  searches: readonly OrderSearchRun[],
): {
  readonly met: {
    readonly schedule: readonly PlannedReplacement[];
    readonly name: string;
    readonly riskExposure: number;
  } | null;
  readonly closest: readonly BookingOrder[];
} {
  const maxSchedules = deadlineRaiseSchedules(problem);
  // From an LP's order when there is one: from risk per dollar the plans start far higher (given 195 schedules, every
  // crane by 2033-11: 2,621.5 against 2,370.3).
  const fromLp = searches.filter((s) => s.inMonths);
  let best: ReturnType<typeof deadlinesMetByRaising>['met'] = null;
  const closest: BookingOrder[] = [];
  for (const { search, label, inMonths } of fromLp.length > 0 ? fromLp : searches) {
    const suppliers = search.suppliers !== undefined ? { suppliers: search.suppliers } : {};
    const raised = raiseLateCranes(problem, {
      initial: inMonths ? search.priorities : logPriorities(search.priorities),
      ...suppliers,
      maxSchedules,
    });
    if (raised.closest !== null) closest.push({ priorities: raised.closest.priorities, ...suppliers });
    const { met } = raised;
    if (met === null || validatePlan(problem, met.plan).length > 0) continue;
    if (best === null || met.plan.riskExposure < best.riskExposure - 1e-9)
      best = {
        schedule: met.plan.replacements,
        riskExposure: met.plan.riskExposure,
        name: `${label}, with the cranes that missed their deadlines moved sooner until none did (${met.schedules} schedules)`,
      };
  }
  return { met: best, closest };
}

/** Schedules that raising late cranes may build from one order: DEADLINE_RAISE_CRANE_SCHEDULES over the cranes. */
const deadlineRaiseSchedules = (problem: PlanningProblem): number =>
  Math.max(
    DEADLINE_PRIORITY_RAISES.length,
    Math.ceil(DEADLINE_RAISE_CRANE_SCHEDULES / Math.max(1, untrustedCranes(problem.terminals))),
  );

/**
 * The last resort when neither a raised order nor a repair meets the deadlines: risk first in the order of the
 * longest wait between contract and retirement without deadlines (completionPriorities), its late cranes raised by
 * DEADLINE_OFFER_RAISES. Meeting the deadlines is all it aims at, so it starts far riskier than a repair (national
 * set, every crane by 2033-11: 2,594.7 against the repair's 2,222.8) and only where nothing else gave a plan (the
 * same set by 5 s, from column generation's order: none before).
 */
function deadlinesMetByWaits(problem: PlanningProblem): {
  readonly schedule: readonly PlannedReplacement[];
  readonly name: string;
  readonly riskExposure: number;
} | null {
  const free = withoutDeadlines(problem);
  const met = prioritiesMeetingDeadlines(problem, {
    initial: completionPriorities(free, riskFirstPlan(free)),
    maxSchedules: deadlineRaiseSchedules(problem),
    raises: DEADLINE_OFFER_RAISES,
  });
  if (met === null || validatePlan(problem, met.plan).length > 0) return null;
  return {
    schedule: met.plan.replacements,
    riskExposure: met.plan.riskExposure,
    name: `risk first with the cranes whose retirement waits longest first, and the cranes that missed their deadlines moved sooner until none did (${met.schedules} schedules; no raised order from an LP or risk per dollar, and no repair, met them)`,
  };
}

/** Of risk first's schedules in these orders, the one missing the fewest terminals' deadlines, then the least risky. */
function leastMissingDeadlines(
  problem: PlanningProblem,
  orders: readonly BookingOrder[],
): readonly PlannedReplacement[] {
  const scored = orders.map(({ priorities, suppliers }) => {
    const plan = riskFirstPlan(problem, { priorities, ...(suppliers !== undefined ? { suppliers } : {}) });
    return { plan, missing: terminalsMissingDeadlines(problem, plan.replacements).size };
  });
  const best = scored.reduce((a, b) =>
    b.missing < a.missing || (b.missing === a.missing && b.plan.riskExposure < a.plan.riskExposure) ? b : a,
  );
  return best.plan.replacements;
}

/** The best (lowest risk exposure) of greedy and the searched risk-first schedules; null when none is feasible. */
function bestOfSearches(
  problem: PlanningProblem,
  searches: readonly { readonly search: OrderSearch; readonly label: string }[],
): { readonly schedule: readonly PlannedReplacement[]; readonly name: string } | null {
  const candidates = [
    greedyPlan(problem),
    ...searches.map(({ search, label }) => ({
      ...riskFirstPlan(problem, {
        priorities: search.priorities,
        ...(search.suppliers !== undefined ? { suppliers: search.suppliers } : {}),
      }),
      name: `${label} (${search.steps} schedules)`,
    })),
  ];
  const best = candidates
    .filter((p) => p.status === 'feasible' || p.status === 'optimal')
    .reduce<Plan | null>((a, p) => (a === null || p.riskExposure < a.riskExposure - 1e-9 ? p : a), null);
  return best ? { schedule: best.replacements, name: best.name } : null;
}

/**
 * When the exact LP gives no bound (too large, or not solved in time): the month-quarter relaxation, the national
 * relaxation and, only when the month-quarter one gives none, the quarterly relaxation.
 */
async function fallbackBounds(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: PlanReplacementOptions,
  seconds: number,
  diagnostics: string[],
  /** The month-quarter relaxation already tried (long limits solve it first): not solved again. */
  triedMonthQuarter: RelaxationBound | null,
  nationalOnly: boolean,
): Promise<number[]> {
  const skipped: RelaxationBound = { bound: null, infeasible: false, seconds: 0, columns: 0 };
  const monthQuarter =
    triedMonthQuarter ??
    (nationalOnly
      ? skipped
      : await monthQuarterBound(problem, solver, {
          timeLimitSeconds: Math.max(1, seconds * 0.8),
        }));
  // It keeps the floor hard, so with a soft floor it is no relaxation.
  const { result: agg, bound: aggBound } = problem.options.softFloor
    ? { result: { status: 'skipped', seconds: 0 }, bound: null }
    : await solveLpBound(
        buildPlanningModel(aggregateRelaxation(problem), {
          maxRiskPieces: 24,
          budgetMarginMusd: boundBudgetMargin(problem),
          ...(options.contractStep !== undefined ? { contractStep: options.contractStep } : {}),
        }).model,
        solver,
        Math.max(1, seconds - monthQuarter.seconds),
      );
  diagnostics.push(
    aggBound !== null
      ? `national relaxation LP (all terminals merged): ${aggBound.toFixed(1)}, ${agg.seconds.toFixed(1)} s`
      : problem.options.softFloor
        ? 'national relaxation: does not apply (it keeps the floor hard)'
        : `national relaxation: ${agg.status}, no bound`,
  );
  // The quarterly relaxation is weaker on every instance measured; it is the fallback when the other fails.
  const quarterly: RelaxationBound | null =
    monthQuarter.bound === null && triedMonthQuarter === null && !nationalOnly
      ? await quarterlyBound(problem, solver, {
          timeLimitSeconds: Math.max(1, seconds - agg.seconds - monthQuarter.seconds),
        })
      : null;
  if (nationalOnly && triedMonthQuarter === null)
    diagnostics.push('quarter relaxations: skipped (the model is too large for them)');
  for (const [label, r] of [
    ...(nationalOnly && triedMonthQuarter === null ? [] : [['month-quarter', monthQuarter] as const]),
    ...(quarterly ? [['quarterly', quarterly] as const] : []),
  ] as const) {
    diagnostics.push(
      r.bound !== null
        ? `${label} relaxation LP: ${r.bound.toFixed(1)}, ${r.seconds.toFixed(1)} s`
        : r.columns === 0
          ? `${label} relaxation: does not apply (weekly, soft floor, fixed decisions or misaligned quarters)`
          : `${label} relaxation: ${r.infeasible ? 'infeasible' : 'not solved in time'}, no bound`,
    );
  }
  return [aggBound, monthQuarter.bound, quarterly?.bound ?? null].filter((b): b is number => b !== null);
}

export const MODEL_LIMITS = { maxColumns: 150_000, maxNonzeros: 3_000_000 } as const;

export interface ModelSize {
  readonly columns: number;
  readonly integerColumns: number;
  readonly rows: number;
  readonly nonzeros: number;
}

export function modelSize(built: BuiltModel): ModelSize {
  return {
    columns: built.model.columns.length,
    integerColumns: built.model.columns.filter((c) => c.integer).length,
    rows: built.model.rows.length,
    nonzeros: built.nonzeros,
  };
}

/**
 * Why no plan keeps every rule: the slacks of the elastic model (every hard row given a priced slack), read by
 * `explainSlacks`. Small models solve it as a MIP; at national size its MIP finds nothing better than slack on every
 * crane in 20 s (national set with every crane due by 2031-12), where its LP by interior point explains in 10 s, with
 * fractional slacks: then the amounts are the least that must give.
 */
async function explainInfeasibility(
  problem: PlanningProblem,
  options: PlanReplacementOptions,
  solver: MilpSolver,
  by: 'mip' | 'lp',
  seconds: number,
  diagnostics: string[],
  /** The whole problem, when `problem` is the terminals at fault alone: a deadline a plan meets is the whole's. */
  whole: PlanningProblem = problem,
): Promise<Plan['infeasibility'] | undefined> {
  const elastic = buildPlanningModel(problem, {
    elastic: true,
    ...(options.contractStep !== undefined ? { contractStep: options.contractStep } : {}),
  });
  const r = await solver.solve(elastic.model, {
    timeLimitSeconds: seconds,
    mipRelGap: 0.01,
    ...(by === 'lp' ? { relaxIntegrality: true, lpAlgorithm: 'ipm' as const } : {}),
  });
  if (r.values === null) {
    diagnostics.push(`elastic model${by === 'lp' ? ' LP' : ''}: ${r.status}, no explanation`);
    return undefined;
  }
  if (by === 'lp')
    diagnostics.push(
      "explained by the elastic model's LP (interior point): its slacks are fractional, so the amounts are the least that must give",
    );
  const explained = explainSlacks(problem, elastic.index, r.values);
  if (!explained.reasons.some((x) => x.kind === 'deadline')) return explained;
  // The earliest deadline asked for: no plan meets it by every terminal.
  const due = Math.min(
    ...whole.terminals.flatMap((t) => (t.deadlinePeriod === undefined ? [] : [t.deadlinePeriod])),
  );
  const reachable =
    estimateModelColumns(whole) <= DEADLINE_SEARCH_COLUMNS
      ? await earliestDeadlineOf(whole, solver, Math.max(1, seconds / 4))
      : deadlineAPlanMeets(whole, due);
  if (reachable === null) return explained;
  return {
    ...explained,
    relaxations: [
      {
        kind: 'later-deadline',
        amount: reachable.period - due,
        message: `a deadline of ${reachable.label} for every terminal can be met: ${reachable.how}`,
        searched: reachable.searched,
      },
      ...explained.relaxations,
    ],
  };
}

/**
 * Up to this many columns an infeasible deadline is explained with the earliest one a plan meets, searched
 * (`searchEarliestPeriod`, a plan per probe); above it, with risk first's completion (the national set's search takes
 * minutes: `portguard plan --earliest-deadline`).
 */
export const DEADLINE_SEARCH_COLUMNS = 5_000;

/** The earliest common deadline a plan meets, by probes of `probeSeconds` each, said as deadlineAPlanMeets says it. */
async function earliestDeadlineOf(
  problem: PlanningProblem,
  solver: MilpSolver,
  probeSeconds: number,
): Promise<ReturnType<typeof deadlineAPlanMeets>> {
  const { met, impossible } = await earliestCommonDeadline(problem, solver, {
    timeLimitSeconds: probeSeconds,
  });
  if (met === null) return null;
  const exact = provenEarliest({ met, impossible });
  return {
    period: met.period,
    label: met.month,
    how: exact
      ? `the earliest: a plan retires every untrusted crane by then, and none can by ${met.period > 0 ? impossible!.month : 'the start'}`
      : 'a plan retires every untrusted crane by then (an earlier one was not decided)',
    searched: true,
  };
}

/**
 * The earliest month by which every untrusted crane can be retired (`searchEarliestPeriod`): each probe plans with
 * that common deadline (`timeLimitSeconds` each, no explanation). The upper end starts at the month deadlineAPlanMeets
 * offers (a heuristic plan meets it), else the horizon's last period, and that probe's plan is kept; the month before
 * it is probed next, as that start is often the earliest already (national set: two probes), then the months below
 * are bisected. A plan found moves the upper end down, a probe the exact LP (or MIP) proves impossible moves the lower
 * end up (a deadline met stays met when it moves later). A probe that finds no plan in its time decides nothing: the
 * earlier half is searched first, then the later. At most `maxProbes` (default 2⌈log₂ periods⌉ + 4) plans are made.
 * The answer is exact when the month before it is proven impossible; `impossible` says how far the proof goes.
 */
export async function earliestCommonDeadline(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: {
    readonly timeLimitSeconds: number;
    readonly clock?: () => number;
    readonly maxProbes?: number;
    /** Told of each probe as it ends, e.g. to show progress: the search takes one plan's time per probe. */
    readonly onProbe?: (probe: DeadlineProbe, maxProbes: number) => void;
  },
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
    const done: DeadlineProbe = { period, month: month(period), outcome, seconds: plan.solveSeconds };
    probes.push(done);
    options.onProbe?.(done, maxProbes);
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

/**
 * Schedules that each month tried by deadlineAPlanMeets may build from each of its two orders: national set, 0.5–0.8 s
 * a month missed, 0.05 s one met in the first few.
 */
const DEADLINE_OFFER_SCHEDULES = 60;

/**
 * A common deadline a plan is shown to meet, so a deadline no earlier than it is feasible: the completion of a plan
 * that keeps every rule but the deadlines (risk first, all cranes replaced), then earlier months by bisection, each
 * met when raising the priorities of the cranes that miss it (prioritiesMeetingDeadlines, DEADLINE_OFFER_RAISES) gives
 * a plan that keeps every rule, from the order of the longest wait between contract and retirement
 * (completionPriorities) or else from risk per dollar. `missedBy`: a month known to have no plan, where the bisection
 * stops. Null when risk first leaves a crane or breaks a rule. National set, explaining every crane by 2031-12:
 * 2033-11, the earliest possible (`portguard plan --earliest-deadline`), where risk first's plan retires the last
 * crane by 2035-11 and raising risk per dollar's order alone met 2034-11.
 */
export function deadlineAPlanMeets(
  problem: PlanningProblem,
  missedBy = -1,
): {
  readonly period: number;
  readonly label: string;
  readonly how: string;
  /** False: only shown to suffice, no earlier month searched. */
  readonly searched: boolean;
} | null {
  const free = withoutDeadlines(problem);
  const plan = riskFirstPlan(free);
  if (plan.completionPeriod === null || validatePlan(free, plan).length > 0) return null;
  if (validatePlan(withCommonDeadline(free, plan.completionPeriod), plan).length > 0) return null;
  const orders = [
    { initial: completionPriorities(free, plan), name: 'the cranes whose retirement waits longest first' },
    { initial: logPriorities(riskFirstPriorities(free)), name: 'risk per dollar' },
  ];
  let met = plan.completionPeriod;
  let metBy: string | null = null;
  for (let missed = Math.max(-1, Math.min(missedBy, met - 1)); met - missed > 1;) {
    const month = Math.floor((missed + met) / 2);
    const due = withCommonDeadline(free, month);
    const by = orders.find(({ initial }) => {
      const found = prioritiesMeetingDeadlines(due, {
        initial,
        maxSchedules: DEADLINE_OFFER_SCHEDULES,
        raises: DEADLINE_OFFER_RAISES,
      });
      return found !== null && validatePlan(due, found.plan).length === 0;
    });
    if (by !== undefined) {
      met = month;
      metBy = by.name;
    } else missed = month;
  }
  return {
    period: met,
    label: periodMonthLabel(problem.startMonth, problem.granularity, met),
    how:
      metBy !== null
        ? `risk first in the order of ${metBy}, with the cranes that missed it moved sooner, retires every untrusted crane by then and keeps every other rule (not searched: an earlier deadline may be met too)`
        : 'the risk-first plan without the deadline retires every untrusted crane by then and keeps every other rule (not searched: an earlier deadline may be met too)',
    searched: false,
  };
}

/** Throws PortGuardError('model_too_large') with what to reduce, before the solver can run out of memory. */
export function assertModelSize(
  problem: PlanningProblem,
  built: BuiltModel,
  limits: { readonly maxColumns?: number; readonly maxNonzeros?: number } = {},
): void {
  const maxColumns = limits.maxColumns ?? MODEL_LIMITS.maxColumns;
  const maxNonzeros = limits.maxNonzeros ?? MODEL_LIMITS.maxNonzeros;
  const size = modelSize(built);
  if (size.columns <= maxColumns && size.nonzeros <= maxNonzeros) return;
  const cranes = untrustedCranes(problem.terminals);
  throw new PortGuardError(
    'model_too_large',
    `the planning model is too large for the solver: ${size.columns} columns and ${size.nonzeros} nonzeros ` +
      `(limits ${maxColumns} columns, ${maxNonzeros} nonzeros) for ${problem.terminals.length} terminals, ${cranes} cranes, ` +
      `${problem.periods} ${problem.granularity} periods and ${problem.suppliers.length} suppliers. ` +
      `Reduce it: plan monthly instead of weekly, shorten the horizon, plan one region (or fewer terminals) at a time, ` +
      `or offer fewer suppliers per size class.`,
  );
}

const statusOf = (r: MilpResult): PlanStatus =>
  r.status === 'optimal'
    ? 'optimal'
    : r.status === 'time-limit'
      ? r.values
        ? 'feasible'
        : 'no-solution'
      : r.status === 'infeasible'
        ? 'infeasible'
        : 'no-solution';

/**
 * The replacement planner: builds the staircase MIP, solves it through the MilpSolver port and returns a Plan
 * (schedule, capacity vs demand, spend, burn-down, bound and gap). Infeasible problems come back as a Plan with
 * status 'infeasible' and an explanation; too-large models throw PortGuardError('model_too_large').
 * Example: `const plan = await planReplacement(problem, { initialSchedule: greedy.replacements }, solver)`.
 */
export async function planReplacement(
  problem: PlanningProblem,
  options: PlanReplacementOptions,
  solver: MilpSolver,
): Promise<Plan> {
  const parts = independentParts(problem);
  return parts.length > 1 ? planParts(problem, parts, options, solver) : planWhole(problem, options, solver);
}

/**
 * Parts that share no supplier offer, crew region or funding program (`independentParts`) are planned side by side,
 * the largest started first, and their schedules evaluated together. The largest part has the whole time limit, as it
 * would alone; a smaller one at least half of it (or its share by estimated model columns): the small parts, typically
 * one grant's cameras, are solved by one MIP that ends on its gap well before (national set: 0.7 s of a 10 s limit;
 * with a second, as first written, it once ended without a bound while the machine was busy). Side by side, that MIP
 * runs on the solver's second worker while the largest part's exact LP holds the first (one after the other, it
 * added its second to the run's). Every part's plan is the one it has alone: counted runs stop on work, not time. A
 * part without a bound counts 0 in the whole's, which every plan's risk exposure is at least.
 */
async function planParts(
  problem: PlanningProblem,
  parts: readonly PlanningProblem[],
  options: PlanReplacementOptions,
  solver: MilpSolver,
): Promise<Plan> {
  const timeLimit = options.timeLimitSeconds ?? problem.options.timeLimitSeconds;
  const name = options.name ?? 'optimised';
  const columns = parts.map((p) => estimateModelColumns(p, options.contractStep ?? 1));
  const largest = columns.indexOf(Math.max(...columns));
  const largestFirst = parts
    .map((_, i) => i)
    .sort((a, b) => (columns[b] as number) - (columns[a] as number) || a - b);
  const started = options.clock?.();
  const plans: Plan[] = [];
  const planPart = async (i: number): Promise<void> => {
    const part = parts[i] as PlanningProblem;
    const ids = new Set(part.terminals.map((t) => t.id));
    plans[i] = await planWhole(
      part,
      {
        ...options,
        name,
        timeLimitSeconds:
          i === largest
            ? timeLimit
            : Math.max(1, timeLimit / 2, (timeLimit * (columns[i] as number)) / (columns[largest] as number)),
        ...(options.initialSchedule !== undefined
          ? { initialSchedule: options.initialSchedule.filter((r) => ids.has(r.terminalId)) }
          : {}),
      },
      solver,
    );
  };
  await Promise.all(largestFirst.map(planPart));
  const diagnostics = [
    `${parts.length} independent parts (no supplier offer, crew region or funding program in common), planned apart, side by side`,
    ...plans.flatMap((p, i) => {
      const part = parts[i] as PlanningProblem;
      const head = `part ${i + 1} (${part.terminals.length} terminals, ${untrustedCranes(part.terminals)} assets): ${p.status}, risk ${p.riskExposure.toFixed(1)}, gap ${p.gap === null ? 'none' : `${(p.gap * 100).toFixed(2)}%`}, ${p.solveSeconds.toFixed(1)} s`;
      return [head, ...p.diagnostics.map((d) => `  ${d}`)];
    }),
  ];
  // Side by side: the run's own time with a clock, else the longest part's.
  const solveSeconds =
    options.clock !== undefined && started !== undefined
      ? (options.clock() - started) / 1000
      : Math.max(...plans.map((p) => p.solveSeconds));
  const failed =
    plans.find((p) => p.status === 'infeasible') ?? plans.find((p) => p.status === 'no-solution');
  if (failed !== undefined) {
    const explained = plans.filter((p) => p.infeasibility !== undefined);
    return evaluateSchedule(problem, [], {
      name,
      method: 'milp',
      status: failed.status,
      bound: null,
      solveSeconds,
      diagnostics,
      ...(explained.length > 0
        ? {
            infeasibility: {
              reasons: explained.flatMap((p) => p.infeasibility?.reasons ?? []),
              relaxations: explained.flatMap((p) => p.infeasibility?.relaxations ?? []),
            },
          }
        : {}),
    });
  }
  const bounds = plans.map((p) => p.bound);
  return evaluateSchedule(
    problem,
    plans.flatMap((p) => p.replacements),
    {
      name,
      method: 'milp',
      status: plans.every((p) => p.status === 'optimal' && p.bound !== null) ? 'optimal' : 'feasible',
      objective: plans.reduce((a, p) => a + p.objective, 0),
      bound: bounds.some((b) => b !== null) ? bounds.reduce<number>((a, b) => a + (b ?? 0), 0) : null,
      solveSeconds,
      diagnostics,
    },
  );
}

/** planReplacement of a problem whose terminals are not split into independent parts. */
async function planWhole(
  problem: PlanningProblem,
  options: PlanReplacementOptions,
  solver: MilpSolver,
): Promise<Plan> {
  const timeLimit = options.timeLimitSeconds ?? problem.options.timeLimitSeconds;
  const mipGap = options.mipGap ?? problem.options.mipGap;
  const name = options.name ?? 'optimised';
  const method = options.method ?? 'auto';
  const estimated = estimateModelColumns(problem, options.contractStep ?? 1);
  if (
    method === 'decomposition' ||
    (method === 'auto' && estimated > (options.directColumns ?? DIRECT_COLUMNS))
  ) {
    return planByDecomposition(problem, options, solver, timeLimit, name, estimated);
  }
  const built = buildPlanningModel(
    problem,
    options.contractStep !== undefined ? { contractStep: options.contractStep } : {},
  );
  assertModelSize(problem, built, {
    ...(options.maxColumns !== undefined ? { maxColumns: options.maxColumns } : {}),
    ...(options.maxNonzeros !== undefined ? { maxNonzeros: options.maxNonzeros } : {}),
  });
  const size = modelSize(built);
  const diagnostics: string[] = [
    ...(options.contractStep !== undefined && options.contractStep > 1
      ? [
          `contracts restricted to every ${options.contractStep} periods: the bound is that restricted model's`,
        ]
      : []),
    `model: ${size.columns} columns (${size.integerColumns} integer), ${size.rows} rows, ${size.nonzeros} nonzeros`,
  ];
  let initial = options.initialSchedule;
  let initialName = 'given schedule';
  const started = options.clock?.() ?? 0;
  if (initial === undefined && options.greedyStart !== false) {
    const clock = options.clock;
    const heuristic = bestHeuristicStart(
      problem,
      options.orderSearchIterations ?? defaultOrderSearch(problem, timeLimit),
      clock && options.stopByClock === true ? () => (clock() - started) / 1000 > timeLimit * 0.3 : undefined,
    );
    if (heuristic) {
      initial = heuristic.schedule;
      initialName = heuristic.name;
    }
  }
  const heuristicSeconds = options.clock ? (options.clock() - started) / 1000 : 0;
  const start =
    initial !== undefined
      ? scheduleToValues(problem, built.index, built.model.columns.length, initial)
      : null;
  if (initial !== undefined) {
    diagnostics.push(
      start
        ? `initial incumbent: ${initialName}`
        : `initial ${initialName} ignored: it does not fit the model windows`,
    );
  }
  const result = await solver.solve(built.model, {
    timeLimitSeconds: Math.max(0.5, timeLimit - heuristicSeconds),
    mipRelGap: mipGap,
    ...(start ? { initialSolution: start } : {}),
  });
  if (result.status === 'error' || result.status === 'unbounded') {
    throw new PortGuardError(
      'infrastructure',
      `the solver failed (${result.status}): ${result.message ?? 'no message'}`,
    );
  }
  const status = statusOf(result);
  if (result.message) diagnostics.push(`solver: ${result.message}`);

  // The model keeps a $1 margin under each budget line, so a start that spends a line to the dollar is valid
  // but not a model point; the solver then ends without an incumbent (or says infeasible). Keep the start.
  if (
    (status === 'infeasible' || !result.values) &&
    initial !== undefined &&
    initial.length > 0 &&
    validatePlan(problem, { replacements: initial }).length === 0
  ) {
    diagnostics.push(`solver ended without a plan (${result.status}); returning the ${initialName}`);
    const startPlan = evaluateSchedule(problem, initial, { name, method: 'milp' });
    const b = status === 'infeasible' ? null : result.bound;
    return evaluateSchedule(problem, initial, {
      name,
      method: 'milp',
      status: 'feasible',
      bound: b !== null && Number.isFinite(b) && b <= startPlan.objective ? b : null,
      solveSeconds: heuristicSeconds + result.seconds,
      diagnostics,
    });
  }

  if (status === 'infeasible' || !result.values) {
    let infeasibility: Plan['infeasibility'] | undefined;
    if (status === 'infeasible' && options.explain !== false)
      infeasibility = await explainInfeasibility(
        problem,
        options,
        solver,
        'mip',
        Math.max(1, timeLimit / 2),
        diagnostics,
      );
    return evaluateSchedule(problem, [], {
      name,
      method: 'milp',
      status,
      bound: null,
      solveSeconds: heuristicSeconds + result.seconds,
      diagnostics,
      ...(infeasibility ? { infeasibility } : {}),
    });
  }

  let schedule = readSchedule(problem, built.index, result.values);
  const budgetOk = (s: readonly PlannedReplacement[]): boolean =>
    !validatePlan(problem, { replacements: s }).some((i) => i.code === 'plan/budget');
  if (!budgetOk(schedule)) {
    // A guard: the model pays each crane from one program (whole-crane counts), so its programs fit unless the
    // federal share's rounding to cents does. Try the start's programs for unchanged replacements, then the
    // evaluator's first-fit.
    const fromStart = new Map((initial ?? []).map((r) => [r.craneId, r]));
    const keepStart = schedule.map(({ programId: _p, ...r }) => {
      const s0 = fromStart.get(r.craneId);
      return s0?.programId !== undefined &&
        s0.supplierId === r.supplierId &&
        s0.contractPeriod === r.contractPeriod
        ? { ...r, programId: s0.programId }
        : r;
    });
    const unassigned = schedule.map(({ programId: _p, ...r }) => r);
    const fit = [keepStart, unassigned].find(budgetOk);
    if (fit) schedule = fit;
    else
      diagnostics.push(
        'no whole-crane assignment of funding programs fits the budgets exactly; see validatePlan',
      );
  }
  const violations = validatePlan(problem, { replacements: schedule });
  if (
    violations.length > 0 &&
    initial !== undefined &&
    validatePlan(problem, { replacements: initial }).length === 0
  ) {
    diagnostics.push(
      `the solver's plan breaks ${violations.length} rule(s) (first: ${violations[0]?.message ?? ''}); returning the ${initialName}`,
    );
    const startPlan = evaluateSchedule(problem, initial, { name, method: 'milp' });
    return evaluateSchedule(problem, initial, {
      name,
      method: 'milp',
      status: 'feasible',
      bound: result.bound !== null && result.bound <= startPlan.objective ? result.bound : null,
      solveSeconds: heuristicSeconds + result.seconds,
      diagnostics,
    });
  }
  return evaluateSchedule(problem, schedule, {
    name,
    method: 'milp',
    status,
    objective: result.objective ?? Number.NaN,
    bound: result.bound,
    solveSeconds: heuristicSeconds + result.seconds,
    diagnostics,
  });
}
