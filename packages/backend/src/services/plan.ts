import {
  earliestCommonDeadline,
  type DeadlineProbe,
  type EarliestDeadline,
  doNothingPlan,
  greedyPlan,
  planningProblemFromDataset,
  planReplacement,
  planToCsv,
  planToMspdi,
  PortGuardError,
  type Dataset,
  type FromDatasetOptions,
  type Issue,
  type MilpSolver,
  type Plan,
  type PlanningProblem,
} from '@portguard/core';
import type { Config } from '../config/config.js';
import { loadBundledDataset } from '../dataset/load.js';
import { inventoryRepository } from '../db/index.js';
import { exposureByAssetFromStore } from '../evidence/planning.js';
import { PLANNING_THREADS, WorkerHighsSolver } from '../solver/highs-solver.js';
import { createContext } from './context.js';

export type PlanMethod = 'milp' | 'greedy' | 'do-nothing';
export const PLAN_METHODS: readonly PlanMethod[] = ['milp', 'greedy', 'do-nothing'];
export type PlanExportFormat = 'json' | 'csv' | 'mspdi';

export type DatasetSource = 'database' | 'bundled';

/**
 * The Dataset to plan on: the store's inventory, or the bundled national dataset when asked for or when the
 * store holds no STS crane yet (say so to the user via `source`).
 */
export async function loadPlanningDataset(
  config: Config,
  prefer: 'auto' | DatasetSource,
): Promise<{
  dataset: Dataset;
  source: DatasetSource;
  /** Risk multipliers from the stored network evidence's exposure scores, when any evidence was imported. */
  exposureByAsset?: Readonly<Record<string, number>>;
}> {
  if (prefer === 'bundled') return { dataset: loadBundledDataset(), source: 'bundled' };
  const ctx = await createContext({ config });
  try {
    const dataset = await inventoryRepository(ctx.store.db, ctx.store.dialect).load();
    if (prefer === 'database' || dataset.assets.some((a) => a.kind === 'sts-crane')) {
      const exposureByAsset = await exposureByAssetFromStore(ctx.store, dataset);
      return exposureByAsset === undefined
        ? { dataset, source: 'database' }
        : { dataset, source: 'database', exposureByAsset };
    }
  } finally {
    await ctx.close();
  }
  return { dataset: loadBundledDataset(), source: 'bundled' };
}

export interface PlanRunOptions extends FromDatasetOptions {
  readonly methods: readonly PlanMethod[];
  /** Milliseconds, for timing the heuristics. */
  readonly clock?: () => number;
  /**
   * The MILP stops at the time limit instead of after fixed amounts of work sized for it: it then ends on time on a
   * slower or busier machine, but the same input can give another plan (planReplacement's `stopByClock`).
   */
  readonly stopByClock?: boolean;
}

export interface PlanRun {
  readonly problem: PlanningProblem;
  /** Data problems found while building the problem (terminals left out, classes nobody offers…). */
  readonly warnings: readonly Issue[];
  readonly plans: readonly Plan[];
}

/**
 * Builds the planning problem and runs each method; the MILP starts from the greedy schedule.
 * Example: `await runPlanning(ds, { startMonth: '2027-01', methods: ['greedy', 'milp'] }, solver)`.
 * Without a solver, 'milp' uses HiGHS in a worker thread for the duration of the call.
 */
export async function runPlanning(
  dataset: Dataset,
  options: PlanRunOptions,
  solver?: MilpSolver,
): Promise<PlanRun> {
  const { methods, clock, stopByClock, ...fromOptions } = options;
  // Started first, so that the worker threads boot (0.5–1.5 s) while the problem is built and the baselines run.
  const own =
    solver === undefined && methods.includes('milp')
      ? new WorkerHighsSolver({ threads: PLANNING_THREADS })
      : null;
  try {
    return await planWith(dataset, methods, clock, stopByClock === true, fromOptions, solver ?? own);
  } finally {
    await own?.close();
  }
}

async function planWith(
  dataset: Dataset,
  methods: readonly PlanMethod[],
  clock: (() => number) | undefined,
  stopByClock: boolean,
  fromOptions: FromDatasetOptions,
  solver: MilpSolver | null,
): Promise<PlanRun> {
  const { problem, warnings } = planningProblem(dataset, fromOptions);
  const byMethod = new Map<PlanMethod, Plan>();
  const greedy = () => {
    let g = byMethod.get('greedy');
    if (!g) {
      g = greedyPlan(problem, clock ? { clock } : {});
      byMethod.set('greedy', g);
    }
    return g;
  };
  for (const m of methods) {
    if (m === 'greedy') greedy();
    else if (m === 'do-nothing') byMethod.set('do-nothing', doNothingPlan(problem));
  }
  if (methods.includes('milp') && solver !== null) {
    // No initial schedule: the planner starts from the better of greedy and its risk-first search.
    const plan = await planReplacement(
      problem,
      { name: 'Optimised (MILP)', clock: () => performance.now(), ...(stopByClock ? { stopByClock } : {}) },
      solver,
    );
    byMethod.set('milp', plan);
  }
  return { problem, warnings, plans: methods.flatMap((m) => byMethod.get(m) ?? []) };
}

/** The planning problem of a dataset and its warnings; input it cannot be built from is an `invalid_input` error. */
export function planningProblem(
  dataset: Dataset,
  options: FromDatasetOptions,
): { readonly problem: PlanningProblem; readonly warnings: readonly Issue[] } {
  const built = planningProblemFromDataset(dataset, options);
  if (!built.ok) throw new PortGuardError('invalid_input', 'cannot build the planning problem', built.issues);
  return { problem: built.value, warnings: built.issues ?? [] };
}

/**
 * The earliest month by which every untrusted crane can be retired (`earliestCommonDeadline`), each probe a plan with
 * that deadline and `timeLimitSeconds`. Without a solver, HiGHS in a worker thread for the duration of the call.
 */
export async function findEarliestDeadline(
  problem: PlanningProblem,
  options: {
    readonly timeLimitSeconds: number;
    readonly solver?: MilpSolver;
    /** Told of each probe as it ends. */
    readonly onProbe?: (probe: DeadlineProbe, maxProbes: number) => void;
  },
): Promise<EarliestDeadline> {
  const { timeLimitSeconds, solver, onProbe } = options;
  const own = solver ? null : new WorkerHighsSolver({ threads: PLANNING_THREADS });
  try {
    return await earliestCommonDeadline(problem, solver ?? own!, {
      timeLimitSeconds,
      clock: () => performance.now(),
      ...(onProbe !== undefined ? { onProbe } : {}),
    });
  } finally {
    await own?.close();
  }
}

/** A plan as a file: JSON (problem summary and plan), CSV (one row per crane) or MS Project XML. */
export function renderPlan(problem: PlanningProblem, plan: Plan, format: PlanExportFormat): string {
  switch (format) {
    case 'csv':
      return planToCsv(problem, plan);
    case 'mspdi':
      return planToMspdi(problem, plan, { projectName: `PortGuard — ${plan.name}` });
    case 'json':
      return (
        JSON.stringify(
          {
            startMonth: problem.startMonth,
            granularity: problem.granularity,
            periods: problem.periods,
            plan,
          },
          null,
          2,
        ) + '\n'
      );
  }
}
