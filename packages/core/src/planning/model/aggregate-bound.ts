import type { MilpSolver } from '../milp.js';
import type { PlanningProblem, PlanningTerminal } from '../problem.js';
import { buildPlanningModel, cranesNeeded } from './build.js';

/**
 * The national relaxation: every terminal merged into one. Floor, rail and crew rows become their sums over
 * terminals (sums of valid rows are valid), blackouts and deadlines are dropped, any program may pay, and each
 * size class retires its riskiest cranes first nationwide. Supplier capacity, lead times, budgets and the
 * objective are kept exactly, so its optimum — and HiGHS's proven bound for it — bounds the real plan from below.
 */
export function aggregateRelaxation(problem: PlanningProblem): PlanningProblem {
  const T = problem.periods;
  const ts = problem.terminals;
  const limited = new Map(problem.crewRegions.map((c) => [c.region, c.simultaneousCommissionings]));
  const allLimited = ts.every((t) => t.groups.length === 0 || limited.has(t.region));
  const regions = new Set(ts.filter((t) => t.groups.length > 0).map((t) => t.region));
  const crews = [...regions].reduce((a, r) => a + (limited.get(r) ?? 0), 0);
  const merged: PlanningTerminal = {
    id: 'ALL',
    name: 'All terminals (relaxation)',
    region: 'ALL',
    teuPerCranePeriod: 1,
    demand: Array.from({ length: T }, (_, t) => ts.reduce((a, term) => a + cranesNeeded(term, t), 0)),
    railSlots: ts.reduce((a, t) => a + t.railSlots, 0),
    minCranesInService: 0,
    trustedCranes: ts.reduce((a, t) => a + t.trustedCranes, 0),
    groups: ts.flatMap((t) => t.groups),
    blackoutPeriods: [],
    fundingProgramIds: [...new Set(ts.flatMap((t) => t.fundingProgramIds))].sort(),
  };
  // A terminal with no programs is not budget-limited; then neither is the relaxation.
  const unfunded = ts.some((t) => t.groups.length > 0 && t.fundingProgramIds.length === 0);
  return {
    ...problem,
    terminals: [merged],
    budgets: unfunded ? [] : problem.budgets,
    crewRegions: allLimited ? [{ region: 'ALL', simultaneousCommissionings: crews }] : [],
    options: { ...problem.options, softFloor: false },
  };
}

/** HiGHS's proven bound on the national relaxation (null if none within the time), and whether it is infeasible. */
export async function aggregateBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly contractStep?: number },
): Promise<{ readonly bound: number | null; readonly infeasible: boolean; readonly seconds: number }> {
  if (problem.options.softFloor) return { bound: null, infeasible: false, seconds: 0 };
  const relaxed = aggregateRelaxation(problem);
  const built = buildPlanningModel(
    relaxed,
    options.contractStep !== undefined ? { contractStep: options.contractStep } : {},
  );
  const r = await solver.solve(built.model, { timeLimitSeconds: options.timeLimitSeconds, mipRelGap: 1e-4 });
  return {
    bound: r.status === 'infeasible' ? null : r.bound,
    infeasible: r.status === 'infeasible',
    seconds: r.seconds,
  };
}
