import type { MilpSolver } from '../milp.js';
import { untrustedCranes, type PlanningProblem, type PlanningSupplier } from '../problem.js';
import { solveLpBound } from './dual-bound.js';
import { buildPlanningModel, costWeightOf, type BuiltModel, type ContractIndex } from './build.js';

/**
 * The quarterly relaxation of a monthly problem (docs/design/planner.md, "Quarterly bound"): period q of the
 * relaxation is months 3q..3q+2. A monthly plan maps to it by contract quarter ⌊c/3⌋ and retirement quarter ⌊r/3⌋;
 * that point is feasible and its objective is at most the plan's, so the relaxation's optimum (and any proven
 * bound of it) bounds the exact monthly problem from below.
 * - risk: 3 × risk per crane-period, counted with the retirements reached by the end of the quarter;
 * - lead ⌊L/3⌋ and in-service delay ⌊(L+M)/3⌋ quarters from the contract quarter (never later than the month);
 * - floor per quarter: the need of its last month, against cranes in service by the end of the quarter;
 * - rail slots, blackouts, crews and batches dropped; deadlines at the deadline's quarter;
 * - supplier capacity: see supplierRows; budgets per fiscal year exact (each quarter lies in one fiscal year).
 * Null (no bound) when it does not apply: weekly periods, soft floor, fixed decisions, a horizon that is not whole
 * quarters, or quarters that straddle a fiscal year.
 */
export function quarterlyRelaxation(problem: PlanningProblem): PlanningProblem | null {
  return relax(problem)?.problem ?? null;
}

/** Monthly supplier rows of one supplier of the relaxation (several merged monthly suppliers share it). */
interface SupplyShape {
  /** 1 when some monthly contract of a quarter arrives one quarter later than ⌊L/3⌋ says. */
  readonly d: number;
  /** First and last quarter in which a monthly arrival can fall. */
  readonly firstArrival: number;
  readonly lastArrival: number;
  readonly memberIds: readonly string[];
}

/**
 * Trusted suppliers whose quarterly timing, earliest contract, shift d and prices agree are merged into one with
 * the summed capacity: their capacity rows are sums of the members' (valid) rows, and the model halves.
 */
export function quarterlyRelaxationOf(
  problem: PlanningProblem,
): { readonly problem: PlanningProblem; readonly supply: ReadonlyMap<string, SupplyShape> } | null {
  return relax(problem);
}

function relax(
  problem: PlanningProblem,
): { readonly problem: PlanningProblem; readonly supply: ReadonlyMap<string, SupplyShape> } | null {
  const T = problem.periods;
  if (problem.granularity !== 'month' || T % 3 !== 0 || T === 0) return null;
  if (problem.options.softFloor) return null;
  if (problem.terminals.some((t) => t.groups.some((g) => (g.fixed ?? []).length > 0))) return null;
  const Tq = T / 3;
  const calendar = [];
  for (let q = 0; q < Tq; q++) {
    const first = problem.calendar[3 * q];
    const last = problem.calendar[3 * q + 2];
    if (first === undefined || last === undefined || first.fiscalYear !== last.fiscalYear) return null;
    calendar.push({ ...first, index: q });
  }
  const suppliers: PlanningSupplier[] = [];
  const supply = new Map<string, SupplyShape>();
  const byKey = new Map<string, number>();
  for (const s of problem.suppliers) {
    if (!s.trusted) continue;
    const q = quarterlySupplier(s);
    const shape: SupplyShape = {
      d: s.leadTimePeriods % 3 === 0 ? 0 : 1,
      firstArrival: Math.floor((Math.max(0, s.earliestContractPeriod) + s.leadTimePeriods) / 3),
      lastArrival: Math.floor((T - 1 - s.commissioningPeriods) / 3),
      memberIds: [s.id],
    };
    const prices = [...s.offers]
      .map((o) => `${o.sizeClass}:${o.unitCostCents}`)
      .sort()
      .join(',');
    const key = [q.leadTimePeriods, q.commissioningPeriods, q.earliestContractPeriod, shape.d, prices].join(
      '|',
    );
    const at = byKey.get(key);
    const merged = at === undefined ? undefined : suppliers[at];
    if (at === undefined || merged === undefined) {
      byKey.set(key, suppliers.length);
      suppliers.push(q);
      supply.set(q.id, shape);
      continue;
    }
    suppliers[at] = {
      ...merged,
      offers: merged.offers.map((o) => ({
        ...o,
        capacityPerQuarter:
          o.capacityPerQuarter + (s.offers.find((x) => x.sizeClass === o.sizeClass)?.capacityPerQuarter ?? 0),
      })),
    };
    const prev = supply.get(merged.id)!;
    supply.set(merged.id, {
      d: prev.d,
      firstArrival: Math.min(prev.firstArrival, shape.firstArrival),
      lastArrival: Math.max(prev.lastArrival, shape.lastArrival),
      memberIds: [...prev.memberIds, s.id],
    });
  }
  const { batchSize: _batches, ...options } = problem.options;
  return {
    supply,
    problem: {
      ...problem,
      periods: Tq,
      calendar,
      terminals: problem.terminals.map((t) => {
        const { deadlinePeriod, ...rest } = t;
        return {
          ...rest,
          demand: Array.from({ length: Tq }, (_, q) => t.demand[3 * q + 2] ?? 0),
          railSlots: Number.MAX_SAFE_INTEGER,
          blackoutPeriods: [],
          groups: t.groups.map((g) => ({ ...g, riskPerCranePeriod: 3 * g.riskPerCranePeriod })),
          ...(deadlinePeriod !== undefined ? { deadlinePeriod: Math.floor(deadlinePeriod / 3) } : {}),
        };
      }),
      suppliers,
      crewRegions: [],
      options,
    },
  };
}

