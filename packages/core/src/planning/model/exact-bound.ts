import type { MilpModel, MilpSolver } from '../milp.js';
import type { PlannedReplacement } from '../plan.js';
import { untrustedCranes, type PlanningProblem, type PlanningSupplier } from '../problem.js';
import { aggregateRelaxation } from './aggregate-bound.js';
import { buildPlanningModel, type BuiltModel } from './build.js';
import {
  columnGenerationBound,
  type ColumnGenerationResult,
  type MasterConvergence,
} from './column-generation.js';
import { solveLpBound } from './dual-bound.js';
import { scheduleToValues } from './read-solution.js';
import { withRetirementSlacks } from './retirement-slacks.js';
import { boundBudgetMargin, type RelaxationBound } from './quarterly-bound.js';

const termsOf = (s: PlanningSupplier): string =>
  JSON.stringify([
    s.trusted,
    s.leadTimePeriods,
    s.commissioningPeriods,
    s.earliestContractPeriod,
    [...s.offers].map((o) => [o.sizeClass, o.unitCostCents]).sort(),
  ]);

/**
 * Suppliers with the same terms (lead time, commissioning, earliest contract, classes and prices) merged into one
 * with their quarterly capacities summed. The same problem for planning purposes: a plan of the merged problem
 * splits back quarter by quarter (the first supplier's capacity first), and a plan of the original sums up. Not
 * applied with batches (voyages are per supplier). Fixed decisions are moved to the merged supplier.
 */
export function mergeIdenticalSuppliers(problem: PlanningProblem): PlanningProblem {
  const { merged } = mergeSuppliers(problem);
  return merged;
}

/** Each supplier's id → the ids of the suppliers mergeIdenticalSuppliers merges with it (itself included). */
export function suppliersOnSameTerms(problem: PlanningProblem): Map<string, readonly string[]> {
  const { renamed } = mergeSuppliers(problem);
  const into = (id: string): string => renamed.get(id) ?? id;
  const out = new Map<string, readonly string[]>();
  for (const s of problem.suppliers)
    out.set(
      s.id,
      problem.suppliers.filter((x) => into(x.id) === into(s.id)).map((x) => x.id),
    );
  return out;
}

/** mergeIdenticalSuppliers, and each merged-away supplier's id → the id it was merged into. */
function mergeSuppliers(problem: PlanningProblem): {
  readonly merged: PlanningProblem;
  readonly renamed: ReadonlyMap<string, string>;
} {
  const renamed = new Map<string, string>();
  if (problem.options.batchSize !== undefined) return { merged: problem, renamed };
  const byTerms = new Map<string, PlanningSupplier>();
  for (const s of problem.suppliers) {
    const key = termsOf(s);
    const first = byTerms.get(key);
    if (first === undefined) {
      byTerms.set(key, s);
      continue;
    }
    renamed.set(s.id, first.id);
    byTerms.set(key, {
      ...first,
      offers: first.offers.map((o) => ({
        ...o,
        capacityPerQuarter:
          o.capacityPerQuarter + (s.offers.find((x) => x.sizeClass === o.sizeClass)?.capacityPerQuarter ?? 0),
      })),
    });
  }
  if (renamed.size === 0) return { merged: problem, renamed };
  const merged: PlanningProblem = {
    ...problem,
    suppliers: [...byTerms.values()],
    terminals: problem.terminals.map((t) => ({
      ...t,
      groups: t.groups.map((g) =>
        g.fixed === undefined
          ? g
          : {
              ...g,
              fixed: g.fixed.map((f) => ({ ...f, supplierId: renamed.get(f.supplierId) ?? f.supplierId })),
            },
      ),
    })),
  };
  return { merged, renamed };
}

/**
 * The exact planning model (identical suppliers merged) with the bound models' budget allowance, for its LP
 * relaxation: the strongest bound PortGuard computes, and one that holds for every kind of problem (weekly, soft
 * floor, fixed decisions, batches).
 */
/** An LP solution (column values) of a planning model, with the model it solves. */
export interface LpPoint {
  readonly built: BuiltModel;
  readonly values: readonly number[];
}

export function buildExactBoundModel(problem: PlanningProblem): BuiltModel {
  return buildPlanningModel(mergeIdenticalSuppliers(problem), {
    budgetMarginMusd: boundBudgetMargin(problem),
  });
}

/**
 * The exact LP's interior-point tolerance (HiGHS's default 10⁻⁸). Its bound comes from the duals, so a looser tolerance
 * only weakens it, and by little: national set 34 interior-point iterations instead of 40 (about 15% of the time) for
 * 2,188.13 instead of 2,188.15; 200 cranes 1,762.97 instead of 1,762.99. 10⁻³ saved 9 iterations but lost 0.2 of
 * the national bound, and its primal point gave a poorer start.
 */
