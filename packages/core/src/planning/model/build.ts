import { quarterOf } from '../calendar.js';
import type { MilpColumn, MilpModel, MilpRow } from '../milp.js';
import type {
  CraneGroup,
  FixedReplacement,
  PlanningProblem,
  PlanningSupplier,
  PlanningTerminal,
} from '../problem.js';

/**
 * The replacement MIP as plain data (see docs/design/planner.md for the formulation).
 *
 * Cumulative ("staircase") integer variables per crane group g = (terminal, size class):
 *   C[g,s,t]  cranes of g contracted from trusted supplier s by the end of period t (monotone in t);
 *   R[g,t]    old cranes of g retired by the end of period t (monotone in t).
 * Fixed lead and commissioning times make "arrived by t" = C[g,s,t-L_s] and "in service by t" = C[g,s,t-L_s-M_s],
 * so every row is a handful of nonzeros. Contracts exist only in [earliest_s, T-1-L_s-M_s]: a contract that
 * cannot be in service before the horizon ends is never created.
 */
export interface BuildOptions {
  /** Add penalised slack to every hard constraint family (used to explain infeasibility). */
  readonly elastic?: boolean;
  /**
   * Periods between allowed contract dates (default 1: any period, the exact model). 3 with monthly periods
   * restricts contracts to every third month: a smaller model whose plans are valid but whose bound is the
   * bound of that restricted model only.
   */
  readonly contractStep?: number;
  /**
   * Keep at most this many risk pieces' rows per group. Dropping rows over-estimates the risk removed, so the
   * model becomes a relaxation: for bounds only (aggregateRelaxation), never for plans.
   */
  readonly maxRiskPieces?: number;
  /** Capacity already used by decisions outside the model (other terminals' fixed schedules). */
  readonly reserved?: Reserved;
  /** Objective weight per million USD of contracts; default: 1e-4 of the smallest risk per crane-period. */
  readonly costWeightPerMillionUsd?: number;
  /** Leave out the supplier-capacity rows (a relaxation that adds its own, see quarterly-bound.ts). */
  readonly omitSupplierRows?: boolean;
  /**
   * Million USD kept free under each budget line (default 1e-6, a dollar, for the evaluator's rounding of each
   * crane's federal share). Bound models pass a small negative margin so that every valid plan stays a point.
   */
  readonly budgetMarginMusd?: number;
}

/** Keys: supply `${supplierId}|${sizeClass}|${quarter}` (cranes), crews `${region}|${period}` (cranes),
 * budget `${programId}|${fiscalYear}` (federal cents). */
export interface Reserved {
  readonly supply: ReadonlyMap<string, number>;
  readonly crews: ReadonlyMap<string, number>;
  readonly budget: ReadonlyMap<string, number>;
}

export type SlackFamily =
  'capacity-floor' | 'budget' | 'supplier-capacity' | 'deadline' | 'rail-slots' | 'crews';

export interface SlackInfo {
  readonly family: SlackFamily;
  readonly column: number;
  readonly terminalId?: string;
  readonly period?: number;
  readonly fiscalYear?: number;
  readonly programId?: string;
  readonly supplierId?: string;
  readonly sizeClass?: string;
  /** Unit of the slack column: cranes, or million USD for budget. */
  readonly unit: 'cranes' | 'musd';
}

export interface GroupIndex {
  readonly terminal: PlanningTerminal;
  readonly terminalIndex: number;
  readonly group: CraneGroup;
  readonly size: number;
  /** Cranes with fixed (already made) decisions. */
  readonly fixedCount: number;
  /** R[g,t] column for t = 0..T-1. */
  readonly retireCols: readonly number[];
  /** Per usable supplier: C[g,s,t] columns for t in [first, last]. */
  readonly contracts: readonly ContractIndex[];
  /** Fixed profiles per period: arrived / in service / retired by t (counts). */
  readonly fixedArrivedBy: readonly number[];
  readonly fixedInServiceBy: readonly number[];
  readonly fixedRetiredBy: readonly number[];
  /** Fixed decisions whose old crane may be retired by t: at its retirePeriod, else from its contract (and retireFrom). */
  readonly fixedRetirableBy: readonly number[];
  /** Fixed contract cost per fiscal year (cents), for the budget rows. */
  readonly fixedCostByPeriod: readonly number[];
}

export interface ContractIndex {
  readonly supplier: PlanningSupplier;
  readonly supplierIndex: number;
  readonly unitCostCents: number;
  readonly first: number;
  /** Last contract period (on the grid first + k·step). */
  readonly last: number;
  readonly step: number;
  /** Column of C[g,s,first + i·step]. */
  readonly cols: readonly number[];
}

