import type { MilpSolver } from '../milp.js';
import type { PlanningProblem, PlanningSupplier } from '../problem.js';
import { buildPlanningModel, type BuiltModel } from './build.js';
import { lagrangianBound } from './dual-bound.js';
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
  if (problem.options.batchSize !== undefined) return problem;
  const byTerms = new Map<string, PlanningSupplier>();
  const renamed = new Map<string, string>();
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
  if (renamed.size === 0) return problem;
  return {
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
}

/**
 * The exact planning model (identical suppliers merged) with the bound models' budget allowance, for its LP
 * relaxation: the strongest bound PortGuard computes, and one that holds for every kind of problem (weekly, soft
 * floor, fixed decisions, batches).
 */
export function buildExactBoundModel(problem: PlanningProblem): BuiltModel {
  return buildPlanningModel(mergeIdenticalSuppliers(problem), {
    budgetMarginMusd: boundBudgetMargin(problem),
  });
}

/**
 * Lower bound from the LP relaxation of the exact model, solved by the interior-point method (HiGHS-WASM's simplex
 * does not finish it in minutes at national size; the interior-point method takes seconds), and made rigorous by
 * `lagrangianBound` on the returned row duals rather than trusting the LP objective.
 */
export async function exactLpBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number },
): Promise<
  RelaxationBound & {
    readonly lpObjective: number | null;
    /** The LP solution and its model (identical suppliers merged), e.g. for lpGuidedPriorities. */
    readonly solution: { readonly built: BuiltModel; readonly values: readonly number[] } | null;
  }
> {
  const built = buildExactBoundModel(problem);
  const r = await solver.solve(built.model, {
    timeLimitSeconds: options.timeLimitSeconds,
    mipRelGap: 0,
    relaxIntegrality: true,
    lpAlgorithm: 'ipm',
  });
  const bound = r.rowDuals !== undefined ? lagrangianBound(built.model, r.rowDuals) : null;
  return {
    bound: bound !== null && Number.isFinite(bound) ? bound : null,
    infeasible: r.status === 'infeasible',
    seconds: r.seconds,
    columns: built.model.columns.length,
    lpObjective: r.status === 'optimal' ? r.objective : null,
    solution: r.status === 'optimal' && r.values !== null ? { built, values: r.values } : null,
  };
}
