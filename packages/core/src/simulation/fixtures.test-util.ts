import type { PlannedReplacement } from '../planning/plan.js';
import type { PeriodInfo, PlanningProblem, PlanningSupplier, PlanningTerminal } from '../planning/problem.js';
import { Scenario, type ScenarioInput } from './scenario.js';

/** A monthly calendar from `startMonth`; the federal fiscal year starts in October. */
export function calendar(startMonth: string, periods: number): PeriodInfo[] {
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  return Array.from({ length: periods }, (_, index) => {
    const k = y * 12 + (m - 1) + index;
    const year = Math.floor(k / 12);
    const month0 = k % 12;
    return { index, year, month0, fiscalYear: month0 >= 9 ? year + 1 : year };
  });
}

export function aPlanningTerminal(
  over: Partial<PlanningTerminal> & { id: string; cranes: number; periods: number },
): PlanningTerminal {
  const { cranes, periods, ...rest } = over;
  return {
    name: over.id,
    region: 'west',
    teuPerCranePeriod: 1000,
    demand: new Array<number>(periods).fill(800),
    railSlots: 10,
    minCranesInService: 0,
    trustedCranes: 0,
    groups: [
      {
        sizeClass: 'super-post-panamax',
        craneIds: Array.from({ length: cranes }, (_, i) => `${over.id}-c${i + 1}`),
        riskPerCranePeriod: 1,
      },
    ],
    blackoutPeriods: [],
    fundingProgramIds: ['prog'],
    ...rest,
  };
}

export function aPlanningSupplier(over: Partial<PlanningSupplier> = {}): PlanningSupplier {
  return {
    id: 'sup-a',
    name: 'Supplier A',
    trusted: true,
    leadTimePeriods: 12,
    deliveryMode: 'fully-erected',
    commissioningPeriods: 2,
    offers: [{ sizeClass: 'super-post-panamax', unitCostCents: 1_000_000_000, capacityPerQuarter: 4 }],
    earliestContractPeriod: 0,
    ...over,
  };
}

export function aProblem(over: Partial<PlanningProblem> & { periods?: number } = {}): PlanningProblem {
  const periods = over.periods ?? 24;
  return {
    startMonth: '2026-01',
    granularity: 'month',
    periods,
    calendar: calendar(over.startMonth ?? '2026-01', periods),
    terminals: [aPlanningTerminal({ id: 't1', cranes: 1, periods })],
    suppliers: [aPlanningSupplier()],
    budgets: [],
    crewRegions: [],
    options: { timeLimitSeconds: 10, mipGap: 0.005, softFloor: true, shortfallPenaltyPerTeu: 1 },
    ...over,
  };
}

export function aReplacement(over: Partial<PlannedReplacement> & { craneId: string }): PlannedReplacement {
  return {
    terminalId: 't1',
    sizeClass: 'super-post-panamax',
    supplierId: 'sup-a',
    contractPeriod: 0,
    arrivalPeriod: 12,
    inServicePeriod: 14,
    retirePeriod: 14,
    costCents: 1_000_000_000,
    ...over,
  };
}

export const scenario = (over: Partial<ScenarioInput> = {}): Scenario =>
  Scenario.parse({ name: 'test', description: 'test scenario', ...over });