export interface ModelIndex {
  readonly groups: readonly GroupIndex[];
  readonly slacks: readonly SlackInfo[];
  /** Soft mode: shortfall (TEU) columns per terminal and period. */
  readonly shortfall: readonly {
    readonly terminalIndex: number;
    readonly period: number;
    readonly column: number;
  }[];
  /** Funding split columns F[terminal, program, fiscal year] (million USD of contract cost). */
  readonly funding: readonly {
    readonly terminalIndex: number;
    readonly programId: string;
    readonly fiscalYear: number;
    readonly column: number;
  }[];
  /** Terminals with several programs: cranes at a unit cost paid by each program, N[τ,p,fy,u] (integer). */
  readonly fundingCounts: readonly FundingCount[];
  /** Constant part of the objective: Σ_g risk_g × n_g × T (the do-nothing exposure). */
  readonly riskOffset: number;
  readonly costWeightPerMillionUsd: number;
}

export interface FundingCount {
  readonly terminalIndex: number;
  readonly programId: string;
  readonly fiscalYear: number;
  readonly unitCostCents: number;
  readonly column: number;
}

/** Name prefixes of two row families; the number after them is the retirement column (`withRetirementSlacks`). */
export const RETIRE_ONLY_CONTRACTED_ROW = 'RleC_';
export const RETIREMENT_STAIRCASE_ROW = 'Rmono_';

export interface BuiltModel {
  readonly model: MilpModel;
  readonly index: ModelIndex;
  readonly nonzeros: number;
}

const CENTS_PER_MUSD = 100_000_000;
/** Penalties of the elastic model, per crane or per million USD of slack. */
const ELASTIC_PENALTY: Record<SlackFamily, number> = {
  'capacity-floor': 1e6,
  budget: 1e5,
  'supplier-capacity': 1e6,
  deadline: 1e6,
  'rail-slots': 1e6,
  crews: 1e6,
};

type Expr = Map<number, number>;

/** Quarter of each period, as the evaluator counts supplier capacity (calendar.ts quarterOf). */
export function quarterOfPeriods(problem: PlanningProblem): number[] {
  return problem.calendar.map((_, t) => quarterOf(t, problem.granularity));
}

export interface RiskPiece {
  readonly risk: number;
  readonly count: number;
}

/**
 * Identical-but-for-risk cranes are one group per terminal and size class (any of them can be retired once a
 * replacement of the class is contracted), ordered riskiest first; `pieces` are its risk levels, descending.
 */
export function mergeGroupsByClass(terminal: PlanningTerminal): { group: CraneGroup; pieces: RiskPiece[] }[] {
  const byClass = new Map<string, CraneGroup[]>();
  for (const g of terminal.groups) byClass.set(g.sizeClass, [...(byClass.get(g.sizeClass) ?? []), g]);
  return [...byClass.values()].map((gs) => {
    const cranes = gs
      .flatMap((g) => g.craneIds.map((id) => ({ id, risk: g.riskPerCranePeriod })))
      .sort((a, b) => b.risk - a.risk);
    const pieces: RiskPiece[] = [];
    for (const c of cranes) {
      const last = pieces[pieces.length - 1];
      if (last !== undefined && last.risk === c.risk)
        pieces[pieces.length - 1] = { risk: c.risk, count: last.count + 1 };
      else pieces.push({ risk: c.risk, count: 1 });
    }
    const fixed = gs.flatMap((g) => g.fixed ?? []);
    const first = gs[0] as CraneGroup;
    return {
      group: {
        sizeClass: first.sizeClass,
        craneIds: cranes.map((c) => c.id),
        riskPerCranePeriod: cranes[0]?.risk ?? 0,
        ...(fixed.length > 0 ? { fixed } : {}),
      },
      pieces,
    };
  });
}

/**
 * A fixed decision's arrival, entry into service and cost as a plan carries them: a recorded fact's own
 * (`arrivalPeriod`, `inServicePeriod`, `costCents`), else its supplier's terms, as the heuristics and validatePlan read them.
 */
export function fixedDecisionTerms(
  f: FixedReplacement,
  supplier: PlanningSupplier | undefined,
  sizeClass: string,
): { readonly arrival: number; readonly inService: number; readonly costCents: number } {
  const arrival = f.arrivalPeriod ?? f.contractPeriod + (supplier?.leadTimePeriods ?? 0);
  return {
    arrival,
    inService: f.inServicePeriod ?? arrival + (supplier?.commissioningPeriods ?? 0),
    costCents: f.costCents ?? supplier?.offers.find((o) => o.sizeClass === sizeClass)?.unitCostCents ?? 0,
  };
}

