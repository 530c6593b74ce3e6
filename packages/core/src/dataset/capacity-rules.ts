import type { Region } from './port-table.js';

/** The planning constants of the bundled dataset; each is cited or stated in `capacityProvenance`. */
export const CAPACITY_RULES = {
  baseYear: 2026,
  /** Last calendar year of the FY2027–FY2036 program. */
  horizonEndYear: 2036,
  growthPerYear: 0.02,
  teuPerMove: 1.6,
  /** Two 8-hour shifts a day, 365/12 days a month. */
  operatingHoursPerMonth: Math.round((16 * 365) / 12),
  movesPerCraneHour: { west: 26, gulf: 28, east: 28 } as Readonly<Record<Region, number>>,
  /** Base-year peak-month demand may use at most this share of the full fleet's capacity. */
  demandCapShare: 0.85,
  /** Demand assumed where neither the terminal nor its port has a sourced TEU figure. */
  noDataDemandShare: 0.5,
  cranesPerBerth: 3.5,
  spareRailSlots: 2,
} as const;

/** U.S. container seasonality, January..December, peak August–October (ESTIMATE). */
export const SEASONALITY: readonly number[] = [80, 73, 79, 81, 85, 84, 88, 91, 87, 88, 83, 81].map(
  (x) => x / 1000,
);
export const PEAK_MONTH_SHARE = Math.max(...SEASONALITY);

/** Berths: cranes / 3.5 rounded, at least one (no berth counts in the sources). */
export const estimatedBerths = (cranes: number): number =>
  Math.max(1, Math.round(cranes / CAPACITY_RULES.cranesPerBerth));

/** Planning berth utilisation by number of berths (port capacity study queuing table, 10% waiting/service ratio). */
export function utilisationForBerths(berths: number): number {
  if (berths <= 2) return 0.45;
  if (berths === 3) return 0.6;
  if (berths === 4) return 0.65;
  if (berths === 5) return 0.7;
  return 0.75;
}

/** Cranes' worth of capacity the base-year peak month may use: 85% of the fleet, and with 3+ cranes also one crane out. */
export function usableCranes(cranes: number): number {
  const margin = CAPACITY_RULES.demandCapShare * cranes;
  return cranes >= 3 ? Math.min(margin, cranes - 1) : margin;
}

export const horizonGrowth = (): number =>
  Math.pow(1 + CAPACITY_RULES.growthPerYear, CAPACITY_RULES.horizonEndYear - CAPACITY_RULES.baseYear);

/**
 * Largest base-year yearly demand such that the base-year peak month fits `usableCranes` and the peak month of
 * the horizon end (after growth) still fits the full fleet.
 */
export function maxBaseDemand(cranes: number, teuPerCraneMonth: number): number {
  const cranesWorth = Math.min(usableCranes(cranes), cranes / horizonGrowth());
  return Math.floor((cranesWorth * teuPerCraneMonth) / PEAK_MONTH_SHARE);
}
