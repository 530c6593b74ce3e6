import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  firstPeriodStartingFrom,
  fiscalYearsOf,
  lastPeriodStartingBy,
  monthsToPeriods,
  nextQuarterStart,
  periodDateLabel,
  periodMonthLabel,
  periodsInYears,
  quarterOf,
} from './calendar.js';

describe('calendar', () => {
  it('numbers monthly periods from the start month with federal fiscal years (Oct-Sep)', () => {
    const cal = buildCalendar('2026-08', 'month', 6);
    expect(cal.map((p) => [p.year, p.month0, p.fiscalYear])).toEqual([
      [2026, 7, 2026],
      [2026, 8, 2026],
      [2026, 9, 2027],
      [2026, 10, 2027],
      [2026, 11, 2027],
      [2027, 0, 2027],
    ]);
    expect(fiscalYearsOf(cal)).toEqual([2026, 2027]);
  });

  it('starts weekly periods on the first of the month, 7 days apart', () => {
    const cal = buildCalendar('2027-09', 'week', 6);
    expect([0, 4, 5].map((i) => periodDateLabel('2027-09', 'week', i))).toEqual([
      '2027-09-01',
      '2027-09-29',
      '2027-10-06',
    ]);
    expect(cal[4]!.fiscalYear).toBe(2027);
    expect(cal[5]!.fiscalYear).toBe(2028);
    expect(periodMonthLabel('2027-09', 'week', 5)).toBe('2027-10');
  });

  it('converts horizons and durations to periods, rounding durations up', () => {
    expect(periodsInYears(10, 'month')).toBe(120);
    expect(periodsInYears(10, 'week')).toBe(520);
    expect(monthsToPeriods(24, 'month')).toBe(24);
    expect(monthsToPeriods(2.5, 'month')).toBe(3);
    expect(monthsToPeriods(3, 'week')).toBe(13);
    expect(monthsToPeriods(0, 'week')).toBe(0);
  });

  it('maps quarters and deadline months to periods', () => {
    expect([0, 2, 3, 12].map((p) => quarterOf(p, 'month'))).toEqual([0, 0, 1, 4]);
    expect([12, 13].map((p) => quarterOf(p, 'week'))).toEqual([0, 1]);
    expect(lastPeriodStartingBy('2027-01', 'month', '2028-12')).toBe(23);
    expect(lastPeriodStartingBy('2027-01', 'month', '2026-12')).toBe(-1);
    // Weeks starting 2027-01-01 .. 2027-01-29 are in January: 5 of them.
    expect(lastPeriodStartingBy('2027-01', 'week', '2027-01')).toBe(4);
    expect(firstPeriodStartingFrom('2027-01', 'week', '2027-02')).toBe(5);
    expect(firstPeriodStartingFrom('2027-01', 'month', '2027-04')).toBe(3);
  });
});

describe('nextQuarterStart', () => {
  it('is the first month of the next calendar quarter', () => {
    expect(nextQuarterStart(new Date('2026-11-26T10:00:00Z'))).toBe('2027-01');
    expect(nextQuarterStart(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01');
    expect(nextQuarterStart(new Date('2027-01-01T00:00:00Z'))).toBe('2027-04');
    expect(nextQuarterStart(new Date('2027-06-15T00:00:00Z'))).toBe('2027-07');
  });
});