/**
 * A plan's federal spend rounds each crane's share to the cent, the model sums the unrounded shares: allowing a
 * cent per crane over each line keeps every valid plan inside a bound model.
 */
export function boundBudgetMargin(problem: PlanningProblem): number {
  return -(untrustedCranes(problem.terminals) + 1) * 1e-8;
}

function quarterlySupplier(s: PlanningSupplier): PlanningSupplier {
  const lead = Math.floor(s.leadTimePeriods / 3);
  return {
    ...s,
    leadTimePeriods: lead,
    commissioningPeriods: Math.floor((s.leadTimePeriods + s.commissioningPeriods) / 3) - lead,
    earliestContractPeriod: Math.floor(Math.max(0, s.earliestContractPeriod) / 3),
  };
}

/**
 * The relaxation's model: buildPlanningModel on the quarterly problem (monthly cost weight, so the objectives
 * compare) plus the supplier rows. A monthly contract in quarter q arrives in quarter q + ⌊L/3⌋, or one later
 * when L is not a multiple of 3 (d = 1). So relaxation arrivals over quarters [a, b] are monthly arrivals over
 * [a, b + d], at most capacity × (min(b + d, last) − max(a, first) + 1) where first/last are the quarters any
 * monthly arrival can fall in; rows for single quarters, prefixes and suffixes.
 */
export function buildQuarterlyBoundModel(problem: PlanningProblem): BuiltModel | null {
  const relaxation = relax(problem);
  if (relaxation === null) return null;
  const relaxed = relaxation.problem;
  const built = buildPlanningModel(relaxed, {
    omitSupplierRows: true,
    costWeightPerMillionUsd: costWeightOf(problem),
    budgetMarginMusd: boundBudgetMargin(problem),
  });
  const Tq = relaxed.periods;
  const rows = [...built.model.rows];
  let nonzeros = built.nonzeros;
  const cum = (e: Map<number, number>, c: ContractIndex, t: number, coef: number): void => {
    if (t < c.first) return;
    const col = c.cols[Math.floor((Math.min(t, c.last) - c.first) / c.step)];
    if (col !== undefined) e.set(col, (e.get(col) ?? 0) + coef);
  };
  relaxed.suppliers.forEach((supplier, si) => {
    const shape = relaxation.supply.get(supplier.id);
    if (shape === undefined) return;
    const Lq = supplier.leadTimePeriods;
    const { d, firstArrival, lastArrival } = shape;
    for (const offer of supplier.offers) {
      const users = built.index.groups.flatMap((g) =>
        g.group.sizeClass === offer.sizeClass ? g.contracts.filter((c) => c.supplierIndex === si) : [],
      );
      if (users.length === 0) continue;
      // A row allowing every crane of the class is redundant.
      const total = built.index.groups
        .filter((g) => g.contracts.some((c) => c.supplierIndex === si && users.includes(c)))
        .reduce((a, g) => a + g.size - g.fixedCount, 0);
      const window = (a: number, b: number): void => {
        const e = new Map<number, number>();
        for (const c of users) {
          cum(e, c, b - Lq, 1);
          cum(e, c, a - 1 - Lq, -1);
        }
        for (const [k, v] of e) if (v === 0) e.delete(k);
        if (e.size === 0) return;
        const quarters = Math.min(b + d, lastArrival) - Math.max(a, firstArrival) + 1;
        const upper = offer.capacityPerQuarter * Math.max(0, quarters);
        if (upper >= total) return;
        nonzeros += e.size;
        rows.push({
          name: `qsupply_${si}_${offer.sizeClass}_${a}_${b}`,
          lower: -Infinity,
          upper,
          indices: [...e.keys()],
          values: [...e.values()],
        });
      };
      for (let q = 0; q < Tq; q++) {
        window(q, q);
        if (d > 0) {
          if (q > 0) window(0, q);
          if (q < Tq - 1) window(q, Tq - 1);
        }
      }
    }
  });
  return { ...built, model: { ...built.model, rows }, nonzeros };
}

