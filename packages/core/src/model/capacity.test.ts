import { describe, expect, it } from 'vitest';
import { aCapacity } from '../testing/builders.js';
import { demandTeuInMonth, teuPerCraneMonth } from './capacity.js';
import { fiscalYearOf } from './funding.js';
import { TerminalCapacity } from './capacity.js';

describe('terminal capacity', () => {
  it('computes monthly TEU per crane from productivity, TEU factor, hours and utilisation', () => {
    const c = aCapacity('t1', {
      movesPerCraneHour: 30,
      teuPerMove: 1.5,
      operatingHoursPerMonth: 500,
      maxUtilisation: 0.6,
    });
    expect(teuPerCraneMonth(c)).toBeCloseTo(13_500);
  });

  it('grows demand from the base year and applies seasonality', () => {
    const seasonality = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05];
    const c = aCapacity('t1', {
      demandTeuPerYear: 1_200_000,
      baseYear: 2026,
      growthPerYear: 0.1,
      seasonality,
    });
    expect(demandTeuInMonth(c, 2026, 0)).toBeCloseTo(120_000);
    expect(demandTeuInMonth(c, 2028, 11)).toBeCloseTo(1_200_000 * 1.21 * 0.05);
  });

  it('rejects seasonality that does not sum to one, naming the field', () => {
    const r = TerminalCapacity.safeParse({ ...aCapacity('t1'), seasonality: Array(12).fill(0.5) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['seasonality']);
  });
});

describe('fiscal year', () => {
  it('puts October to December in the next federal fiscal year', () => {
    expect(fiscalYearOf(2026, 8)).toBe(2026);
    expect(fiscalYearOf(2026, 9)).toBe(2027);
  });
});
