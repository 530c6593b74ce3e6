import { z } from 'zod';
import { Asset } from '../model/asset.js';
import { Designation } from '../model/designation.js';
import { Facility, Port } from '../model/facility.js';
import { LIFECYCLE_STEPS } from '../tracking/lifecycle.js';
import { ReplanSolver, SimulationPlanName } from './simulation.js';

/**
 * Wire schemas of the web dashboard's reads (`/api/dashboard/*`, `/api/simulations*`, `/api/tracking/*`). The
 * server writes every response through them (only the keys named here go out) and `/openapi.json` documents them.
 * Numbers a statistic can leave undefined (NaN, written as null) are nullable.
 */

const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' });
const RunStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
const Stat = z.number().nullable();
/** Responses are read-only: typed so that services may return their readonly domain arrays as they are. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const CapacityFigures = z.object({
  terminals: z.number().int(),
  terminalsWithoutCapacity: z.number().int(),
  stsCranes: z.number().int(),
  coveredCranes: z.number().int(),
  prcMadeCranes: z.number().int(),
  untrustedCranes: z.number().int(),
  capacityTeuPerYear: z.number(),
  demandTeuPerYear: z.number(),
  capacityAtRiskTeuPerYear: z.number(),
  shortfallWithoutUntrustedTeuPerYear: z.number(),
});

// ---- plans

/**
 * Body of `POST /api/dashboard/plans`: which plans to compute, from when, over how many years.
 * @example { "methods": ["greedy", "do-nothing"], "startMonth": "2027-01", "years": 10 }
 */
export const PlanRunRequest = z
  .object({
    methods: z
      .array(z.enum(['milp', 'greedy', 'do-nothing']))
      .min(1)
      .default(['greedy', 'do-nothing']),
    startMonth: YearMonth.default('2027-01'),
    years: z.number().int().min(1).max(20).default(10),
    budgetScale: z.number().min(0).max(10).default(1),
    timeLimitSeconds: z.number().min(1).max(600).default(20),
    /** Every untrusted crane retired by the end of this month (as the CLI's --deadline). */
    deadline: YearMonth.optional(),
    /** Allow a priced capacity shortfall instead of declaring the plan infeasible (--soft). */
    softFloor: z.boolean().optional(),
    /** Stop once the plan is proven within this relative gap (--gap; default 0.005). */
    mipGap: z.number().min(0).max(1).optional(),
    /** Plan period (--granularity): months by default, or weeks. */
    granularity: z.enum(['month', 'week']).optional(),
  })
  .strict();
export type PlanRunRequest = z.infer<typeof PlanRunRequest>;

export const PlannedReplacementView = z.object({
  craneId: z.string(),
  terminalId: z.string(),
  sizeClass: z.string(),
  supplierId: z.string(),
  contractPeriod: z.number().int(),
  arrivalPeriod: z.number().int(),
  inServicePeriod: z.number().int(),
  retirePeriod: z.number().int(),
  costCents: z.number().int(),
  programId: z.string().optional(),
});

export const TerminalPeriodCapacityView = z.object({
  terminalId: z.string(),
  period: z.number().int(),
  /**
   * What capacity, demand and shortfall count: TEU for a terminal's cranes, units for a site's units of another kind
   * (stored plans without it are read back with it).
   */
  measure: z.enum(['teu', 'units']),
  cranesInService: z.number(),
  untrustedInService: z.number(),
  capacity: z.number(),
  demand: z.number(),
  shortfall: z.number(),
});

export const FiscalYearSpendView = z.object({
  programId: z.string(),
  fiscalYear: z.number().int(),
  federalCents: z.number(),
  localCents: z.number(),
  availableCents: z.number(),
});

const Infeasibility = z.object({
  reasons: list(
    z.object({
      kind: z.string(),
      message: z.string(),
      terminalId: z.string().optional(),
      period: z.number().optional(),
      fiscalYear: z.number().optional(),
      amount: z.number().optional(),
    }),
  ),
  relaxations: list(z.object({ kind: z.string(), message: z.string(), amount: z.number() })),
});

/** One plan of a run as a caller sees it: national figures are null (or empty) unless the caller sees all ports. */
export const PlanView = z.object({
  name: z.string(),
  method: z.enum(['milp', 'greedy', 'do-nothing', 'user']),
  status: z.enum(['optimal', 'feasible', 'infeasible', 'no-solution']),
  gap: z.number().nullable(),
  solveSeconds: z.number(),
  completionPeriod: z.number().int().nullable(),
  completionMonth: z.string().nullable(),
  totalCostCents: z.number().nullable(),
  riskByPeriod: list(z.number()).nullable(),
  spend: list(FiscalYearSpendView),
  /** Untrusted STS cranes in service per period (a site's units of other kinds are on its page). */
  untrustedByPeriod: list(z.number()),
  replacements: list(PlannedReplacementView),
  capacity: list(TerminalPeriodCapacityView),
  infeasibility: Infeasibility.nullable(),
});