export interface RelaxationBound {
  readonly bound: number | null;
  readonly infeasible: boolean;
  readonly seconds: number;
  /** 0 when the relaxation does not apply. */
  readonly columns: number;
}

/**
 * Lower bound on the monthly problem from the quarterly relaxation: its LP optimum (relaxIntegrality), or with
 * `integer` HiGHS's dual bound of its MIP after the time limit. Null when the relaxation does not apply or the
 * solve ends without a bound; infeasible means the monthly problem is infeasible too.
 */
export async function quarterlyBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly integer?: boolean },
): Promise<RelaxationBound> {
  return solveBoundModel(buildQuarterlyBoundModel(problem), solver, options);
}

/**
 * As quarterlyBound, for the month-quarter relaxation (buildMonthQuarterBoundModel). `separateTimings` keeps
 * suppliers with different lead + commissioning times apart: stronger, slower (national: 2,053.8 in 11 s
 * against 2,016.0 in 1–3 s).
 */
export async function monthQuarterBound(
  problem: PlanningProblem,
  solver: MilpSolver,
  options: {
    readonly timeLimitSeconds: number;
    readonly integer?: boolean;
    readonly separateTimings?: boolean;
  },
): Promise<RelaxationBound> {
  return solveBoundModel(
    buildMonthQuarterBoundModel(problem, options.separateTimings === true ? { separateTimings: true } : {}),
    solver,
    options,
  );
}

async function solveBoundModel(
  built: BuiltModel | null,
  solver: MilpSolver,
  options: { readonly timeLimitSeconds: number; readonly integer?: boolean },
): Promise<RelaxationBound> {
  if (built === null) return { bound: null, infeasible: false, seconds: 0, columns: 0 };
  const { result: r, bound } =
    options.integer === true
      ? await solver
          .solve(built.model, { timeLimitSeconds: options.timeLimitSeconds, mipRelGap: 1e-4 })
          .then((result) => ({
            result,
            bound: result.status === 'infeasible' || !Number.isFinite(result.bound) ? null : result.bound,
          }))
      : await solveLpBound(built.model, solver, options.timeLimitSeconds);
  return {
    bound,
    infeasible: r.status === 'infeasible',
    seconds: r.seconds,
    columns: built.model.columns.length,
  };
}

/**
 * The month-quarter relaxation: monthly risk, floor and retirements (exact), contracts per quarter as if signed in
 * the quarter's first month, all trusted suppliers with the same prices (and, with separateTimings, the same
 * lead + commissioning time) merged into one with the shortest lead + commissioning time and the summed
 * capacity. See docs/design/planner.md.
 */
