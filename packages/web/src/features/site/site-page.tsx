import type { SitePage as SiteData } from '../../api/types.js';
import { Chart, periodAxis, sumByPeriod } from '../../components/chart.js';
import { EquipmentTable } from '../../components/equipment-table.js';
import { Status, useApi } from '../../components/use-api.js';
import { int, teu } from '../../format.js';
import { Link } from '../../router.js';
import { Gantt } from '../port/gantt.js';

type Row = NonNullable<SiteData['plan']>['capacity'][number];

/**
 * One facility outside the port pages (an emergency operations center, a government or port-authority site): under the
 * current plan, each kind of its covered equipment against its floor (every unit stays in service until its
 * replacement is), the replacement schedule and the equipment with its findings.
 */
export function SitePage(props: { facilityId: string }) {
  const loaded = useApi<SiteData>(`/api/dashboard/sites/${encodeURIComponent(props.facilityId)}`);
  const d = loaded.data;
  if (!d) return <Status loaded={loaded} />;
  const plan = d.plan;
  const byTerminal = new Map<string, Row[]>();
  for (const c of plan?.capacity ?? [])
    byTerminal.set(c.terminalId, [...(byTerminal.get(c.terminalId) ?? []), c]);
  const n = plan?.periods.length ?? 0;
  const series = (rows: readonly Row[], value: (r: Row) => number) => sumByPeriod(rows, n, value);
  return (
    <section aria-labelledby="site-h">
      <p className="crumbs">
        <Link to="/">Overview</Link> › {d.facility.name}
      </p>
      <h1 id="site-h">
        {d.facility.name} <span className="muted">({d.facility.kind})</span>
      </h1>
      <div className="headline">
        <div className="figure">
          <span className="value">{int(d.assets.length)}</span>
          <span className="label">assets</span>
        </div>
        <div className="figure">
          <span className="value">
            {int(new Set(d.findings.map((f) => f.subject.assetId ?? f.subject.id)).size)}
          </span>
          <span className="label">with screening findings</span>
        </div>
        <div className="figure">
          <span className="value">{int(plan?.replacements.length ?? 0)}</span>
          <span className="label">replaced under the plan</span>
        </div>
      </div>
      {d.planned.map(({ terminalId, kind }) => {
        const rows = byTerminal.get(terminalId) ?? [];
        const unit = kind ?? 'STS cranes';
        return (
          <div className="card" key={terminalId}>
            <h2>
              {kind === null ? 'Handling capacity against demand' : `${kind} in service against the floor`}
            </h2>
            {kind !== null ? (
              <p className="muted">
                The floor is every {kind} in service: none leaves before its replacement is in service.
              </p>
            ) : null}
            <Chart
              label={
                kind === null
                  ? 'Monthly handling capacity against demand (the floor)'
                  : `${kind} units in service against the floor, and the covered ones still in service`
              }
              testId={`site-floor-${kind ?? 'cranes'}`}
              option={{
                tooltip: {
                  trigger: 'axis',
                  ...(kind === null ? { valueFormatter: (v: unknown) => teu(Number(v)) } : {}),
                },
                legend: { top: 0, type: 'scroll' },
                grid: { left: 80, right: 50, top: 36, bottom: 40 },
                xAxis: periodAxis(plan?.periods ?? []),
                yAxis: [
                  { type: 'value', name: kind === null ? 'TEU / month' : 'units', minInterval: 1 },
                  { type: 'value', name: `covered ${unit}`, minInterval: 1 },
                ],
                series: [
                  {
                    name: kind === null ? 'capacity' : 'in service',
                    type: 'line',
                    step: 'end',
                    data: series(rows, (r) => (kind === null ? r.capacity : r.cranesInService)),
                    showSymbol: false,
                    areaStyle: { opacity: 0.12 },
                  },
                  {
                    name: kind === null ? 'demand (floor)' : 'floor',
                    type: 'line',
                    data: series(rows, (r) => r.demand),
                    showSymbol: false,
                    lineStyle: { width: 3, type: 'dashed' },
                    itemStyle: { color: '#D55E00' },
                  },
                  {
                    name: `covered ${unit} in service`,
                    type: 'bar',
                    yAxisIndex: 1,
                    data: series(rows, (r) => r.untrustedInService),
                    itemStyle: { color: '#CC79A7', opacity: 0.5 },
                  },
                ],
              }}
            />
          </div>
        );
      })}
      <div className="card">
        <h2>Replacement schedule {plan ? `· ${plan.name}` : ''}</h2>
        {plan && plan.replacements.length > 0 ? (
          <Gantt replacements={plan.replacements} periods={plan.periods} />
        ) : (
          <p className="muted">
            {plan ? (
              'No replacement planned here: nothing covered, or no trusted supplier offers its kind.'
            ) : (
              <>
                No plan yet. <Link to="/plans">Run one</Link>.
              </>
            )}
          </p>
        )}
      </div>
      <EquipmentTable assets={d.assets} findings={d.findings} />
    </section>
  );
}
