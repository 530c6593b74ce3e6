import type { DeliveryMode, ReplacementClass } from '../model/index.js';

/**
 * The replacement-planning problem as plain data, derived from a Dataset (see from-dataset.ts) or generated.
 * Periods are indexed 0..periods-1 from `startMonth`; with granularity 'week' a period is a week, and every
 * "months" duration below has already been converted to periods.
 */
export interface PlanningProblem {
  readonly startMonth: string; // YYYY-MM
  readonly granularity: 'month' | 'week';
  readonly periods: number;
  /** Calendar of each period: year, month0 and federal fiscal year. */
  readonly calendar: readonly PeriodInfo[];
  readonly terminals: readonly PlanningTerminal[];
  readonly suppliers: readonly PlanningSupplier[];
  readonly budgets: readonly BudgetLine[];
  readonly crewRegions: readonly CrewRegion[];
  readonly options: PlanningOptions;
}

/**
 * A facility's untrusted assets of another kind than STS cranes (cameras, recorders, scanners) are planned as a
 * terminal of their own, `facility~kind`: their own floor (none leaves before its replacement is in service), crews
 * and supplier offers, the facility's funding programs. '~' cannot appear in an id, so the facility is recoverable.
 */
export const planningTerminalOfKind = (facilityId: string, kind: string): string => `${facilityId}~${kind}`;

/** The facility a planning terminal belongs to (its id, or the part before '~' for another kind's units). */
export const facilityOfPlanningTerminal = (terminalId: string): string => terminalId.split('~')[0] as string;

/** The asset kind of a facility's units planned as a terminal (`facility~kind`); null for a terminal's STS cranes. */
export const kindOfPlanningTerminal = (terminalId: string): string | null => {
  const at = terminalId.indexOf('~');
  return at < 0 ? null : terminalId.slice(at + 1);
};

/** What a planning terminal's capacity rows count: TEU for a terminal's STS cranes, units for a facility's units. */
export const measureOfPlanningTerminal = (terminalId: string): 'teu' | 'units' =>
  kindOfPlanningTerminal(terminalId) === null ? 'teu' : 'units';

/** Untrusted cranes of these terminals (every group's cranes, fixed decisions included). */
export const untrustedCranes = (terminals: readonly PlanningTerminal[]): number =>
  terminals.reduce((a, t) => a + t.groups.reduce((b, g) => b + g.craneIds.length, 0), 0);

export interface PeriodInfo {
  readonly index: number;
  readonly year: number;
  readonly month0: number;
  readonly fiscalYear: number;
}

export interface PlanningTerminal {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  /** TEU one crane handles per period at planning utilisation. */
  readonly teuPerCranePeriod: number;
  /** Demand per period (TEU), length = periods. */
  readonly demand: readonly number[];
  readonly railSlots: number;
  readonly minCranesInService: number;
  /** Trusted cranes in service that stay (not part of the program). */
  readonly trustedCranes: number;
  /** Untrusted cranes to replace, grouped by size class (identical cranes are aggregated). */
  readonly groups: readonly CraneGroup[];
  /** Periods in which no commissioning may happen (peak season). */
  readonly blackoutPeriods: readonly number[];
  /** All untrusted cranes must be retired by this period (inclusive), if set. */
  readonly deadlinePeriod?: number;
  /** Funding programs this terminal may draw on. */
  readonly fundingProgramIds: readonly string[];
}

export interface CraneGroup {
  readonly sizeClass: ReplacementClass;
  /** The individual crane asset ids, in retirement order (most risky first). */
  readonly craneIds: readonly string[];
  /** Risk weight per crane per period while it is in service. */
  readonly riskPerCranePeriod: number;
  /** Decisions already made (contracted/delivered cranes), fixed in the plan. */
  readonly fixed?: readonly FixedReplacement[];
}

export interface FixedReplacement {
  readonly craneId: string;
  readonly supplierId: string;
  readonly contractPeriod: number;
  readonly inServicePeriod?: number;
  readonly retirePeriod?: number;
  /**
   * Set for a recorded fact (program tracking): the arrival as recorded or expected, not contract + lead time.
   * A fact is checked against itself instead of its supplier's terms (earliest contract, lead time, commissioning,
   * price, blackouts); it uses its supplier's quarterly capacity and its region's crews, and a quarter or period is
   * over the limit only when planned cranes put it over (facts alone cannot break a limit).
   */
  readonly arrivalPeriod?: number;
  /** With arrivalPeriod: the cost the plan carries for it (0 when its money is already taken from the budgets). */
  readonly costCents?: number;
  /** With arrivalPeriod and no retirePeriod: the old crane is still in service until this period (today). */
  readonly retireFrom?: number;
}

export interface PlanningSupplier {
  readonly id: string;
  readonly name: string;
  readonly trusted: boolean;
  /** Periods from contract to arrival (most likely). */
  readonly leadTimePeriods: number;
  /** Three-point range around leadTimePeriods (min / max), used by the simulator's triangular draws. */
  readonly leadTimeMinPeriods?: number;
  readonly leadTimeMaxPeriods?: number;
  readonly deliveryMode: DeliveryMode;
  /** Periods from arrival to in service. */
  readonly commissioningPeriods: number;
  readonly commissioningMinPeriods?: number;
  readonly commissioningMaxPeriods?: number;
  readonly offers: readonly SupplierOffer[];
  /** Earliest period in which a contract can be signed. */
  readonly earliestContractPeriod: number;
}

export interface SupplierOffer {
  readonly sizeClass: ReplacementClass;
  /** Total cost per crane in cents: price + tariff + installation. */
  readonly unitCostCents: number;
  /** Cranes per quarter (for 'week' granularity, per 13 weeks). */
  readonly capacityPerQuarter: number;
}

export interface BudgetLine {
  readonly programId: string;
  readonly fiscalYear: number;
  /** Federal money available in the fiscal year, cents. */
  readonly amountCents: number;
  readonly carryOver: boolean;
  /** Share of each project's cost paid locally (not from this line). */
  readonly localShare: number;
}

export interface CrewRegion {
  readonly region: string;
  /** Cranes that can be in commissioning at the same time in the region. */
  readonly simultaneousCommissionings: number;
}

export interface PlanningOptions {
  readonly timeLimitSeconds: number;
  /** Relative MIP gap at which to stop, e.g. 0.005. */
  readonly mipGap: number;
  /** Allow a priced capacity shortfall instead of infeasibility. */
  readonly softFloor: boolean;
  /** Cost per TEU of shortfall in soft mode, in risk units. */
  readonly shortfallPenaltyPerTeu: number;
  /** Cranes per voyage (batches) if set. */
  readonly batchSize?: { readonly min: number; readonly max: number };
  /** The exposure multipliers the risk weights were built with, so a re-plan can swap in today's (evidence/planning-risk). */
  readonly exposureByAsset?: Readonly<Record<string, number>>;
}