export function buildMonthQuarterBoundModel(
  problem: PlanningProblem,
  build: { readonly separateTimings?: boolean } = {},
): (BuiltModel & { readonly members: ReadonlyMap<string, readonly string[]> }) | null {
  const T = problem.periods;
  if (problem.granularity !== 'month' || T % 3 !== 0 || T === 0) return null;
  if (problem.options.softFloor) return null;
  if (problem.terminals.some((t) => t.groups.some((g) => (g.fixed ?? []).length > 0))) return null;
  for (let q = 0; q < T / 3; q++)
    if (problem.calendar[3 * q]?.fiscalYear !== problem.calendar[3 * q + 2]?.fiscalYear) return null;
  interface Merged {
    readonly supplier: PlanningSupplier;
    readonly minLead: number;
    readonly maxLead: number;
    readonly firstArrival: number;
    readonly lastArrival: number;
    readonly memberIds: readonly string[];
  }
  const merged = new Map<string, Merged>();
  for (const s of problem.suppliers) {
    if (!s.trusted) continue;
    const prices = [...s.offers]
      .map((o) => `${o.sizeClass}:${o.unitCostCents}`)
      .sort()
      .join(',');
    const key =
      build.separateTimings === true ? `${prices}|${s.leadTimePeriods + s.commissioningPeriods}` : prices;
    const e = 3 * Math.floor(Math.max(0, s.earliestContractPeriod) / 3);
    const firstArrival = Math.floor((Math.max(0, s.earliestContractPeriod) + s.leadTimePeriods) / 3);
    const lastArrival = Math.floor((T - 1 - s.commissioningPeriods) / 3);
    const prev = merged.get(key);
    if (prev === undefined) {
      merged.set(key, {
        supplier: {
          ...s,
          leadTimePeriods: s.leadTimePeriods + s.commissioningPeriods,
          commissioningPeriods: 0,
          earliestContractPeriod: e,
        },
        minLead: s.leadTimePeriods,
        maxLead: s.leadTimePeriods,
        firstArrival,
        lastArrival,
        memberIds: [s.id],
      });
      continue;
    }
    merged.set(key, {
      supplier: {
        ...prev.supplier,
        leadTimePeriods: Math.min(prev.supplier.leadTimePeriods, s.leadTimePeriods + s.commissioningPeriods),
        earliestContractPeriod: Math.min(prev.supplier.earliestContractPeriod, e),
        offers: prev.supplier.offers.map((o) => ({
          ...o,
          capacityPerQuarter:
            o.capacityPerQuarter +
            (s.offers.find((x) => x.sizeClass === o.sizeClass)?.capacityPerQuarter ?? 0),
        })),
      },
      minLead: Math.min(prev.minLead, s.leadTimePeriods),
      maxLead: Math.max(prev.maxLead, s.leadTimePeriods),
      firstArrival: Math.min(prev.firstArrival, firstArrival),
      lastArrival: Math.max(prev.lastArrival, lastArrival),
      memberIds: [...prev.memberIds, s.id],
    });
  }
  const shapes = [...merged.values()];
  const { batchSize: _batches, ...options } = problem.options;
  const relaxed: PlanningProblem = {
    ...problem,
    terminals: problem.terminals.map((t) => ({
      ...t,
      railSlots: Number.MAX_SAFE_INTEGER,
      blackoutPeriods: [],
    })),
    suppliers: shapes.map((m) => m.supplier),
    crewRegions: [],
    options,
  };
  const built = buildPlanningModel(relaxed, {
    contractStep: 3,
    omitSupplierRows: true,
    budgetMarginMusd: boundBudgetMargin(problem),
  });
  const rows = [...built.model.rows];
  let nonzeros = built.nonzeros;
  shapes.forEach((shape, si) => {
    // Contracts of quarter q arrive (monthly) in quarters q + ⌊minLead/3⌋ .. q + ⌊(2 + maxLead)/3⌋.
    const lo = Math.floor(shape.minLead / 3);
    const spread = Math.floor((2 + shape.maxLead) / 3) - lo;
    for (const offer of shape.supplier.offers) {
      const users = built.index.groups.flatMap((g) =>
        g.group.sizeClass === offer.sizeClass ? g.contracts.filter((c) => c.supplierIndex === si) : [],
      );
      if (users.length === 0) continue;
      const total = built.index.groups
        .filter((g) => g.contracts.some((c) => users.includes(c)))
        .reduce((a, g) => a + g.size, 0);
      const Tq = T / 3;
      const window = (a: number, b: number): void => {
        const e = new Map<number, number>();
        for (const c of users) {
          const at = (q: number, coef: number): void => {
            const t = 3 * q;
            if (t < c.first) return;
            const col = c.cols[Math.floor((Math.min(t, c.last) - c.first) / c.step)];
            if (col !== undefined) e.set(col, (e.get(col) ?? 0) + coef);
          };
          at(b, 1);
          at(a - 1, -1);
        }
        for (const [k, v] of e) if (v === 0) e.delete(k);
        if (e.size === 0) return;
        const quarters =
          Math.min(b + lo + spread, shape.lastArrival) - Math.max(a + lo, shape.firstArrival) + 1;
        const upper = offer.capacityPerQuarter * Math.max(0, quarters);
        if (upper >= total) return;
        nonzeros += e.size;
        rows.push({
          name: `mqsupply_${si}_${offer.sizeClass}_${a}_${b}`,
          lower: -Infinity,
          upper,
          indices: [...e.keys()],
          values: [...e.values()],
        });
      };
      for (let q = 0; q < Tq; q++) {
        window(q, q);
        if (q > 0) window(0, q);
        if (q < Tq - 1) window(q, Tq - 1);
      }
    }
  });
  return {
    ...built,
    model: { ...built.model, rows },
    nonzeros,
    members: new Map(shapes.map((m) => [m.supplier.id, m.memberIds])),
  };
}