const PlanRunFields = {
  id: z.string(),
  status: RunStatus,
  progress: z.number(),
  message: z.string().nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  params: PlanRunRequest,
};

/** `GET /api/dashboard/plans/{id}`: a national plan run, cut to the caller's terminals. */
/**
 * `periods` labels each plan period: YYYY-MM by month, the week's first day (YYYY-MM-DD) by week; `granularity` says
 * which (a run's completionMonth is the month its completion period starts in, either way).
 */
export const PlanRunView = z.object({
  ...PlanRunFields,
  granularity: z.enum(['month', 'week']),
  periods: list(z.string()),
  plans: list(PlanView),
});
export type PlanRunView = z.infer<typeof PlanRunView>;

export const PlanRunList = z.object({
  items: list(
    z.object({
      ...PlanRunFields,
      periodCount: z.number().int(),
      plans: list(
        z.object({ name: z.string(), method: PlanView.shape.method, status: PlanView.shape.status }),
      ),
    }),
  ),
});

// ---- findings

const ChainStepView = z.object({
  parentId: z.string(),
  childId: z.string(),
  control: z.string(),
  source: z.string(),
  percent: z.number().optional(),
});

const ReviewView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open') }),
  z.object({
    status: z.literal('accepted-risk'),
    reviewer: z.string(),
    justification: z.string(),
    at: z.string(),
  }),
  z.object({ status: z.literal('false-positive'), reviewer: z.string(), reason: z.string(), at: z.string() }),
]);

/** A screening finding with its evidence: the name forms that matched, the ownership chain, the designations. */
export const FindingView = z.object({
  id: z.string(),
  subject: z.object({
    kind: z.enum(['asset', 'component', 'software', 'supplier']),
    id: z.string(),
    name: z.string(),
    organisationId: z.string().optional(),
    assetId: z.string().optional(),
    facilityId: z.string().optional(),
    criticality: z.enum(['low', 'medium', 'high', 'critical']),
    category: z.string().optional(),
  }),
  entity: z.object({ organisationId: z.string(), name: z.string() }),
  basis: z.enum(['name', 'ownership', 'mac-vendor']),
  macEvidence: list(z.object({ mac: z.string(), prefix: z.string(), registeredTo: z.string() })).optional(),
  score: z.number(),
  explanation: z
    .object({
      kind: z.string(),
      queryForm: z.string(),
      candidateName: z.string(),
      candidateNameKind: z.string(),
      candidateForm: z.string(),
      alignments: list(
        z.object({
          query: z.string(),
          candidate: z.string(),
          kind: z.string(),
          edits: z.number(),
          similarity: z.number(),
        }),
      ),
      unmatchedQuery: list(z.string()),
      unmatchedCandidate: list(z.string()),
      legalForms: z.object({ query: list(z.string()), candidate: list(z.string()) }),
      identifier: z.object({ scheme: z.string(), value: z.string() }).optional(),
    })
    .nullable(),
  owners: list(
    z.object({
      organisationId: z.string(),
      name: z.string(),
      chain: list(ChainStepView),
      above: list(ChainStepView),
    }),
  ),
  designations: list(Designation),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  severityReasons: list(z.string()),
  review: ReviewView,
  listVersion: z.string(),
});

export const FindingList = z.object({ items: list(FindingView) });

/** Body of `POST /api/dashboard/findings/{id}/review`. */
export const FindingReviewRequest = z
  .object({
    status: z.enum(['open', 'accepted-risk', 'false-positive']),
    note: z.string().max(2000).default(''),
  })
  .strict();

// ---- overview and port pages

const CompletionQuantiles = z.object({
  p10: z.string().nullable(),
  p50: z.string().nullable(),
  p90: z.string().nullable(),
});

