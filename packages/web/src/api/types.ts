// Wire shapes of /api/dashboard/* (packages/backend/src/http/routes/dashboard.ts). Domain types come from core.
import type {
  Asset,
  Facility,
  Finding,
  FanSeries,
  FiscalYearSpend,
  LifecycleStep,
  NationalMeasure,
  PairedDifference,
  PlannedReplacement,
  Port,
  ScenarioSummary,
  SimulationRequest,
  Summary,
  TerminalResult,
  TerminalPeriodCapacity,
  UserRole,
} from '@portguard/core';

export type { Asset, Facility, Finding, Port, UserRole };

export interface Me {
  readonly id: string;
  readonly username: string;
  readonly role: UserRole;
  readonly facilityIds: readonly string[];
  readonly portIds: readonly string[];
}

export interface CapacityFigures {
  readonly terminals: number;
  readonly stsCranes: number;
  readonly coveredCranes: number;
  readonly prcMadeCranes: number;
  readonly untrustedCranes: number;
  readonly capacityTeuPerYear: number;
  readonly demandTeuPerYear: number;
  readonly capacityAtRiskTeuPerYear: number;
  readonly shortfallWithoutUntrustedTeuPerYear: number;
}

export interface PortPoint extends CapacityFigures {
  readonly portId: string;
  readonly name: string;
  readonly state: string;
  readonly lat: number;
  readonly lon: number;
}

export interface Overview {
  readonly year: number;
  readonly scope: 'all' | 'facilities';
  readonly national: CapacityFigures & { readonly ports: number };
  readonly ports: readonly PortPoint[];
  readonly plan: {
    readonly runId: string;
    readonly name: string;
    readonly periods: readonly string[];
    readonly riskByPeriod: readonly number[] | null;
    readonly untrustedByPeriod: readonly number[];
    readonly completionMonth: string | null;
    readonly budget: { readonly usedCents: number; readonly availableCents: number } | null;
  } | null;
  /** P10/P50/P90 completion of the newest finished simulation. */
  readonly simulation: {
    readonly id: string;
    readonly scenario: string;
    readonly runs: number;
    readonly plan: string;
    readonly completionMonth: { p10: string | null; p50: string | null; p90: string | null };
    readonly completedShare: number;
  } | null;
}

export interface PortPage {
  readonly port: Port;
  readonly summary: CapacityFigures;
  readonly facilities: readonly Facility[];
  readonly assets: readonly Asset[];
  readonly findings: readonly Finding[];
  readonly plan: {
    readonly runId: string;
    readonly name: string;
    readonly periods: readonly string[];
    readonly replacements: readonly PlannedReplacement[];
    readonly capacity: readonly TerminalPeriodCapacity[];
  } | null;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface PlanView {
  readonly name: string;
  readonly method: 'milp' | 'greedy' | 'do-nothing' | 'user';
  readonly status: string;
  readonly gap: number | null;
  readonly solveSeconds: number;
  readonly completionPeriod: number | null;
  readonly completionMonth: string | null;
  readonly totalCostCents: number | null;
  readonly riskByPeriod: readonly number[] | null;
  readonly spend: readonly FiscalYearSpend[];
  readonly untrustedByPeriod: readonly number[];
  readonly replacements: readonly PlannedReplacement[];
  readonly capacity: readonly TerminalPeriodCapacity[];
  readonly infeasibility: { readonly reasons: readonly { kind: string; message: string }[] } | null;
}

export interface PlanParams {
  readonly methods: ReadonlyArray<'milp' | 'greedy' | 'do-nothing'>;
  readonly startMonth: string;
  readonly years: number;
  readonly budgetScale: number;
  readonly timeLimitSeconds: number;
}

export interface PlanRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly progress: number;
  readonly message: string | null;
  readonly error: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly params: PlanParams;
  readonly periods: readonly string[];
  readonly plans: readonly PlanView[];
}

export interface PlanRunSummary extends Omit<PlanRun, 'plans' | 'periods'> {
  readonly periodCount: number;
  readonly plans: ReadonlyArray<{ name: string; method: string; status: string }>;
}

export type { ScenarioSummary, SimulationRequest };

/** GET /api/simulations/:id (backend routes/simulations.ts); national parts are null for a port operator. */
export interface SimulationView {
  readonly id: string;
  readonly status: RunStatus;
  readonly progress: number;
  readonly message: string | null;
  readonly error: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly request: Omit<SimulationRequest, 'scenario'> & { readonly scenario: string };
  readonly scenario: { readonly name: string; readonly description: string } | null;
  readonly planNotes: readonly string[];
  readonly scope: 'all' | 'facilities';
  readonly report: {
    readonly scenario: string;
    readonly policy: 'frozen' | 'replan';
    readonly seed: number;
    readonly runs: number;
    readonly periodMonths: readonly string[];
    readonly periods: number;
    readonly plans: ReadonlyArray<{
      readonly plan: string;
      readonly completionMonth: { p10: string | null; p50: string | null; p90: string | null };
      readonly completedShare: number;
      readonly fan: { readonly shortfallTeu: FanSeries; readonly riskRemaining: FanSeries } | null;
      readonly national: Readonly<Record<NationalMeasure, Summary>> | null;
      readonly terminals: readonly TerminalResult[];
      readonly worstTerminals: ReadonlyArray<{ terminalId: string; p90TeuLost: number; maxTeuLost: number }>;
    }>;
    readonly comparisons: ReadonlyArray<{
      readonly plan: string;
      readonly baseline: string;
      readonly measures: Readonly<Record<NationalMeasure, PairedDifference>>;
    }>;
  } | null;
}

export type SimulationSummary = Omit<SimulationView, 'report' | 'scenario' | 'planNotes' | 'scope' | 'error'>;

/** GET /api/dashboard/program: tracking against the latest baseline. */
export interface Program {
  readonly baseline: { readonly name: string; readonly approvedAt: string | null } | null;
  readonly message: string | null;
  readonly asOf?: string;
  readonly scope?: string;
  readonly steps: readonly LifecycleStep[];
  readonly ports: ReadonlyArray<{ id: string; name: string }>;
  readonly board?: {
    readonly total: Record<LifecycleStep, number> | null;
    readonly byPort: ReadonlyArray<{
      portId: string;
      name: string;
      terminals: number;
      counts: Record<LifecycleStep, number>;
    }>;
    readonly byTerminal: ReadonlyArray<{
      terminalId: string;
      name: string;
      counts: Record<LifecycleStep, number>;
      obligatedCents: number;
      paidCents: number;
    }>;
  };
  readonly slippage?: ReadonlyArray<{
    terminalId: string;
    name: string;
    baselineCompletion: string | null;
    currentCompletion: string | null;
    slipPeriods: number | null;
    late: number;
    early: number;
  }>;
  readonly spend?: ReadonlyArray<{ fiscalYear: number; baselineCents: number; currentCents: number }>;
  readonly risk?: {
    readonly periods: readonly string[];
    readonly baseline: readonly number[];
    readonly current: readonly number[];
  };
  readonly missedMilestones?: number;
}
