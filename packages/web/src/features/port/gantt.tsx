import type { PlannedReplacementView as PlannedReplacement } from '../../api/types.js';
import { Chart, periodsPerYear, yearStarts } from '../../components/chart.js';

/** Replacement Gantt: one row per crane, procurement (contract→arrival) then installation (arrival→in service). */
export function Gantt(props: { replacements: readonly PlannedReplacement[]; periods: readonly string[] }) {
  const rows = [...props.replacements].sort(
    (a, b) => b.contractPeriod - a.contractPeriod || b.craneId.localeCompare(a.craneId),
  );
  const label = (i: number) => props.periods[i] ?? '';
  const byYear = props.periods.length > 2 * periodsPerYear(props.periods);
  return (
    <Chart
      label={`Replacement schedule for ${rows.length} cranes`}
      testId="gantt"
      height={Math.max(160, 60 + rows.length * 22)}
      option={{
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params: unknown) => {
            const first = (params as { dataIndex: number }[])[0];
            const r = first ? rows[first.dataIndex] : undefined;
            return r
              ? `<b>${r.craneId}</b><br/>contract ${label(r.contractPeriod)}<br/>arrival ${label(r.arrivalPeriod)}<br/>in service ${label(r.inServicePeriod)}<br/>old crane retired ${label(r.retirePeriod)}<br/>${r.supplierId}`
              : '';
          },
        },
        legend: { top: 0, data: ['procurement', 'installation'] },
        grid: { left: 200, right: 20, top: 30, bottom: 30 },
        xAxis: {
          type: 'value',
          min: 0,
          max: props.periods.length,
          interval: byYear ? periodsPerYear(props.periods) : 1,
          axisTick: byYear ? { customValues: yearStarts(props.periods) } : {},
          axisLabel: {
            ...(byYear ? { customValues: yearStarts(props.periods) } : {}),
            formatter: (v: number) => (byYear ? label(v).slice(0, 4) : label(v)),
          },
        },
        yAxis: { type: 'category', data: rows.map((r) => r.craneId), axisLabel: { fontSize: 11 } },
        series: [
          {
            name: 'offset',
            type: 'bar',
            stack: 'g',
            itemStyle: { color: 'transparent' },
            data: rows.map((r) => r.contractPeriod),
            tooltip: { show: false },
          },
          {
            name: 'procurement',
            type: 'bar',
            stack: 'g',
            data: rows.map((r) => r.arrivalPeriod - r.contractPeriod),
            barMaxWidth: 14,
          },
          {
            name: 'installation',
            type: 'bar',
            stack: 'g',
            data: rows.map((r) => Math.max(0, r.inServicePeriod - r.arrivalPeriod)),
            barMaxWidth: 14,
          },
        ],
      }}
    />
  );
}
