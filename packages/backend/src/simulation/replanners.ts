import {
  greedyPlan,
  planReplacement,
  resultWithoutSolution,
  riskFirstPlan,
  type AsyncReplanner,
  type MilpModel,
  type MilpResult,
  type MilpSolveOptions,
  type MilpSolver,
  type Plan,
  type PlanningProblem,
  type Replanner,
} from '@portguard/core';

/** Re-optimisers a worker can rebuild by name (functions do not cross threads). */
export type ReplannerName = 'greedy' | 'heuristic' | 'milp';
export const REPLANNERS: readonly ReplannerName[] = ['heuristic', 'greedy', 'milp'];

const usable = (p: Plan) => p.status === 'feasible' || p.status === 'optimal';

const heuristic: Replanner = (problem) => {
  const greedy = greedyPlan(problem);
  const riskFirst = riskFirstPlan(problem);
  return usable(riskFirst) && (!usable(greedy) || riskFirst.riskExposure < greedy.riskExposure)
    ? riskFirst
    : greedy;
};

/**
 * 'heuristic' is the optimiser's own first incumbent — the better of greedy and the risk-first rule (risk removed
 * per federal dollar, old cranes retired at contract where the terminal has spare capacity) — fast enough to run
 * at every shock of every Monte Carlo run; 'greedy' is the baseline rule. 'milp' is asynchronous: see milpReplanner.
 */
export function replannerFor(name: ReplannerName | undefined): Replanner | undefined {
  if (name === 'greedy') return (problem) => greedyPlan(problem);
  if (name === 'heuristic') return heuristic;
  return undefined;
}

/**
 * Makes the planner's use of a solver independent of the wall clock. Each solve is charged the time limit it asks
 * for, not the time it took, so the planner's budgeting (bounds, then terminal blocks) follows the same path on
 * any machine; and it may run to its gap or optimality (which HiGHS reaches deterministically: one thread, fixed
 * seed) within a wall-clock guard of `guardFactor` × its limit (at least `minGuardSeconds`). A solve stopped by the
 * guard returns nothing, so that the planner falls back to its start; `guardHits` counts them. A solve stopped by
 * its node limit keeps its incumbent: that stop repeats exactly. A start the solver
 * refuses (it throws) is dropped and the model solved without it (`startsRefused`).
 */
export class ChargedTimeSolver implements MilpSolver {
  guardHits = 0;
  startsRefused = 0;

  constructor(
    private readonly inner: MilpSolver,
    private readonly guardFactor = 20,
    private readonly minGuardSeconds = 20,
  ) {}

  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    const charged = options.timeLimitSeconds;
    const guarded = {
      ...options,
      timeLimitSeconds: Math.max(this.minGuardSeconds, charged * this.guardFactor),
    };
    let r: MilpResult;
    try {
      r = await this.inner.solve(model, guarded);
    } catch (e) {
      // HiGHS refuses a start outside the model's bounds (the planner's heuristics do not always keep a fixed
      // decision's retirement); solve without it.
      if (options.initialSolution === undefined) throw e;
      this.startsRefused++;
      const { initialSolution: _refused, ...rest } = guarded;
      r = await this.inner.solve(model, rest);
    }
    // A count (the planner's node limits) stops a solve at the same point on every run; only the clock does not.
    if (r.status === 'time-limit' && r.limitReached !== 'nodes') {
      this.guardHits++;
      return resultWithoutSolution('time-limit', charged);
    }
    return { ...r, seconds: charged };
  }
}

/**
 * The replacement planner itself (`planReplacement`) as the re-optimiser at the shock, with a per-re-plan time
 * limit and no clock: its heuristic start searches a fixed number of schedules, and its solves go through a
 * ChargedTimeSolver, so the same state gives the same plan. It uses the planner's decomposition (heuristic start,
 * then one small MIP per terminal, each ending on its gap); the monolithic MIP of all but tiny problems would end
 * on the guard instead. Should the planner find no schedule, the run follows the heuristic re-plan.
 * Example: `milpReplanner(new InProcessHighsSolver(), 2)`.
 */
export function milpReplanner(solver: MilpSolver, timeLimitSeconds: number): AsyncReplanner {
  return async (problem) => {
    const charged = new ChargedTimeSolver(solver);
    const plan = await planReplacement(
      withSoftFloor(problem),
      { timeLimitSeconds, explain: false, name: 'replan', method: 'decomposition' },
      charged,
    );
    const clockBound = charged.guardHits > 0;
    const chosen = plan.replacements.length > 0 ? plan : heuristic(problem);
    return { name: chosen.name, replacements: chosen.replacements, ...(clockBound ? { clockBound } : {}) };
  };
}

/**
 * The state with a soft floor (priced shortfall): the realised past may already have fallen short (slips, growth),
 * which a hard floor would call infeasible. The model reads the facts (arrival, cost, retireFrom) as they are.
 */
const withSoftFloor = (problem: PlanningProblem): PlanningProblem => ({
  ...problem,
  options: { ...problem.options, softFloor: true },
});