/** Cranes that must be in service at a terminal in a period: the throughput floor in whole cranes. */
export function cranesNeeded(terminal: PlanningTerminal, period: number): number {
  const demand = terminal.demand[period] ?? 0;
  const byDemand = terminal.teuPerCranePeriod > 0 ? Math.ceil(demand / terminal.teuPerCranePeriod - 1e-9) : 0;
  return Math.max(terminal.minCranesInService, byDemand);
}

/**
 * Whether a crane contracted from `supplier` in period `contract` would be commissioned (periods contract + lead time
 * to the period before it enters service) in one of the terminal's blackout periods: the model freezes such contracts.
 */
export function commissioningMeetsBlackout(
  blackout: ReadonlySet<number>,
  supplier: PlanningSupplier,
  contract: number,
): boolean {
  if (blackout.size === 0) return false;
  const arrival = contract + supplier.leadTimePeriods;
  for (let p = arrival; p < arrival + supplier.commissioningPeriods; p++) if (blackout.has(p)) return true;
  return false;
}

/** Default objective weight per million USD: 1e-4 of the smallest risk per crane-period (risk comes first). */
export function costWeightOf(problem: PlanningProblem): number {
  const minRisk = Math.min(
    ...problem.terminals.flatMap((t) => t.groups.map((g) => g.riskPerCranePeriod)).filter((r) => r > 0),
    Infinity,
  );
  return Number.isFinite(minRisk) ? minRisk * 1e-4 : 1e-4;
}

