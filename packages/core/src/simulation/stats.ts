/** Summary of a sample: mean and the P10 / P50 / P90 quantiles (linear interpolation, "type 7"), min, max. */
export interface Summary {
  readonly mean: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/** Quantile q in [0, 1] of an ascending-sorted sample, interpolating between order statistics. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(Math.max(q, 0), 1);
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, n - 1)]!;
  return a + (h - lo) * (b - a);
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length === 0 ? Number.NaN : s / xs.length;
}

export function summarise(xs: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(xs).sort();
  return {
    mean: mean(xs),
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    min: sorted.length > 0 ? sorted[0]! : Number.NaN,
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

const T975 = [Number.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/** Two-sided 95% critical value of Student's t with `df` degrees of freedom. */
export function tCritical95(df: number): number {
  if (df < 1) return Number.NaN;
  if (df < T975.length) return T975[df]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean of the paired differences a[i] - b[i] with a 95% confidence interval (t interval). */
export interface PairedDifference {
  readonly meanDifference: number;
  readonly standardError: number;
  readonly ci95: readonly [number, number];
  /** Share of runs where a < b, a == b, a > b. */
  readonly shareLower: number;
  readonly shareEqual: number;
  readonly shareHigher: number;
}

export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  let lower = 0;
  let equal = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    sum += d;
    if (d < 0) lower++;
    else if (d === 0) equal++;
  }
  const m = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i]! - b[i]! - m) ** 2;
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Number.NaN;
  const half = n > 1 ? tCritical95(n - 1) * se : Number.NaN;
  return {
    meanDifference: m,
    standardError: se,
    ci95: [m - half, m + half],
    shareLower: n > 0 ? lower / n : Number.NaN,
    shareEqual: n > 0 ? equal / n : Number.NaN,
    shareHigher: n > 0 ? (n - lower - equal) / n : Number.NaN,
  };
}
