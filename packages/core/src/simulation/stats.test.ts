import { describe, expect, it } from 'vitest';
import { Scenario, parseScenario } from './scenario.js';
import { runStream, triangular } from './rng.js';
import { pairedDifference, quantileSorted, summarise, tCritical95 } from './stats.js';

describe('quantiles and summaries', () => {
  it('interpolates between order statistics (type 7)', () => {
    const xs = [1, 2, 3, 4, 5];
    expect(quantileSorted(xs, 0)).toBe(1);
    expect(quantileSorted(xs, 0.5)).toBe(3);
    expect(quantileSorted(xs, 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileSorted(xs, 0.9)).toBeCloseTo(4.6, 12);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });

  it('summarises unsorted input', () => {
    const s = summarise([10, 0, 30, 20, 40, 50, 60, 70, 80, 90, 100]);
    expect(s).toEqual({ mean: 50, p10: 10, p50: 50, p90: 90, min: 0, max: 100 });
  });

  it('gives Student t critical values', () => {
    expect(tCritical95(1)).toBeCloseTo(12.706, 3);
    expect(tCritical95(30)).toBeCloseTo(2.042, 2);
    expect(tCritical95(1e6)).toBeCloseTo(1.96, 3);
  });

  it('paired difference: a constant shift has a zero-width interval', () => {
    const d = pairedDifference([3, 4, 5, 6], [1, 2, 3, 4]);
    expect(d.meanDifference).toBe(2);
    expect(d.ci95).toEqual([2, 2]);
    expect(d.shareHigher).toBe(1);
  });

  it('paired difference: interval from the differences’ standard error', () => {
    const d = pairedDifference([1, 3, 2, 6], [0, 0, 0, 0]);
    // mean 3, sd of differences sqrt(14/3), se = sqrt(14/3)/2, t(3) = 3.182
    const half = 3.182 * (Math.sqrt(14 / 3) / 2);
    expect(d.ci95[0]).toBeCloseTo(3 - half, 3);
    expect(d.ci95[1]).toBeCloseTo(3 + half, 3);
  });
});

describe('random streams and draws', () => {
  it('triangular draws stay within [min, max] and have the triangular mean', () => {
    const rng = runStream(1, 2);
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = triangular(rng.next(), 18, 20, 28);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      sum += x;
    }
    expect(lo).toBeGreaterThanOrEqual(18);
    expect(hi).toBeLessThanOrEqual(28);
    expect(sum / n).toBeCloseTo((18 + 20 + 28) / 3, 1);
  });

  it('streams of neighbouring runs and seeds differ', () => {
    const first = (seed: number, run: number) => runStream(seed, run).next();
    const values = new Set([first(1, 0), first(1, 1), first(2, 0), first(0, 1), first(0, 0)]);
    expect(values.size).toBe(5);
    expect(first(1, 5)).toBe(first(1, 5));
  });
});

describe('scenario files', () => {
  it('rejects a bad scenario with the field path', () => {
    const r = parseScenario(
      { name: 'Bad Name', description: 'x', demandGrowth: { min: 0.1, mode: 0, max: 0.2 } },
      'my.json',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path.join('.'))).toEqual(
        expect.arrayContaining(['my.json.name', 'my.json.demandGrowth']),
      );
    }
  });

  it('requires exactly one of fiscalYear and planYear on a funding shock', () => {
    const r = Scenario.safeParse({ name: 'x', description: 'x', fundingShocks: [{ share: 0.2 }] });
    expect(r.success).toBe(false);
  });
});