export const EXACT_LP_IPM_TOLERANCE = 1e-4;

/**
 * Lower bound from the LP relaxation of the exact model, solved by the interior-point method (HiGHS-WASM's simplex
 * does not finish it in minutes at national size; the interior-point method takes seconds), and made rigorous by
 * `lagrangianBound` on the returned row duals rather than trusting the LP objective.
 */
export async function exactLpBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: {
    readonly timeLimitSeconds: number;
    /** Default EXACT_LP_IPM_TOLERANCE. */
    readonly ipmOptimalityTolerance?: number;
  },
): Promise<
  RelaxationBound & {
    readonly lpObjective: number | null;
    /** The LP solution and its model (identical suppliers merged), e.g. for lpGuidedPriorities. */
    readonly solution: LpPoint | null;
  }
> {
  const built = buildExactBoundModel(problem);
  // The same LP with fewer rows (withRetirementSlacks); its duals bound it, and its point is mapped back.
  const solved = withRetirementSlacks(built.model);
  const loose = await solveLpBound(
    solved.model,
    solver,
    options.timeLimitSeconds,
    options.ipmOptimalityTolerance ?? EXACT_LP_IPM_TOLERANCE,
  );
  // A loose solve that ends in an error (no point at all) is made again at HiGHS's own tolerance.
  const again =
    loose.result.status === 'error' && options.timeLimitSeconds > loose.result.seconds
      ? await solveLpBound(solved.model, solver, options.timeLimitSeconds - loose.result.seconds)
      : null;
  const { result: r, bound } = again ?? loose;
  return {
    bound,
    infeasible: r.status === 'infeasible',
    seconds: loose.result.seconds + (again?.result.seconds ?? 0),
    columns: built.model.columns.length,
    lpObjective: r.status === 'optimal' ? r.objective : null,
    solution:
      r.status === 'optimal' && r.values !== null ? { built, values: solved.originalValues(r.values) } : null,
  };
}

/** Row names of the planning model's coupling rows: supplier capacity, crews and budgets join the terminals. */
export const isCouplingRow = (row: { readonly name: string }): boolean =>
  /^(supply_|crew_|budget_)/.test(row.name);

/**
 * Column generation's first prices from the exact LPs of samples of the terminals (`sampledProblem`): every `every`-th
 * terminal in the order of region and then untrusted risk, so that each region and size is in it, with supplier
 * capacities, crews and budgets scaled to its share of the cranes. Used when the sample has at least `minTerminals`
 * terminals and its model at most `maxColumns` columns (2,000 cranes: 20 terminals, 22k columns; 10,000 cranes'
 * sample would be 140k columns, the national set by week's 4 terminals).
 */
export interface PriceSample {
  readonly every: number;
  /** Which of every `every` terminals each sample starts from; several samples' prices are averaged. */
  readonly offsets: readonly number[];
  readonly minTerminals: number;
  /** Checked before its model is built (10,000 cranes: a sample of 1,000 would not be). */
  readonly maxCranes: number;
  readonly maxColumns: number;
}

/**
 * Measured at 2,000 cranes (seed 1): the national relaxation's prices give a first pricing of 9,841.7; a sample's
 * 11,306.5 / 11,347.2 / 11,575.8 (three offsets of every tenth terminal in this order; unordered, 10,244.1–11,342.0),
 * and 20 rounds from the first 11,791.7 in 34.6 s against 11,635.7 after 26 rounds in 64.0 s. Every fifth terminal
 * would be a better sample but its LP takes minutes; every twentieth scales capacities to a twentieth and its prices
 * gave 9,859.2. Two samples (offsets 0 and 5), one on each solver worker, cost no more time than one (17.6 s to the
 * first pricing against 17.4–18.6 s) and their mean prices gave 11,597.7 (alone: 11,306.5 and 11,572.3; offsets 2
 * and 7 together: 11,462.3); three samples (0, 3, 7) 11,623.8 in 24.0 s, all ten 11,553.6 in 63 s.
 */
export const PRICE_SAMPLE: PriceSample = {
  every: 10,
  offsets: [0, 5],
  minTerminals: 15,
  maxCranes: 400,
  maxColumns: 30_000,
};

/**
 * The samples' LPs are solved to this interior-point tolerance: only their prices are used, and at 2,000 cranes
 * those of 10⁻² price as well as those of 10⁻⁴ (first pricing 11,601.9 against 11,597.7) after 27 iterations instead
 * of 34 (two samples side by side: 11.4–14.0 s against 14.3–15.8 s).
 */
