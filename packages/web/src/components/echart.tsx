import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([
  BarChart,
  LineChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  DataZoomComponent,
  SVGRenderer,
]);

/** Colour-blind-safe palette (Okabe–Ito), each readable on white. */
export const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export function Chart(props: { option: EChartsOption; height?: number; label: string; testId?: string }) {
  return (
    <figure className="chart" role="img" aria-label={props.label} data-testid={props.testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: palette, animation: false, textStyle: { fontFamily: 'inherit' }, ...props.option }}
        opts={{ renderer: 'svg' }}
        notMerge
        style={{ height: props.height ?? 280, width: '100%' }}
      />
    </figure>
  );
}
