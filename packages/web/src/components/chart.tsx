import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';

/** Same stack as styles.css: ECharts measures text on a canvas, which cannot resolve 'inherit'. */
export const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', 'WenQuanYi Zen Hei', sans-serif";

/** Plan periods are labelled YYYY-MM (months) or YYYY-MM-DD (weeks, by their first day). */
export const periodsPerYear = (periods: readonly string[]): number => (periods[0]?.length === 10 ? 52 : 12);

/** Indices of the first period of each year (the first period included). */
export const yearStarts = (periods: readonly string[]): number[] =>
  periods.flatMap((p, i) => (i === 0 || p.slice(0, 4) !== periods[i - 1]?.slice(0, 4) ? [i] : []));

/**
 * A category axis of period labels. Over two years only the first period of each year is labelled, with its year;
 * otherwise every label shows in full.
 */
export const periodAxis = (periods: readonly string[]) => {
  const byYear = periods.length > 2 * periodsPerYear(periods);
  const starts = new Set(yearStarts(periods));
  return {
    type: 'category' as const,
    data: [...periods],
    axisLabel: {
      interval: byYear ? (i: number) => starts.has(i) : 0,
      formatter: (v: string) => (byYear ? v.slice(0, 4) : v),
    },
  };
};

/** Colour-blind-safe palette (Okabe–Ito), each readable on white. */
/** Per period of `periods`, the sum of `value` over the rows of that period (0 where there is none). */
export function sumByPeriod<R extends { readonly period: number }>(
  rows: readonly R[],
  periods: number,
  value: (row: R) => number,
): number[] {
  const out = Array.from({ length: periods }, () => 0);
  for (const r of rows) out[r.period] = (out[r.period] ?? 0) + value(r);
  return out;
}

export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface ChartProps {
  readonly option: EChartsOption;
  readonly height?: number;
  readonly label: string;
  readonly testId?: string;
}

const EChart = lazy(() => import('./echart.js'));

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div className="chart" style={{ height: props.height ?? 280 }} aria-busy="true" />}>
      <EChart {...props} />
    </Suspense>
  );
}