export const PRICE_SAMPLE_IPM_TOLERANCE = 1e-2;

/**
 * Every `every`-th terminal from the `offset`-th (by region, then untrusted risk, then id), with the shared resources
 * scaled to its share of the untrusted cranes; null when that share is zero. Not a relaxation: only its prices are
 * used, and any prices give a valid bound.
 */
export function sampledProblem(problem: PlanningProblem, every: number, offset = 0): PlanningProblem | null {
  const risk = (t: PlanningProblem['terminals'][number]): number =>
    t.groups.reduce((a, g) => a + g.craneIds.length * g.riskPerCranePeriod, 0);
  const ordered = [...problem.terminals].sort(
    (a, b) => a.region.localeCompare(b.region) || risk(b) - risk(a) || a.id.localeCompare(b.id),
  );
  const terminals = ordered.filter((_, i) => i % every === offset % every);
  const all = untrustedCranes(problem.terminals);
  const share = all > 0 ? untrustedCranes(terminals) / all : 0;
  if (share <= 0) return null;
  return {
    ...problem,
    terminals,
    suppliers: problem.suppliers.map((s) => ({
      ...s,
      offers: s.offers.map((o) => ({ ...o, capacityPerQuarter: o.capacityPerQuarter * share })),
    })),
    budgets: problem.budgets.map((b) => ({ ...b, amountCents: b.amountCents * share })),
    crewRegions: problem.crewRegions.map((c) => ({
      ...c,
      simultaneousCommissionings: c.simultaneousCommissionings * share,
    })),
  };
}

/**
 * Seconds the exact LP (interior point, HiGHS-WASM, one thread) is expected to take on a model of this many columns
 * (identical suppliers merged), from its time on this machine: the national set (19,257 columns) 6.5–7 s, 200
 * generated cranes (29,578) 12.3–12.9 s, the national set by week (83,398) 143 s. It grows about as the square of
 * the columns (which over-estimates 200 cranes at 15.8 s and under-estimates the weekly set at 126 s). Measured at
 * HiGHS's default tolerance: at EXACT_LP_IPM_TOLERANCE the LP takes about 15% less, so the planner errs long.
 */
export function expectedExactLpSeconds(columns: number): number {
  return 6.7 * (columns / 19_257) ** 2;
}

/** The exact bound models of the price samples that are large enough and small enough. */
function sampleModels(
  problem: PlanningProblem,
  sample: PriceSample | false,
): readonly { readonly terminals: number; readonly built: BuiltModel }[] {
  if (sample === false) return [];
  return sample.offsets.flatMap((offset) => {
    const sampled = sampledProblem(problem, sample.every, offset);
    if (
      sampled === null ||
      sampled.terminals.length < sample.minTerminals ||
      untrustedCranes(sampled.terminals) > sample.maxCranes
    )
      return [];
    const built = buildExactBoundModel(sampled);
    return built.model.columns.length <= sample.maxColumns
      ? [{ terminals: sampled.terminals.length, built }]
      : [];
  });
}

/**
 * The price samples whose exact LPs gave column generation's first prices: how many, their terminals, the largest's
 * columns.
 */
export interface PricedBySample {
  readonly samples: number;
  readonly terminals: number;
  readonly columns: number;
}

export interface DecomposedBoundOptions {
  /** Column-generation rounds after the first pricing (default 1000: the stop or the time decides). */
  readonly rounds?: number;
  readonly stop?: () => boolean;
  /** See ColumnGenerationOptions.maxWork. */
  readonly maxWork?: number;
  /**
   * Column generation's share of the run in nominal seconds, its set-up included (`columnGenerationSetUpSeconds`):
   * a work budget of `workPerSecond` for every second the set-up leaves. Like `maxWork`, the same on every run.
   */
  readonly workBudget?: {
    readonly seconds: number;
    readonly workPerSecond: number;
    /** See ColumnGenerationOptions.referenceBlockRows. */
    readonly referenceBlockRows?: number;
  };
  /** Plans whose terminal schedules seed the master (so it is feasible from the start). */
  readonly seeds?: readonly (readonly PlannedReplacement[])[];
  readonly secondsPerSolve: number;
  /** First prices from a sample's exact LP (default PRICE_SAMPLE); false: the national relaxation's alone. */
  readonly priceSample?: PriceSample | false;
  /**
   * With a work budget: the outcome once column generation has spent it (its master's point orders a plan), after
   * which it goes on for `seconds` more of work (a count too, so the final bound repeats exactly) and resolves with
   * the final outcome. Without a work budget the report is the final outcome. With `converged`, the report also
   * waits for the master to converge (`ColumnGenerationOptions.early`), within the same whole budget.
   */
  readonly early?: {
    readonly seconds: number;
    readonly converged?: MasterConvergence;
    readonly report: (outcome: DecomposedLpBound) => void;
  };
}