/** `GET /api/dashboard/overview`: national (or own-port) figures, the ports on the map, the current plan. */
export const DashboardOverview = z.object({
  year: z.number().int(),
  scope: z.enum(['all', 'facilities']),
  national: CapacityFigures.extend({ ports: z.number().int() }),
  ports: list(
    CapacityFigures.extend({
      portId: z.string(),
      name: z.string(),
      state: z.string(),
      lat: z.number(),
      lon: z.number(),
    }),
  ),
  /** The caller's facilities outside any port (emergency operations centers, government sites), with their assets. */
  sites: list(
    z.object({ facilityId: z.string(), name: z.string(), kind: z.string(), assets: z.number().int() }),
  ),
  plan: z
    .object({
      runId: z.string(),
      name: z.string(),
      periods: list(z.string()),
      riskByPeriod: list(z.number()).nullable(),
      untrustedByPeriod: list(z.number()),
      completionMonth: z.string().nullable(),
      budget: z.object({ usedCents: z.number(), availableCents: z.number() }).nullable(),
    })
    .nullable(),
  simulation: z
    .object({
      id: z.string(),
      scenario: z.string(),
      runs: z.number().int(),
      plan: z.string(),
      completionMonth: CompletionQuantiles,
      completedShare: Stat,
    })
    .nullable(),
});

/** The rows of the current plan that a page shows: a port's or a site's. */
const PagePlan = z
  .object({
    runId: z.string(),
    name: z.string(),
    periods: list(z.string()),
    replacements: list(PlannedReplacementView),
    capacity: list(TerminalPeriodCapacityView),
  })
  .nullable();

/**
 * `GET /api/dashboard/sites/{id}`: one facility (an emergency operations center, a government or port-authority site,
 * a terminal), its equipment, findings and the current plan's rows for it: its cranes, and each kind of its other
 * assets as a unit (`facility~kind`) whose floor is every unit in service, one per "TEU".
 */
export const DashboardSite = z.object({
  facility: Facility,
  assets: list(Asset),
  findings: list(FindingView),
  plan: PagePlan,
  /** The planning terminals of the plan's rows: the facility's cranes (kind null) and each kind of its other assets. */
  planned: list(z.object({ terminalId: z.string(), kind: z.string().nullable() })),
});

/** `GET /api/dashboard/ports/{id}`: one port's terminals, equipment, findings and current plan rows. */
export const DashboardPort = z.object({
  port: Port,
  summary: CapacityFigures.extend({ ports: z.number().int() }),
  facilities: list(Facility),
  assets: list(Asset),
  findings: list(FindingView),
  plan: PagePlan,
});

// ---- program tracking

const StepCounts = z.record(z.string(), z.number().int());

export const TrackStatusRow = z.object({
  terminalId: z.string(),
  counts: StepCounts,
  obligatedCents: z.number(),
  paidCents: z.number(),
});

/** `GET /api/tracking/status`: the caller's terminals; the total only when every terminal of the scope is theirs. */
export const TrackStatusView = z.object({ rows: list(TrackStatusRow), total: TrackStatusRow.nullable() });

export const BaselineList = z.object({
  items: list(
    z.object({ name: z.string(), approvedAt: z.string(), approvedBy: z.string(), note: z.string() }),
  ),
});

