/** The output of planning: a schedule and its quality. Shared by the solver, baselines, exports and the UI. */
export type PlanStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface PlannedReplacement {
  readonly craneId: string;
  readonly terminalId: string;
  readonly sizeClass: string;
  readonly supplierId: string;
  readonly contractPeriod: number;
  readonly arrivalPeriod: number;
  readonly inServicePeriod: number;
  /** When the old (untrusted) crane leaves service. */
  readonly retirePeriod: number;
  readonly costCents: number;
  /**
   * Funding program that pays the federal share; when absent, evaluateSchedule assigns one (the first with money left,
   * those whose money lapses first: payingPrograms).
   */
  readonly programId?: string;
}

export interface TerminalPeriodCapacity {
  readonly terminalId: string;
  readonly period: number;
  /**
   * What `capacity`, `demand` and `shortfall` count, per period: TEU for a terminal's STS cranes; units for a
   * facility's units of another kind (`facility~kind`), whose floor is every unit in service.
   */
  readonly measure: 'teu' | 'units';
  readonly cranesInService: number;
  readonly untrustedInService: number;
  readonly capacity: number;
  readonly demand: number;
  readonly shortfall: number;
}

export interface FiscalYearSpend {
  readonly programId: string;
  readonly fiscalYear: number;
  readonly federalCents: number;
  readonly localCents: number;
  readonly availableCents: number;
}

export interface InfeasibilityReason {
  readonly kind: 'capacity-floor' | 'budget' | 'supplier-capacity' | 'deadline' | 'rail-slots' | 'crews';
  readonly message: string;
  readonly terminalId?: string;
  readonly period?: number;
  readonly fiscalYear?: number;
  readonly amount?: number;
}

export interface Relaxation {
  readonly kind: 'extra-budget' | 'later-deadline' | 'more-supplier-capacity' | 'accept-shortfall';
  readonly message: string;
  readonly amount: number;
  /**
   * A later deadline only: false when the month is one a plan is shown to meet but no earlier month was searched
   * (large problems: `earliestCommonDeadline` finds the earliest).
   */
  readonly searched?: boolean;
}

export interface Plan {
  readonly name: string;
  readonly method: 'milp' | 'greedy' | 'do-nothing' | 'user';
  readonly status: PlanStatus;
  /** Objective value (risk exposure + cost term) of the plan, and the proven lower bound. */
  readonly objective: number;
  readonly bound: number | null;
  /** (objective - bound) / max(|objective|, 1e-9); null when no bound. */
  readonly gap: number | null;
  readonly solveSeconds: number;
  /** Sum over periods of the risk of untrusted cranes in service. */
  readonly riskExposure: number;
  readonly totalCostCents: number;
  readonly replacements: readonly PlannedReplacement[];
  readonly capacity: readonly TerminalPeriodCapacity[];
  readonly spend: readonly FiscalYearSpend[];
  /** Remaining risk per period (the burn-down curve). */
  readonly riskByPeriod: readonly number[];
  readonly completionPeriod: number | null;
  readonly infeasibility?: {
    readonly reasons: readonly InfeasibilityReason[];
    readonly relaxations: readonly Relaxation[];
  };
  readonly diagnostics: readonly string[];
}
