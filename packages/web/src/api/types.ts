// Wire shapes of the dashboard's reads, inferred from core's contract schemas (packages/core/src/contract/), which the
// server writes every response through. Type-only imports: no zod schema or core code ends up in the bundle.
import type {
  DashboardOverview,
  DashboardPort,
  DashboardSite,
  FindingView,
  JobView as JobViewSchema,
  PlanRunList,
  PlanRunRequest,
  PlanRunView,
  PlannedReplacementView as PlannedReplacementViewSchema,
  PlanView as PlanViewSchema,
  ProgramView,
  FanSeries,
  NationalMeasure,
  PairedDifference,
  SimulationRequest,
  Summary,
  TerminalResult,
  TrackStepRecord,
} from '@portguard/core';
import type { z } from 'zod';

export type {
  Asset,
  EarliestDeadlineSummary,
  Facility,
  Me,
  Port,
  ScenarioSummary,
  SimulationRequest,
  UserRole,
} from '@portguard/core';

/** GET /api/dashboard/overview */
export type Overview = z.infer<typeof DashboardOverview>;
export type CapacityFigures = Overview['national'];
export type PortPoint = Overview['ports'][number];

/** GET /api/dashboard/ports/:id */
export type PortPage = z.infer<typeof DashboardPort>;
/** GET /api/dashboard/sites/:id */
export type SitePage = z.infer<typeof DashboardSite>;
export type SitePoint = Overview['sites'][number];

export type PlannedReplacementView = z.infer<typeof PlannedReplacementViewSchema>;

/** GET /api/dashboard/findings items: a finding with its evidence and latest review. */
export type Finding = z.infer<typeof FindingView>;

export type RunStatus = PlanRun['status'];
export type PlanView = z.infer<typeof PlanViewSchema>;
export type PlanParams = PlanRunRequest;
/** GET /api/dashboard/plans/:id */
export type PlanRun = PlanRunView;
/** GET /api/dashboard/plans items */
export type PlanRunSummary = z.infer<typeof PlanRunList>['items'][number];

// Declared here, not inferred from the contract's SimulationView: that schema makes every statistic nullable
// (NaN is sent as null) and its national measures a plain record, which the Scenarios page does not handle yet.
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
export type Program = ProgramView;

/** Body of POST /api/tracking/forecasts (backend routes/tracking.ts): what a supplier now says about a delivery. */
export interface ForecastRequest {
  readonly craneId: string;
  /** YYYY-MM-DD, not before today nor before the contract. */
  readonly arrivalDate: string;
  readonly reason: string;
  readonly evidence?: string;
}

/** 201 of POST /api/tracking/steps and /api/tracking/forecasts: the record as stored. */
export type TrackStep = z.infer<typeof TrackStepRecord>;

// ---- Simulations: re-planning (issue #5; core contract SimulationView.report)

/** What a simulation report says about re-planning, beside SimulationView['report']. */
export interface SimulationReplanning {
  /** The re-planner that ran at the shocks; null under the frozen policy. timeLimitSeconds only for 'milp'. */
  readonly replanner: {
    readonly name: SimulationRequest['replanSolver'];
    readonly timeLimitSeconds: number | null;
  } | null;
  /** Re-plans made (one per run and plan whose run had a shock). */
  readonly replans: number;
  /** 'milp' re-plans stopped on the solver's wall-clock guard: those runs may not repeat exactly. */
  readonly clockBoundReplans: number;
}

/** GET /api/jobs/{id}: a background job; its result is the kind's own (e.g. EarliestDeadlineSummary). */
export type JobView = z.infer<typeof JobViewSchema>;
