import { z } from 'zod';
import { FacilityId } from './ids.js';
import { ProvenanceMap } from './provenance.js';

/**
 * What a container terminal can handle and must handle. Monthly handling capacity is
 * cranes in service × movesPerCraneHour × teuPerMove × operatingHoursPerMonth × maxUtilisation.
 */
export const TerminalCapacity = z.object({
  facilityId: FacilityId,
  berths: z.number().int().positive(),
  movesPerCraneHour: z.number().positive().max(100),
  operatingHoursPerMonth: z.number().positive().max(744),
  teuPerMove: z.number().min(1).max(2),
  maxUtilisation: z.number().gt(0).max(1),
  /** Forecast demand in the base year. */
  demandTeuPerYear: z.number().nonnegative(),
  baseYear: z.number().int().min(2000).max(2100),
  /** Share of the year's demand in each calendar month (Jan..Dec); sums to 1. */
  seasonality: z
    .array(z.number().nonnegative())
    .length(12)
    .refine((s) => Math.abs(s.reduce((a, b) => a + b, 0) - 1) < 1e-6, {
      message: 'expected 12 shares summing to 1',
    })
    .readonly(),
  /** Yearly demand growth, e.g. 0.02 for 2%/year. */
  growthPerYear: z.number().min(-0.5).max(0.5),
  minCranesInService: z.number().int().nonnegative(),
  /** How many STS cranes the quay rails can hold at once (old + new). */
  railSlots: z.number().int().positive(),
  provenance: ProvenanceMap.default({}),
});
export type TerminalCapacity = Readonly<z.infer<typeof TerminalCapacity>>;

/** TEU one crane can handle in a month under the planning utilisation. */
export function teuPerCraneMonth(
  c: Pick<TerminalCapacity, 'movesPerCraneHour' | 'teuPerMove' | 'operatingHoursPerMonth' | 'maxUtilisation'>,
): number {
  return c.movesPerCraneHour * c.teuPerMove * c.operatingHoursPerMonth * c.maxUtilisation;
}

/** Forecast demand (TEU) in calendar year `year`, month `month0` (0 = January). */
export function demandTeuInMonth(c: TerminalCapacity, year: number, month0: number): number {
  const yearly = c.demandTeuPerYear * Math.pow(1 + c.growthPerYear, year - c.baseYear);
  return yearly * (c.seasonality[month0] ?? 1 / 12);
}

export const flatSeasonality: readonly number[] = Array.from({ length: 12 }, () => 1 / 12);
