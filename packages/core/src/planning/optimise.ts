import { PortGuardError } from '../shared/errors.js';
import { greedyPlan } from './baselines.js';
import { evaluateSchedule, validatePlan } from './evaluate.js';
import type { MilpResult, MilpSolver } from './milp.js';
import { buildPlanningModel, type BuiltModel } from './model/build.js';
import { explainSlacks } from './model/explain.js';
import { readSchedule, scheduleToValues } from './model/read-solution.js';
import type { Plan, PlannedReplacement, PlanStatus } from './plan.js';
import type { PlanningProblem } from './problem.js';

export interface PlanReplacementOptions {
  /** Defaults to problem.options.timeLimitSeconds / mipGap. */
  readonly timeLimitSeconds?: number;
  readonly mipGap?: number;
  /** A feasible schedule (e.g. the greedy baseline) handed to the solver as its first incumbent. */
  readonly initialSchedule?: readonly PlannedReplacement[];
  /** Without initialSchedule, start from the greedy baseline (default true). */
  readonly greedyStart?: boolean;
  /** When the model is infeasible, solve an elastic version to explain why (default true). */
  readonly explain?: boolean;
  readonly name?: string;
  /** See BuildOptions.contractStep: 1 (default) is the exact model. */
  readonly contractStep?: number;
  /** Size limits checked before solving (WASM HiGHS dies at about 233k columns / 6.7M nonzeros). */
  readonly maxColumns?: number;
  readonly maxNonzeros?: number;
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
  const cranes = problem.terminals.reduce(
    (a, t) => a + t.groups.reduce((b, g) => b + g.craneIds.length, 0),
    0,
  );
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
  const timeLimit = options.timeLimitSeconds ?? problem.options.timeLimitSeconds;
  const mipGap = options.mipGap ?? problem.options.mipGap;
  const name = options.name ?? 'optimised';
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
  if (initial === undefined && options.greedyStart !== false) {
    const greedy = greedyPlan(problem);
    if (greedy.status === 'feasible' || greedy.status === 'optimal') {
      initial = greedy.replacements;
      initialName = 'greedy plan';
    }
  }
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
    timeLimitSeconds: timeLimit,
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

  if (status === 'infeasible' || !result.values) {
    let infeasibility: Plan['infeasibility'] | undefined;
    if (status === 'infeasible' && options.explain !== false) {
      const elastic = buildPlanningModel(problem, {
        elastic: true,
        ...(options.contractStep !== undefined ? { contractStep: options.contractStep } : {}),
      });
      const er = await solver.solve(elastic.model, {
        timeLimitSeconds: Math.max(1, timeLimit / 2),
        mipRelGap: 0.01,
      });
      if (er.values) infeasibility = explainSlacks(problem, elastic.index, er.values);
      else diagnostics.push(`elastic model: ${er.status}, no explanation`);
    }
    return evaluateSchedule(problem, [], {
      name,
      method: 'milp',
      status,
      bound: null,
      solveSeconds: result.seconds,
      diagnostics,
      ...(infeasibility ? { infeasibility } : {}),
    });
  }

  let schedule = readSchedule(problem, built.index, result.values);
  if (validatePlan(problem, { replacements: schedule }).some((i) => i.code === 'plan/budget')) {
    // The model splits a terminal's cost across programs fractionally; try the evaluator's first-fit instead.
    const unassigned = schedule.map(({ programId: _p, ...r }) => r);
    if (!validatePlan(problem, { replacements: unassigned }).some((i) => i.code === 'plan/budget'))
      schedule = unassigned;
    else
      diagnostics.push(
        'no whole-crane assignment of funding programs fits the budgets exactly; see validatePlan',
      );
  }
  return evaluateSchedule(problem, schedule, {
    name,
    method: 'milp',
    status,
    objective: result.objective ?? Number.NaN,
    bound: result.bound,
    solveSeconds: result.seconds,
    diagnostics,
  });
}
