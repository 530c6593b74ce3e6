import { fiscalYearOf } from '../model/funding.js';
import type { PeriodInfo } from './problem.js';

/**
 * The planning calendar. Period p starts at `periodStartDate(p)` and ends where period p+1 starts.
 * Monthly periods are calendar months from `startMonth`; weekly periods are 7-day blocks from the
 * first day of `startMonth`. A period's year, month and fiscal year are those of its first day.
 */
export type Granularity = 'month' | 'week';

export const DAY_MS = 86_400_000;
/** Months per period conversion factor for weekly planning. */
export const WEEKS_PER_MONTH = 52 / 12;

export function parseMonth(startMonth: string): { year: number; month0: number } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(startMonth);
  if (!m) return null;
  return { year: Number(m[1]), month0: Number(m[2]) - 1 };
}

function requireMonth(startMonth: string): { year: number; month0: number } {
  const m = parseMonth(startMonth);
  if (!m) throw new Error(`calendar: expected a month as YYYY-MM, got '${startMonth}'`);
  return m;
}

/** Number of periods in a horizon of `years` years. */
export function periodsInYears(years: number, granularity: Granularity): number {
  return granularity === 'month' ? Math.round(years * 12) : Math.round(years * 52);
}

/** Periods per quarter: the unit of supplier capacity (3 months, or 13 weeks). */
export function periodsPerQuarter(granularity: Granularity): number {
  return granularity === 'month' ? 3 : 13;
}

/** Quarter index (0-based from the start of the horizon) of a period. */
export function quarterOf(period: number, granularity: Granularity): number {
  return Math.floor(period / periodsPerQuarter(granularity));
}

/** A duration in months (e.g. a lead time) as whole periods, rounded up so the plan is never optimistic. */
export function monthsToPeriods(months: number, granularity: Granularity): number {
  const raw = granularity === 'month' ? months : months * WEEKS_PER_MONTH;
  return Math.max(0, Math.ceil(raw - 1e-9));
}

/** UTC date (ms) at which period `index` starts. */
export function periodStartDate(startMonth: string, granularity: Granularity, index: number): Date {
  const { year, month0 } = requireMonth(startMonth);
  if (granularity === 'month') return new Date(Date.UTC(year, month0 + index, 1));
  return new Date(Date.UTC(year, month0, 1) + index * 7 * DAY_MS);
}

export function buildCalendar(startMonth: string, granularity: Granularity, periods: number): PeriodInfo[] {
  const out: PeriodInfo[] = [];
  for (let index = 0; index < periods; index++) {
    const d = periodStartDate(startMonth, granularity, index);
    const year = d.getUTCFullYear();
    const month0 = d.getUTCMonth();
    out.push({ index, year, month0, fiscalYear: fiscalYearOf(year, month0) });
  }
  return out;
}

/** YYYY-MM of the month a period starts in. */
export function periodMonthLabel(startMonth: string, granularity: Granularity, index: number): string {
  const d = periodStartDate(startMonth, granularity, index);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** YYYY-MM-DD of the first day of a period. */
export function periodDateLabel(startMonth: string, granularity: Granularity, index: number): string {
  return periodStartDate(startMonth, granularity, index).toISOString().slice(0, 10);
}

/**
 * The last period whose first day falls in or before month `month` (YYYY-MM), i.e. the period index a
 * deadline "by the end of month" maps to; -1 if the month is before the horizon.
 */
export function lastPeriodStartingBy(startMonth: string, granularity: Granularity, month: string): number {
  const s = requireMonth(startMonth);
  const m = requireMonth(month);
  const monthsAfter = (m.year - s.year) * 12 + (m.month0 - s.month0);
  if (granularity === 'month') return monthsAfter;
  const endExclusive = Date.UTC(m.year, m.month0 + 1, 1);
  const start = Date.UTC(s.year, s.month0, 1);
  return Math.ceil((endExclusive - start) / (7 * DAY_MS)) - 1;
}

/** The first period starting on or after the first day of `month` (YYYY-MM); may be negative or >= periods. */
export function firstPeriodStartingFrom(startMonth: string, granularity: Granularity, month: string): number {
  const s = requireMonth(startMonth);
  const m = requireMonth(month);
  if (granularity === 'month') return (m.year - s.year) * 12 + (m.month0 - s.month0);
  return Math.ceil((Date.UTC(m.year, m.month0, 1) - Date.UTC(s.year, s.month0, 1)) / (7 * DAY_MS));
}

/** Fiscal years covered by a calendar, in order. */
export function fiscalYearsOf(calendar: readonly PeriodInfo[]): number[] {
  const out: number[] = [];
  for (const p of calendar) if (out[out.length - 1] !== p.fiscalYear) out.push(p.fiscalYear);
  return out;
}

/**
 * The default first month of a planning horizon: the start of the next calendar quarter after `now`
 * (January, April, July or October), so that quarters line up with federal fiscal-year quarters and the
 * planner's quarter-based bounds apply.
 */
export function nextQuarterStart(now: Date): string {
  const month0 = now.getUTCMonth() + 3 - (now.getUTCMonth() % 3);
  const d = new Date(Date.UTC(now.getUTCFullYear(), month0, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
