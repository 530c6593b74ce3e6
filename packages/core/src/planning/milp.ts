/**
 * The solver port: a mixed-integer linear program as plain data. backend/src/solver implements it with HiGHS.
 * Example: minimise x + y s.t. x + 2y >= 3, x,y integer >= 0 →
 * { sense: 'min', columns: [{name:'x',lower:0,upper:Infinity,cost:1,integer:true}, …],
 *   rows: [{name:'r', lower: 3, upper: Infinity, indices:[0,1], values:[1,2]}] }
 */
export interface MilpModel {
  readonly sense: 'min' | 'max';
  readonly offset?: number;
  readonly columns: readonly MilpColumn[];
  readonly rows: readonly MilpRow[];
}

export interface MilpColumn {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly cost: number;
  readonly integer: boolean;
}

export interface MilpRow {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

export interface MilpSolveOptions {
  readonly timeLimitSeconds: number;
  readonly mipRelGap: number;
  /** MIP only: also stop once the incumbent is within this much of the bound, in the objective's units. */
  readonly mipAbsGap?: number;
  /** A feasible starting solution (column values), e.g. from a heuristic. */
  readonly initialSolution?: readonly number[];
  readonly relaxIntegrality?: boolean;
  /**
   * LP solves only: 'ipm' uses the interior-point method without crossover (no basis, but row duals, from which
   * `lagrangianBound` computes a proven bound). 'primal-simplex' for a start basis that is primal feasible, e.g. the
   * last basis of the same LP with other costs or more columns. Default 'simplex' (HiGHS's choice, the dual).
   */
  readonly lpAlgorithm?: 'simplex' | 'primal-simplex' | 'ipm';
  /**
   * With lpAlgorithm 'ipm': the interior-point method's relative optimality tolerance (HiGHS default 10⁻⁸). A looser
   * one ends the solve iterations earlier with a point that is optimal to that tolerance, which HiGHS then calls
   * "unknown"; it is returned as 'optimal' with its row duals (a bound from them is still a proven one, only weaker).
   */
  readonly ipmOptimalityTolerance?: number;
  /**
   * MIP only: the model is a small neighbourhood of `initialSolution` (a contract window), so the solver skips its
   * root heuristic that fixes columns by their LP reduced costs, which costs a third of such a solve and finds what
   * the root's other heuristics find (national set: ±3 1.3 → 1.1 s, a ±12 slice 2.2 → 1.5 s), and keeps a small cut
   * pool, the separation of thousands of cuts having taken most of such a root (2,000 cranes: a ±4 rounded slice
   * 4.8 → 2.3 s).
   */
  readonly neighbourhoodOfStart?: boolean;
  /**
   * MIP only: stop at the first solution found, for a plan to start from rather than the best one (a deadline
   * repair's: national set, every crane due by 2034-09, a ±32 window 8.1 s instead of 45.6 s).
   */
  readonly stopAtFirstSolution?: boolean;
  /** MIP only: stop after this many branch-and-bound nodes (a limit that, unlike time, repeats exactly). */
  readonly maxNodes?: number;
  /**
   * LP by simplex only: a basis to start from, e.g. the last one of the same LP with other costs (column
   * generation re-prices each block every round). Ignored when it does not fit the model.
   */
  readonly initialBasis?: LpBasis;
}

/** A simplex basis: per column and per row, 0 at lower, 1 basic, 2 at upper, 3 zero (free), 4 nonbasic. */
export interface LpBasis {
  readonly colStatus: readonly number[];
  readonly rowStatus: readonly number[];
}

export interface MilpResult {
  readonly status: 'optimal' | 'time-limit' | 'infeasible' | 'unbounded' | 'error';
  /** Column values of the best solution found, if any. */
  readonly values: readonly number[] | null;
  readonly objective: number | null;
  /** Proven dual bound (for min: a lower bound). */
  readonly bound: number | null;
  readonly gap: number | null;
  readonly seconds: number;
  readonly message?: string;
  /** LP iterations of the solve (a MIP's over all its nodes): a measure of work that repeats exactly. */
  readonly iterations?: number;
  /** Branch-and-bound nodes of a MIP solve. */
  readonly nodes?: number;
  /**
   * With status 'time-limit': which limit stopped it. 'time' is the clock; the others (maxNodes, an iteration or
   * solution limit) are counts, which stop the same solve at the same point on every run.
   */
  readonly limitReached?: 'time' | 'nodes' | 'other';
  /** The final basis of an LP solved by simplex, when valid. */
  readonly basis?: LpBasis;
  /** Row duals of an LP solve (relaxIntegrality), when available. */
  readonly rowDuals?: readonly number[];
}

/** A result with no solution: infeasible, unbounded, stopped before finding one, or an error. */
export const resultWithoutSolution = (
  status: Exclude<MilpResult['status'], 'optimal'>,
  seconds: number,
  message?: string,
): MilpResult => ({
  status,
  values: null,
  objective: null,
  bound: null,
  gap: null,
  seconds,
  ...(message !== undefined ? { message } : {}),
});

export interface MilpSolver {
  solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult>;
  /**
   * For solvers that run elsewhere (a worker thread): resolves after letting pending solver messages through, so a
   * caller computing while a solve runs can call it now and then. Absent when solves run on the caller's thread.
   */
  yieldToSolver?(): Promise<void>;
  /** Solves it runs at once (worker threads); default 1. Sizes work budgets, never changes a result. */
  readonly parallelism?: number;
  /**
   * LPs kept by the solver between solves, of which only the column costs change (column generation's blocks):
   * nothing but the costs goes to the solver on each solve, and each LP restarts from its own last basis. Absent
   * when the solver cannot keep models.
   */
  openResidentLps?(models: readonly MilpModel[]): Promise<ResidentLps>;
}

export interface ResidentLps {
  /**
   * Solves LP `index` (as opened, integrality relaxed) at these column costs, from its last basis. The result has
   * values and row duals, no basis (the solver keeps it). The same costs in the same order give the same results.
   */
  solve(index: number, costs: readonly number[], options: MilpSolveOptions): Promise<MilpResult>;
  /** Frees the models (and the memory the solver took for them). */
  close(): Promise<void>;
}