/**
 * Seconds column generation spends before its first block solve, from quantities that are the same on every run:
 * a constant (starting the solver's workers and their WebAssembly, and handing the block LPs over), the national
 * relaxation's interior-point iterations over its nonzeros, and the exact model's nonzeros (building it and its
 * blocks). Fitted to two measurements: the national set by week 3.6 s (national LP 28 iterations × 47,875
 * nonzeros, 0.9 s of it; exact model 543k nonzeros) and 2,000 cranes 3.3 s (30 × 23,709; 1.4M).
 */
export function columnGenerationSetUpSeconds(
  nationalLp: { readonly iterations: number; readonly nonzeros: number },
  exactNonzeros: number,
  /**
   * Columns of the largest sample whose exact LP gives the first prices (PRICE_SAMPLE), and how many samples each
   * solver worker takes in turn; solved beside the set-up.
   */
  samples: { readonly columns: number; readonly perWorker: number } = { columns: 0, perWorker: 0 },
): number {
  const setUp = 2.5 + 0.7e-6 * nationalLp.iterations * nationalLp.nonzeros + 0.2e-6 * exactNonzeros;
  // The sample's LP stops at PRICE_SAMPLE_IPM_TOLERANCE: 27 of the 40 iterations the estimate was measured with.
  return Math.max(setUp, samples.perWorker * (27 / 40) * expectedExactLpSeconds(samples.columns));
}

const nonzerosOf = (model: MilpModel): number => model.rows.reduce((a, r) => a + r.indices.length, 0);

export interface DecomposedLpBound {
  readonly bound: number | null;
  /** The national relaxation or a terminal block has no point: neither has the problem. */
  readonly infeasible: boolean;
  /** The terminals whose blocks have no point (their own rows contradict each other). */
  readonly infeasibleTerminals: readonly string[];
  readonly nationalBound: number | null;
  /** The samples whose exact LPs gave the first prices, or null when they are the national relaxation's. */
  readonly pricedBySample: PricedBySample | null;
  readonly rounds: number;
  readonly blocks: number;
  readonly seconds: number;
  /** The column-generation master's last point (see ColumnGenerationResult.values), in `built`'s columns. */
  readonly solution: LpPoint | null;
}

/**
 * A bound for models too large for the exact LP (2,000 cranes: 200k columns): the national relaxation's LP first
 * (its supplier, crew and budget prices), then column generation over the terminals of the exact model
 * (`columnGenerationBound`), starting from those prices. Its first pricing alone lifts the national relaxation's
 * bound (national set: 1,307.4 → 2,050.8; 2,000 cranes: 8,197 → 9,845), and every round moves it towards the
 * exact LP's (national set: 2,180.6 after 30 rounds, against 2,188.15).
 */
