import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';

/** Same stack as styles.css: ECharts measures text on a canvas, which cannot resolve 'inherit'. */
export const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', 'WenQuanYi Zen Hei', sans-serif";

/** A category axis of month labels (YYYY-MM) that labels one month in twelve. */
export const periodAxis = (periods: readonly string[]) => ({
  type: 'category' as const,
  data: [...periods],
  axisLabel: {
    interval: periods.length > 24 ? 11 : 0,
    formatter: (v: string) => (periods.length > 24 ? v.slice(0, 4) : v),
  },
});

/** Colour-blind-safe palette (Okabe–Ito), each readable on white. */
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
