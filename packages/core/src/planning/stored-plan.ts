import type { Plan, TerminalPeriodCapacity } from './plan.js';
import { measureOfPlanningTerminal } from './problem.js';

/** A capacity row as plans stored before its amounts were named for the row's measure; the oldest lack `measure`. */
export interface LegacyTerminalPeriodCapacity {
  readonly terminalId: string;
  readonly period: number;
  readonly measure?: 'teu' | 'units';
  readonly cranesInService: number;
  readonly untrustedInService: number;
  readonly capacityTeu: number;
  readonly demandTeu: number;
  readonly shortfallTeu: number;
}

/** A plan as stored JSON gives it back: job results, tracking baselines and plan files may predate the renamed rows. */
export type StoredPlan = Omit<Plan, 'capacity'> & {
  readonly capacity: readonly (TerminalPeriodCapacity | LegacyTerminalPeriodCapacity)[];
};

const isLegacy = (
  row: TerminalPeriodCapacity | LegacyTerminalPeriodCapacity,
): row is LegacyTerminalPeriodCapacity => 'capacityTeu' in row && !('capacity' in row);

/**
 * The plan with its legacy capacity rows in today's shape: `capacityTeu`, `demandTeu` and `shortfallTeu` become
 * `capacity`, `demand` and `shortfall`, and a row without `measure` gets its terminal's.
 * A plan with no legacy row is returned as it is; the input is never changed.
 */
export function upgradeStoredPlan(plan: StoredPlan): Plan {
  // Plan files are only checked for their replacements: one without capacity rows stays as it was.
  if (!Array.isArray(plan.capacity) || !plan.capacity.some(isLegacy)) return plan as Plan;
  return {
    ...plan,
    capacity: plan.capacity.map((row): TerminalPeriodCapacity => {
      if (!isLegacy(row)) return row;
      const { capacityTeu, demandTeu, shortfallTeu, measure, ...rest } = row;
      return {
        ...rest,
        measure: measure ?? measureOfPlanningTerminal(row.terminalId),
        capacity: capacityTeu,
        demand: demandTeu,
        shortfall: shortfallTeu,
      };
    }),
  };
}