export function buildPlanningModel(problem: PlanningProblem, options: BuildOptions = {}): BuiltModel {
  const T = problem.periods;
  const elastic = options.elastic === true;
  const step = Math.max(1, Math.floor(options.contractStep ?? 1));
  const soft = problem.options.softFloor && !elastic;
  const columns: MilpColumn[] = [];
  const rows: MilpRow[] = [];
  const slacks: SlackInfo[] = [];
  let nonzeros = 0;

  const addCol = (name: string, lower: number, upper: number, cost: number, integer: boolean): number => {
    columns.push({ name, lower, upper, cost, integer });
    return columns.length - 1;
  };
  const addRow = (name: string, expr: Expr, lower: number, upper: number): void => {
    const indices: number[] = [];
    const values: number[] = [];
    for (const [c, v] of expr) {
      if (v !== 0) {
        indices.push(c);
        values.push(v);
      }
    }
    if (indices.length === 0) return;
    nonzeros += indices.length;
    rows.push({ name, lower, upper, indices, values });
  };
  const add = (e: Expr, col: number, coef: number): void => {
    e.set(col, (e.get(col) ?? 0) + coef);
  };
  const slack = (info: Omit<SlackInfo, 'column'>): number => {
    const column = addCol(`slack_${slacks.length}`, 0, Infinity, ELASTIC_PENALTY[info.family], false);
    slacks.push({ ...info, column });
    return column;
  };

  const costWeight = options.costWeightPerMillionUsd ?? costWeightOf(problem);

  const supplierById = new Map(problem.suppliers.map((s, i) => [s.id, { s, i }]));
  const groups: GroupIndex[] = [];
  let riskOffset = 0;

  // Columns: R then C per group, in terminal/group/supplier order (deterministic).
  const pieceRows: { g: number; pieces: readonly RiskPiece[] }[] = [];
  problem.terminals.forEach((terminal, terminalIndex) => {
    mergeGroupsByClass(terminal).forEach(({ group, pieces }, gi) => {
      const n = group.craneIds.length;
      const fixed = group.fixed ?? [];
      const fixedArrivedBy = new Array<number>(T).fill(0);
      const fixedInServiceBy = new Array<number>(T).fill(0);
      const fixedRetiredBy = new Array<number>(T).fill(0);
      const fixedCostByPeriod = new Array<number>(T).fill(0);
      const fixedRetirableBy = new Array<number>(T).fill(0);
      for (const f of fixed) {
        const sup = supplierById.get(f.supplierId)?.s;
        const { arrival, inService, costCents } = fixedDecisionTerms(f, sup, group.sizeClass);
        const mark = (arr: number[], from: number): void => {
          for (let t = Math.max(0, from); t < T; t++) arr[t] = (arr[t] ?? 0) + 1;
        };
        mark(fixedArrivedBy, arrival);
        mark(fixedInServiceBy, inService);
        // Its old crane retires when fixed, else once contracted (a fact's not before retireFrom).
        if (f.retirePeriod !== undefined) {
          mark(fixedRetiredBy, f.retirePeriod);
          mark(fixedRetirableBy, f.retirePeriod);
        } else mark(fixedRetirableBy, Math.max(f.contractPeriod, f.retireFrom ?? -Infinity));
        if (f.contractPeriod >= 0 && f.contractPeriod < T)
          fixedCostByPeriod[f.contractPeriod] = (fixedCostByPeriod[f.contractPeriod] ?? 0) + costCents;
      }
      const free = Math.max(0, n - fixed.length);
      riskOffset += pieces.reduce((a, p) => a + p.risk * p.count, 0) * T;

      const key = `${terminalIndex}_${gi}`;
      const retireCols: number[] = [];
      // One risk level: the objective is linear in R; several: an epigraph column per period (rows below).
      const linearRisk = pieces.length === 1 ? group.riskPerCranePeriod : 0;
      for (let t = 0; t < T; t++) {
        const lower = fixedRetiredBy[t] ?? 0;
        retireCols.push(addCol(`R_${key}_${t}`, lower, n, -linearRisk, true));
      }
      if (pieces.length > 1) pieceRows.push({ g: groups.length, pieces });
      const contracts: ContractIndex[] = [];
      // Every crane retired by the deadline is contracted by then (R ≤ Σ C) and the group's total is capped, so a
      // contract column after it could only repeat the deadline's: none is made (except where the deadline is soft).
      const lastContractBeforeDeadline =
        terminal.deadlinePeriod !== undefined && !elastic ? terminal.deadlinePeriod : Infinity;
      problem.suppliers.forEach((supplier, supplierIndex) => {
        if (!supplier.trusted || free === 0) return;
        const offer = supplier.offers.find((o) => o.sizeClass === group.sizeClass);
        if (offer === undefined) return;
        const first = Math.max(0, supplier.earliestContractPeriod);
        const lastAny = Math.min(
          T - 1 - supplier.leadTimePeriods - supplier.commissioningPeriods,
          lastContractBeforeDeadline,
        );
        if (lastAny < first) return;
        const last = first + Math.floor((lastAny - first) / step) * step;
        const cols: number[] = [];
        const unitCost = (offer.unitCostCents / CENTS_PER_MUSD) * costWeight;
        for (let t = first; t <= last; t += step) {
          // The cost sits on the last column (total contracted); earlier columns carry none.
          cols.push(addCol(`C_${key}_${supplierIndex}_${t}`, 0, free, t === last ? unitCost : 0, true));
        }
        contracts.push({
          supplier,
          supplierIndex,
          unitCostCents: offer.unitCostCents,
          first,
          last,
          step,
          cols,
        });
      });
      groups.push({
        terminal,
        terminalIndex,
        group,
        size: n,
        fixedCount: fixed.length,
        retireCols,
        contracts,
        fixedArrivedBy,
        fixedInServiceBy,
        fixedRetiredBy,
        fixedRetirableBy,
        fixedCostByPeriod,
      });
    });
  });

  /** Adds coef × C[g,s,t] (clamped to the contract window) to e. */
  const addCum = (e: Expr, c: ContractIndex, t: number, coef: number): void => {
    if (t < c.first) return;
    const col = c.cols[Math.floor((Math.min(t, c.last) - c.first) / c.step)];
    if (col !== undefined) add(e, col, coef);
  };

  // Staircase rows: monotone C and R; blackout periods freeze contracts whose commissioning would overlap them.
  for (const g of groups) {
    const blackout = new Set(g.terminal.blackoutPeriods);
    for (const c of g.contracts) {
      for (let t = c.first; t <= c.last; t += c.step) {
        const frozen = commissioningMeetsBlackout(blackout, c.supplier, t);
        const col = c.cols[(t - c.first) / c.step] as number;
        if (t === c.first) {
          if (frozen) {
            const cur = columns[col] as MilpColumn;
            columns[col] = { ...cur, upper: 0 };
          }
          continue;
        }
        const e: Expr = new Map();
        add(e, col, 1);
        add(e, c.cols[(t - c.first) / c.step - 1] as number, -1);
        addRow(`Cmono_${col}`, e, 0, frozen ? 0 : Infinity);
      }
    }
    for (let t = 1; t < T; t++) {
      const e: Expr = new Map();
      add(e, g.retireCols[t] as number, 1);
      add(e, g.retireCols[t - 1] as number, -1);
      // R less the fixed retirements never falls: a crane retired early cannot stand in for a fixed one.
      const fixedRetiring = (g.fixedRetiredBy[t] ?? 0) - (g.fixedRetiredBy[t - 1] ?? 0);
      addRow(`${RETIREMENT_STAIRCASE_ROW}${g.retireCols[t]}`, e, fixedRetiring, Infinity);
    }
    // Contracts total at most the cranes without a fixed decision.
    if (g.contracts.length > 0) {
      const e: Expr = new Map();
      for (const c of g.contracts) addCum(e, c, c.last, 1);
      addRow(`Ctot_${g.terminalIndex}_${g.group.sizeClass}`, e, -Infinity, g.size - g.fixedCount);
    }
    // An old crane retires only once its replacement is contracted; by the horizon's end every contracted one has.
    for (let t = 0; t < T; t++) {
      const e: Expr = new Map();
      add(e, g.retireCols[t] as number, 1);
      for (const c of g.contracts) addCum(e, c, t, -1);
      const fixedC = g.fixedRetirableBy[t] ?? 0;
      addRow(`${RETIRE_ONLY_CONTRACTED_ROW}${g.retireCols[t]}`, e, t === T - 1 ? fixedC : -Infinity, fixedC);
    }
    // Deadline: all cranes retired by the deadline period.
    const d = g.terminal.deadlinePeriod;
    if (d !== undefined && d >= 0 && d < T) {
      const col = g.retireCols[d] as number;
      if (elastic) {
        const e: Expr = new Map([[col, 1]]);
        add(
          e,
          slack({
            family: 'deadline',
            terminalId: g.terminal.id,
            period: d,
            sizeClass: g.group.sizeClass,
            unit: 'cranes',
          }),
          1,
        );
        addRow(`deadline_${col}`, e, g.size, Infinity);
      } else {
        const cur = columns[col] as MilpColumn;
        columns[col] = { ...cur, lower: Math.max(cur.lower, g.size) };
      }
    }
  }

  // Risk removed by retiring R cranes riskiest-first is concave piecewise linear: phi <= F(k) + risk_j (R - k).
  for (const { g, pieces } of pieceRows) {
    const gi = groups[g] as GroupIndex;
    const total = pieces.reduce((a, p) => a + p.risk * p.count, 0);
    const keepEvery = Math.max(1, Math.ceil(pieces.length / (options.maxRiskPieces ?? Infinity)));
    for (let t = 0; t < T; t++) {
      const phi = addCol(`phi_${gi.retireCols[t]}`, 0, total, -1, false);
      let k = 0;
      let removed = 0;
      for (const [j, piece] of pieces.entries()) {
        const e: Expr = new Map([
          [phi, 1],
          [gi.retireCols[t] as number, -piece.risk],
        ]);
        if (j % keepEvery === 0) addRow(`risk_${phi}_${k}`, e, -Infinity, removed - piece.risk * k);
        k += piece.count;
        removed += piece.risk * piece.count;
      }
    }
  }

  // Throughput floor and rail slots per terminal and period.
  const shortfall: { terminalIndex: number; period: number; column: number }[] = [];
  problem.terminals.forEach((terminal, ti) => {
    const tg = groups.filter((g) => g.terminalIndex === ti);
    if (tg.length === 0) return;
    const untrusted = tg.reduce((a, g) => a + g.size, 0);
    const maxOnRails = terminal.trustedCranes + untrusted + tg.reduce((a, g) => a + g.size, 0);
    for (let t = 0; t < T; t++) {
      // In service = trusted + Σ(n_g - R) + fixed in service + Σ C[t-L-M]; as a row: -ΣR + ΣC ≥ need - constants.
      const e: Expr = new Map();
      let constant = terminal.trustedCranes + untrusted;
      for (const g of tg) {
        add(e, g.retireCols[t] as number, -1);
        constant += g.fixedInServiceBy[t] ?? 0;
        for (const c of g.contracts)
          addCum(e, c, t - c.supplier.leadTimePeriods - c.supplier.commissioningPeriods, 1);
      }
      if (soft) {
        const demand = Math.max(
          terminal.demand[t] ?? 0,
          terminal.minCranesInService * terminal.teuPerCranePeriod,
        );
        const scaled: Expr = new Map();
        for (const [c, v] of e) scaled.set(c, v * terminal.teuPerCranePeriod);
        // Bounded by what an optimum ever takes (demand, plus a crane's worth for the rounding row below: cranes in
        // service never go negative), so the Lagrangian bound stays finite: unbounded, a shortfall's reduced cost a
        // hair below zero left column generation without a bound (national set over 15 years).
        const col = addCol(
          `short_${ti}_${t}`,
          0,
          Math.max(0, demand) + terminal.teuPerCranePeriod,
          problem.options.shortfallPenaltyPerTeu,
          false,
        );
        shortfall.push({ terminalIndex: ti, period: t, column: col });
        scaled.set(col, 1);
        addRow(`floor_${ti}_${t}`, scaled, demand - constant * terminal.teuPerCranePeriod, Infinity);
        // Cranes in service are whole, so the shortfall is at least the rounding's share of a crane per crane
        // missing below the next whole one (mixed-integer rounding of the row above; y = the columns' sum):
        // short ≥ teu·f·(⌈need⌉ − y), f = need − ⌊need⌋. Without it the LP runs fractional cranes at no cost.
        const teu = terminal.teuPerCranePeriod;
        const need = teu > 0 ? (demand - constant * teu) / teu : 0;
        const f = need - Math.floor(need);
        if (teu > 0 && f > 1e-6 && f < 1 - 1e-6 && e.size > 0) {
          const rounded: Expr = new Map();
          for (const [c, v] of e) rounded.set(c, v * teu * f);
          rounded.set(col, 1);
          addRow(`floorRound_${ti}_${t}`, rounded, teu * f * Math.ceil(need), Infinity);
        }
      } else {
        if (elastic)
          add(e, slack({ family: 'capacity-floor', terminalId: terminal.id, period: t, unit: 'cranes' }), 1);
        if (e.size === 0 && cranesNeeded(terminal, t) <= constant) continue;
        addRow(`floor_${ti}_${t}`, e, cranesNeeded(terminal, t) - constant, Infinity);
      }
      if (maxOnRails > terminal.railSlots) {
        const r: Expr = new Map();
        let onRails = terminal.trustedCranes + untrusted;
        for (const g of tg) {
          add(r, g.retireCols[t] as number, -1);
          onRails += g.fixedArrivedBy[t] ?? 0;
          for (const c of g.contracts) addCum(r, c, t - c.supplier.leadTimePeriods, 1);
        }
        const redundant =
          !elastic && [...r.values()].every((v) => v <= 0) && terminal.railSlots - onRails >= 0;
        if (elastic)
          add(r, slack({ family: 'rail-slots', terminalId: terminal.id, period: t, unit: 'cranes' }), -1);
        if (!redundant) addRow(`rail_${ti}_${t}`, r, -Infinity, terminal.railSlots - onRails);
      }
    }
  });

  // Supplier capacity per quarter and size class, on arrivals.
  const quarter = quarterOfPeriods(problem);
  const quarters: { q: number; first: number; last: number }[] = [];
  quarter.forEach((q, t) => {
    const cur = quarters[quarters.length - 1];
    if (cur !== undefined && cur.q === q) cur.last = t;
    else quarters.push({ q, first: t, last: t });
  });
  problem.suppliers.forEach((supplier, si) => {
    if (options.omitSupplierRows === true) return;
    for (const offer of supplier.offers) {
      const users = groups.flatMap((g) =>
        g.group.sizeClass === offer.sizeClass ? g.contracts.filter((c) => c.supplierIndex === si) : [],
      );
      const fixedArrivals = (first: number, last: number): number =>
        groups
          .filter((g) => g.group.sizeClass === offer.sizeClass)
          .flatMap((g) => g.group.fixed ?? [])
          .filter((f) => f.supplierId === supplier.id)
          .map((f) => f.arrivalPeriod ?? f.contractPeriod + supplier.leadTimePeriods)
          .filter((a) => a >= first && a <= last).length;
      if (users.length === 0) continue;
      for (const { q, first, last } of quarters) {
        const e: Expr = new Map();
        for (const c of users) {
          addCum(e, c, last - supplier.leadTimePeriods, 1);
          addCum(e, c, first - 1 - supplier.leadTimePeriods, -1);
        }
        if (e.size === 0) continue;
        if (elastic) {
          add(
            e,
            slack({
              family: 'supplier-capacity',
              supplierId: supplier.id,
              sizeClass: offer.sizeClass,
              period: first,
              unit: 'cranes',
            }),
            -1,
          );
        }
        addRow(
          `supply_${si}_${offer.sizeClass}_${q}`,
          e,
          -Infinity,
          // Facts alone may fill a quarter (a late delivery): then no planned crane may arrive in it.
          Math.max(0, offer.capacityPerQuarter - fixedArrivals(first, last)) -
            (options.reserved?.supply.get(`${supplier.id}|${offer.sizeClass}|${q}`) ?? 0),
        );
      }
    }
  });

  // Crews: cranes in commissioning at the same time per region.
  for (const crew of problem.crewRegions) {
    const rg = groups.filter((g) => g.terminal.region === crew.region);
    if (rg.length === 0) continue;
    for (let t = 0; t < T; t++) {
      const e: Expr = new Map();
      let fixedBusy = 0;
      for (const g of rg) {
        fixedBusy += (g.fixedArrivedBy[t] ?? 0) - (g.fixedInServiceBy[t] ?? 0);
        for (const c of g.contracts) {
          addCum(e, c, t - c.supplier.leadTimePeriods, 1);
          addCum(e, c, t - c.supplier.leadTimePeriods - c.supplier.commissioningPeriods, -1);
        }
      }
      if (e.size === 0) continue;
      if (elastic) add(e, slack({ family: 'crews', terminalId: crew.region, period: t, unit: 'cranes' }), -1);
      addRow(
        `crew_${crew.region}_${t}`,
        e,
        -Infinity,
        Math.max(0, crew.simultaneousCommissionings - Math.max(0, fixedBusy)) -
          (options.reserved?.crews.get(`${crew.region}|${t}`) ?? 0),
      );
    }
  }

  // Budget: contract cost is paid in the contract's fiscal year, split across the terminal's programs.
  const funding: { terminalIndex: number; programId: string; fiscalYear: number; column: number }[] = [];
  const fundingCounts: FundingCount[] = [];
  const fyOfPeriod = problem.calendar.map((p) => p.fiscalYear);
  const fiscalYears = [...new Set(fyOfPeriod)].sort((a, b) => a - b);
  const programIds = [...new Set(problem.budgets.map((b) => b.programId))].sort();
  if (programIds.length > 0) {
    const draws = new Map<string, Expr>(); // programId|fy -> Σ (1-localShare) F
    // As evaluate.ts: a program's local share is its first line's; it carries over if any line does.
    const shareOf = (p: string): number => problem.budgets.find((b) => b.programId === p)?.localShare ?? 0;
    const carries = (p: string): boolean => problem.budgets.some((b) => b.programId === p && b.carryOver);
    problem.terminals.forEach((terminal, ti) => {
      const progs = terminal.fundingProgramIds.filter((p) => programIds.includes(p));
      if (progs.length === 0) return;
      const tg = groups.filter((g) => g.terminalIndex === ti);
      for (const fy of fiscalYears) {
        const firstP = fyOfPeriod.indexOf(fy);
        const lastP = fyOfPeriod.lastIndexOf(fy);
        const cost: Expr = new Map();
        let fixedCost = 0;
        // The most the fiscal year can cost the terminal: a finite bound on F keeps dual bounds finite.
        let mostCost = 0;
        for (const g of tg) {
          for (let t = firstP; t <= lastP; t++) fixedCost += g.fixedCostByPeriod[t] ?? 0;
          let dearest = 0;
          for (const c of g.contracts) {
            const unit = c.unitCostCents / CENTS_PER_MUSD;
            dearest = Math.max(dearest, unit);
            addCum(cost, c, lastP, unit);
            addCum(cost, c, firstP - 1, -unit);
          }
          mostCost += dearest * g.size;
        }
        if (cost.size === 0 && fixedCost === 0) continue;
        const fundingColumns = progs.map((p) => {
          const f = addCol(`F_${ti}_${p}_${fy}`, 0, mostCost + fixedCost / CENTS_PER_MUSD, 0, false);
          funding.push({ terminalIndex: ti, programId: p, fiscalYear: fy, column: f });
          const key = `${p}|${fy}`;
          const d = draws.get(key) ?? new Map<number, number>();
          d.set(f, 1 - shareOf(p));
          draws.set(key, d);
          return f;
        });
        if (progs.length === 1) {
          // F[τ,p,fy] = cost of contracts signed in fy (in million USD).
          const e: Expr = new Map();
          for (const [c, v] of cost) e.set(c, -v);
          e.set(fundingColumns[0] as number, 1);
          const fc = fixedCost / CENTS_PER_MUSD;
          addRow(`fund_${ti}_${fy}`, e, fc, fc);
          continue;
        }
        // Several programs: each crane is paid by one program, so the split is in whole cranes. Per unit cost u,
        // N[τ,p,fy,u] cranes go to program p (Σ_p N = cranes contracted in fy at u, fixed ones included), and
        // F[τ,p,fy] = Σ_u u N[τ,p,fy,u]. A fractional split would give plans no whole-crane assignment fits.
        const units = new Map<number, { readonly count: Expr; fixed: number; most: number }>();
        const unit = (cents: number): { readonly count: Expr; fixed: number; most: number } => {
          let u = units.get(cents);
          if (u === undefined) units.set(cents, (u = { count: new Map(), fixed: 0, most: 0 }));
          return u;
        };
        for (const g of tg) {
          for (const f of g.group.fixed ?? []) {
            if (f.contractPeriod < firstP || f.contractPeriod > lastP) continue;
            const sup = supplierById.get(f.supplierId)?.s;
            const u = unit(fixedDecisionTerms(f, sup, g.group.sizeClass).costCents);
            u.fixed += 1;
            u.most += 1;
          }
          for (const c of g.contracts) {
            const u = unit(c.unitCostCents);
            addCum(u.count, c, lastP, 1);
            addCum(u.count, c, firstP - 1, -1);
            u.most += g.size - g.fixedCount;
          }
        }
        const perProgram: Expr[] = progs.map(() => new Map());
        for (const [cents, u] of [...units].sort((a, b) => a[0] - b[0])) {
          if (u.count.size === 0 && u.fixed === 0) continue;
          const e: Expr = new Map();
          for (const [c, v] of u.count) e.set(c, -v);
          progs.forEach((p, pi) => {
            const n = addCol(`N_${ti}_${p}_${fy}_${cents}`, 0, u.most, 0, true);
            fundingCounts.push({
              terminalIndex: ti,
              programId: p,
              fiscalYear: fy,
              unitCostCents: cents,
              column: n,
            });
            e.set(n, 1);
            (perProgram[pi] as Expr).set(n, -cents / CENTS_PER_MUSD);
          });
          addRow(`fundn_${ti}_${fy}_${cents}`, e, u.fixed, u.fixed);
        }
        progs.forEach((p, pi) => {
          const e = perProgram[pi] as Expr;
          e.set(fundingColumns[pi] as number, 1);
          addRow(`fundp_${ti}_${p}_${fy}`, e, 0, 0);
        });
      }
    });
    for (const p of programIds) {
      let prevCarry: number | null = null;
      let amountSoFar = 0;
      for (const fy of fiscalYears) {
        const amount =
          problem.budgets
            .filter((b) => b.programId === p && b.fiscalYear === fy)
            .reduce((a, b) => a + b.amountCents, 0) / CENTS_PER_MUSD;
        amountSoFar += Math.max(0, amount);
        const e: Expr = new Map(draws.get(`${p}|${fy}`) ?? []);
        if (prevCarry !== null) add(e, prevCarry, -1);
        let carry: number | null = null;
        if (carries(p)) {
          // Nothing beyond the money granted so far can be carried (a finite bound keeps dual bounds finite).
          carry = addCol(`K_${p}_${fy}`, 0, amountSoFar, 0, false);
          add(e, carry, 1);
        }
        if (elastic && e.size > 0)
          add(e, slack({ family: 'budget', programId: p, fiscalYear: fy, unit: 'musd' }), -1);
        // A dollar of margin absorbs the evaluator's per-crane rounding of the federal share to whole cents.
        const reserved = (options.reserved?.budget.get(`${p}|${fy}`) ?? 0) / CENTS_PER_MUSD;
        if (e.size > 0)
          addRow(`budget_${p}_${fy}`, e, -Infinity, amount - reserved - (options.budgetMarginMusd ?? 1e-6));
        prevCarry = carry;
      }
    }
  }

  // Batches: arrivals per terminal, supplier and period are 0 or between min and max.
  const batch = problem.options.batchSize;
  if (batch !== undefined) {
    problem.terminals.forEach((terminal, ti) => {
      const tg = groups.filter((g) => g.terminalIndex === ti);
      problem.suppliers.forEach((supplier, si) => {
        const cs = tg.flatMap((g) => g.contracts.filter((c) => c.supplierIndex === si));
        if (cs.length === 0) return;
        const total = tg.reduce((a, g) => a + g.size - g.fixedCount, 0);
        const minB = Math.min(batch.min, total);
        const first = Math.min(...cs.map((c) => c.first));
        const last = Math.max(...cs.map((c) => c.last));
        for (let t = first; t <= last; t++) {
          const e: Expr = new Map();
          for (const c of cs) {
            addCum(e, c, t, 1);
            addCum(e, c, t - 1, -1);
          }
          if (e.size === 0) continue;
          const z = addCol(`B_${ti}_${si}_${t}`, 0, 1, 0, true);
          const lo = new Map(e);
          lo.set(z, -minB);
          addRow(`bmin_${z}`, lo, 0, Infinity);
          const hi = new Map(e);
          hi.set(z, -batch.max);
          addRow(`bmax_${z}`, hi, -Infinity, 0);
        }
      });
    });
  }

  return {
    model: { sense: 'min', offset: riskOffset, columns, rows },
    index: {
      groups,
      slacks,
      shortfall,
      funding,
      fundingCounts,
      riskOffset,
      costWeightPerMillionUsd: costWeight,
    },
    nonzeros,
  };
}
