import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { FONT, palette, type ChartProps } from './chart.js';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** Loaded on demand (chart.tsx) so that the map and headline do not wait for ECharts. */
export default function EChart(props: ChartProps) {
  return (
    <figure className="chart" role="img" aria-label={props.label} data-testid={props.testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: palette, animation: false, textStyle: { fontFamily: FONT }, ...props.option }}
        opts={{ renderer: 'svg' }}
        notMerge
        style={{ height: props.height ?? 280, width: '100%' }}
      />
    </figure>
  );
}
