import type { MilpSolver } from '../milp.js';
import type { PlanningProblem } from '../problem.js';
import { buildPlanningModel } from './build.js';

export interface TerminalBound {
  /** Σ over terminals of each terminal's proven bound; null if some terminal had none within the time. */
  readonly bound: number | null;
  /** A terminal that cannot be planned even alone (so the whole problem is infeasible). */
  readonly infeasibleTerminalId: string | null;
  readonly seconds: number;
  readonly solved: number;
}

/**
 * A real lower bound by decomposition: the objective is a sum over terminals, and every terminal planned alone
 * — with the whole supplier capacity, budget and crews to itself — is a relaxation of its part of the national
 * plan. So Σ_τ (proven bound of terminal τ alone) ≤ the optimum. Each subproblem is a small MIP.
 */
export async function terminalDecompositionBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly contractStep?: number },
): Promise<TerminalBound> {
  let bound = 0;
  let seconds = 0;
  let solved = 0;
  const terminals = problem.terminals.filter((t) => t.groups.length > 0);
  for (const [i, terminal] of terminals.entries()) {
    const left = options.timeLimitSeconds - seconds;
    if (left <= 0) return { bound: null, infeasibleTerminalId: null, seconds, solved };
    const sub: PlanningProblem = { ...problem, terminals: [terminal] };
    const built = buildPlanningModel(
      sub,
      options.contractStep !== undefined ? { contractStep: options.contractStep } : {},
    );
    const r = await solver.solve(built.model, {
      timeLimitSeconds: left / (terminals.length - i),
      mipRelGap: 1e-4,
    });
    seconds += r.seconds;
    if (r.status === 'infeasible') return { bound: null, infeasibleTerminalId: terminal.id, seconds, solved };
    if (r.bound === null) return { bound: null, infeasibleTerminalId: null, seconds, solved };
    bound += r.bound;
    solved++;
  }
  return { bound, infeasibleTerminalId: null, seconds, solved };
}
