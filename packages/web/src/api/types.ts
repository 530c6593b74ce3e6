// Wire shapes of /api/dashboard/* (packages/backend/src/http/routes/dashboard.ts). Domain types come from core.
import type {
  Asset,
  Facility,
  Finding,
  FiscalYearSpend,
  PlannedReplacement,
  Port,
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
  readonly simulation: null;
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