export async function decomposedLpBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: DecomposedBoundOptions,
): Promise<DecomposedLpBound> {
  const { merged, renamed } = mergeSuppliers(problem);
  const margin = boundBudgetMargin(problem);
  const national = buildPlanningModel(aggregateRelaxation(merged), {
    maxRiskPieces: 24,
    budgetMarginMusd: margin,
  });
  const samples = sampleModels(merged, options.priceSample ?? PRICE_SAMPLE);
  // Side by side on a solver with two workers, while this thread builds the whole model.
  const solves = Promise.all([
    solveLpBound(national.model, solver, options.secondsPerSolve),
    Promise.all(
      samples.map((s) =>
        solveLpBound(s.built.model, solver, options.secondsPerSolve, PRICE_SAMPLE_IPM_TOLERANCE),
      ),
    ),
  ]);
  const built = buildPlanningModel(merged, { budgetMarginMusd: margin });
  const seeds = (options.seeds ?? []).flatMap((schedule) => {
    const values = scheduleToValues(
      merged,
      built.index,
      built.model.columns.length,
      schedule.map((r) => ({ ...r, supplierId: renamed.get(r.supplierId) ?? r.supplierId })),
    );
    return values === null ? [] : [values];
  });
  const [{ result: nr, bound: nationalBound }, sampleLps] = await solves;
  // The relaxation's rows have the exact model's names, but for crews: one national row per period, whose price
  // goes to every region's row of that period.
  const duals = new Map<string, number>();
  const regions = problem.crewRegions.map((c) => c.region);
  national.model.rows.forEach((row, i) => {
    const y = nr.rowDuals?.[i] ?? 0;
    if (!isCouplingRow(row) || y === 0) return;
    const crew = /^crew_ALL_(\d+)$/.exec(row.name);
    if (crew === null) duals.set(row.name, y);
    else for (const r of regions) duals.set(`crew_${r}_${crew[1] ?? ''}`, y);
  });
  // The samples' exact LPs price every coupling row they have (the same names), in place of the relaxation's: the
  // mean of their prices, whose Lagrangian bound is at least the mean of theirs (the Lagrangian function is concave).
  const solved = samples.flatMap((sample, k) => {
    const lp = sampleLps[k]?.result;
    return lp?.status === 'optimal' && lp.rowDuals !== undefined ? [{ sample, duals: lp.rowDuals }] : [];
  });
  const samplePrices = new Map<string, { sum: number; count: number }>();
  for (const { sample, duals: y } of solved)
    sample.built.model.rows.forEach((row, i) => {
      if (!isCouplingRow(row)) return;
      const price = samplePrices.get(row.name) ?? { sum: 0, count: 0 };
      samplePrices.set(row.name, { sum: price.sum + (y[i] ?? 0), count: price.count + 1 });
    });
  for (const [name, { sum, count }] of samplePrices) {
    if (sum === 0) duals.delete(name);
    else duals.set(name, sum / count);
  }
  const pricedBy =
    solved.length > 0
      ? {
          samples: solved.length,
          terminals: solved.reduce((a, s) => a + s.sample.terminals, 0),
          columns: Math.max(...solved.map((s) => s.sample.built.model.columns.length)),
        }
      : null;
  const budget = options.workBudget;
  const maxWork =
    budget === undefined
      ? options.maxWork
      : Math.round(
          budget.workPerSecond *
            Math.max(
              0,
              budget.seconds -
                columnGenerationSetUpSeconds(
                  { iterations: nr.iterations ?? 0, nonzeros: nonzerosOf(national.model) },
                  nonzerosOf(built.model),
                  {
                    columns: Math.max(0, ...samples.map((s) => s.built.model.columns.length)),
                    perWorker: Math.ceil(samples.length / Math.max(1, solver.parallelism ?? 1)),
                  },
                ),
            ),
        );
  // The national relaxation keeps the floor hard (aggregateRelaxation), so with a soft floor it relaxes nothing: its
  // prices still start column generation, but its bound and its infeasibility prove nothing.
  const nationalRelaxes = !problem.options.softFloor;
  const outcome = (cg: ColumnGenerationResult): DecomposedLpBound => {
    const bounds = [nationalRelaxes ? nationalBound : null, cg.bound].filter(
      (b): b is number => b !== null && Number.isFinite(b),
    );
    const infeasible = (nationalRelaxes && nr.status === 'infeasible') || cg.infeasible;
    const infeasibleColumns = new Set(cg.infeasibleColumns);
    const infeasibleTerminals = [
      ...new Set(
        built.index.groups
          .filter((g) => g.retireCols.some((col) => infeasibleColumns.has(col)))
          .map((g) => g.terminal.id),
      ),
    ].sort();
    return {
      bound: !infeasible && bounds.length > 0 ? Math.max(...bounds) : null,
      infeasible,
      infeasibleTerminals,
      nationalBound,
      pricedBySample: pricedBy,
      rounds: cg.rounds,
      blocks: cg.blocks,
      seconds: Math.max(nr.seconds, ...sampleLps.map((lp) => lp.result.seconds)) + cg.seconds,
      solution: cg.values === null ? null : { built, values: cg.values },
    };
  };
  const early = options.early;
  const extraWork = early !== undefined && budget !== undefined ? early.seconds * budget.workPerSecond : 0;
  const reportsEarly = early !== undefined && maxWork !== undefined && extraWork > 0;
  const cg = await columnGenerationBound(built.model, isCouplingRow, solver, {
    rounds: options.rounds ?? 1000,
    ...(options.stop !== undefined ? { stop: options.stop } : {}),
    ...(maxWork !== undefined ? { maxWork: maxWork + extraWork } : {}),
    ...(reportsEarly
      ? {
          early: {
            afterWork: maxWork,
            ...(early.converged !== undefined ? { converged: early.converged } : {}),
            report: (r: ColumnGenerationResult) => early.report(outcome(r)),
          },
        }
      : {}),
    ...(budget?.referenceBlockRows !== undefined ? { referenceBlockRows: budget.referenceBlockRows } : {}),
    initialDuals: duals,
    seeds,
    secondsPerSolve: options.secondsPerSolve,
  });
  const final = outcome(cg);
  if (!reportsEarly) early?.report(final);
  return final;
}