/** `POST /api/tracking/steps` (201): the step as recorded. */
export const TrackStepRecord = z.object({
  seq: z.number().int(),
  craneId: z.string(),
  event: z.string(),
  date: z.string(),
  amountCents: z.number().int().optional(),
  supplierId: z.string().optional(),
  evidence: z.string().optional(),
  note: z.string().optional(),
  correction: z.object({ reason: z.string() }).optional(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** `GET /api/dashboard/program`: tracking against the latest baseline (only `baseline: null` and a message before one). */
export const ProgramView = z.object({
  baseline: z.object({ name: z.string(), approvedAt: z.string().nullable() }).nullable(),
  message: z.string().nullable(),
  asOf: z.string().optional(),
  scope: z.string().optional(),
  steps: list(z.enum(LIFECYCLE_STEPS)),
  ports: list(z.object({ id: z.string(), name: z.string() })),
  board: z
    .object({
      total: StepCounts.nullable(),
      byPort: list(
        z.object({ portId: z.string(), name: z.string(), terminals: z.number().int(), counts: StepCounts }),
      ),
      byTerminal: list(TrackStatusRow.extend({ name: z.string() })),
    })
    .optional(),
  slippage: z
    .array(
      z.object({
        terminalId: z.string(),
        name: z.string(),
        baselineCompletion: z.string().nullable(),
        currentCompletion: z.string().nullable(),
        slipPeriods: z.number().nullable(),
        late: z.number(),
        early: z.number(),
        /** Cranes whose supplier forecasts a delivery later than the baseline arrival (not delivered yet). */
        forecastLate: z.number(),
      }),
    )
    .optional(),
  /** Per crane of the scope: in-service slip, and delivery slip as recorded apart from the supplier's forecast. */
  cranes: list(
    z.object({
      craneId: z.string(),
      terminalId: z.string(),
      step: z.enum(LIFECYCLE_STEPS),
      /** The supplier of the current plan (recorded for a contracted crane); null when not replaced. */
      supplier: z.string().nullable(),
      baselineInService: z.string().nullable(),
      currentInService: z.string().nullable(),
      source: z.enum(['recorded', 'forecast', 'replanned', 'not-replanned']),
      slipPeriods: z.number().nullable(),
      deliverySlipPeriods: z.number().nullable(),
      forecastSlipPeriods: z.number().nullable(),
    }),
  ).optional(),
  /** Suppliers' delivery forecasts in effect (contracted, not delivered) against the baseline arrival month. */
  forecasts: list(
    z.object({
      craneId: z.string(),
      terminalId: z.string(),
      supplier: z.string().nullable(),
      baselineArrival: z.string().nullable(),
      arrivalDate: z.string(),
      slipPeriods: z.number().nullable(),
      reason: z.string(),
      evidence: z.string().nullable(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ).optional(),
  spend: z
    .array(z.object({ fiscalYear: z.number().int(), baselineCents: z.number(), currentCents: z.number() }))
    .optional(),
  risk: z
    .object({ periods: list(z.string()), baseline: list(z.number()), current: list(z.number()) })
    .optional(),
  missedMilestones: z.number().int().optional(),
});
export type ProgramView = z.infer<typeof ProgramView>;

// ---- simulations

const SummaryView = z.object({ mean: Stat, p10: Stat, p50: Stat, p90: Stat, min: Stat, max: Stat });
const FanView = z.object({
  p10: list(Stat),
  p50: list(Stat),
  p90: list(Stat),
  mean: list(Stat),
});
const PairedDifferenceView = z.object({
  meanDifference: Stat,
  standardError: Stat,
  ci95: list(Stat),
  shareLower: Stat,
  shareEqual: Stat,
  shareHigher: Stat,
});

/** The request of a stored simulation, its scenario by name ('(inline)' for a scenario object without one). */
const SimulationRequestView = z.object({
  scenario: z.string(),
  runs: z.number().int(),
  seed: z.number().int(),
  plans: list(SimulationPlanName),
  startMonth: z.string(),
  years: z.number().int(),
  policy: z.enum(['frozen', 'replan']),
  timeLimitSeconds: z.number(),
  /** 'heuristic' for simulations stored before the choice existed. */
  replanSolver: ReplanSolver,
  replanTimeSeconds: z.number(),
});

const SimulationFields = {
  id: z.string(),
  status: RunStatus,
  progress: z.number(),
  message: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  request: SimulationRequestView,
};

/** `GET /api/simulations/{id}`: national parts (fan, national measures, comparisons) only for all-ports callers. */
export const SimulationView = z.object({
  ...SimulationFields,
  error: z.string().nullable(),
  scenario: z.object({ name: z.string(), description: z.string() }).nullable(),
  planNotes: list(z.string()),
  scope: z.enum(['all', 'facilities']),
  report: z
    .object({
      scenario: z.string(),
      policy: z.enum(['frozen', 'replan']),
      seed: z.number().int(),
      runs: z.number().int(),
      startMonth: z.string(),
      granularity: z.enum(['month', 'week']),
      periods: z.number().int(),
      periodMonths: list(z.string()),
      replans: z.number(),
      /** The re-planner that ran at the shocks (null under the frozen policy); time limit per re-plan for 'milp'. */
      replanner: z.object({ name: ReplanSolver, timeLimitSeconds: z.number().nullable() }).nullable(),
      /** 'milp' re-plans stopped by the solver's wall-clock guard: those runs may not repeat exactly. */
      clockBoundReplans: z.number().int(),
      plans: list(
        z.object({
          plan: z.string(),
          completionMonth: CompletionQuantiles,
          completedShare: Stat,
          fan: z.object({ shortfallTeu: FanView, riskRemaining: FanView }).nullable(),
          national: z.record(z.string(), SummaryView).nullable(),
          terminals: list(
            z.object({
              terminalId: z.string(),
              name: z.string(),
              teuLost: SummaryView,
              weeksBelowDemand: SummaryView,
              worstRun: z.number().int(),
            }),
          ),
          worstTerminals: list(z.object({ terminalId: z.string(), p90TeuLost: Stat, maxTeuLost: Stat })),
        }),
      ),
      comparisons: list(
        z.object({
          plan: z.string(),
          baseline: z.string(),
          measures: z.record(z.string(), PairedDifferenceView),
        }),
      ),
    })
    .nullable(),
});
export type SimulationView = z.infer<typeof SimulationView>;

export const SimulationList = z.object({ items: list(z.object(SimulationFields)) });
