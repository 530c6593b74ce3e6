import { useState } from 'react';
import type { PortPage as PortData } from '../../api/types.js';
import { Chart, periodAxis, sumByPeriod } from '../../components/chart.js';
import { EquipmentTable } from '../../components/equipment-table.js';
import { Status, useApi } from '../../components/use-api.js';
import { int, teu } from '../../format.js';
import { Link } from '../../router.js';
import { Gantt } from './gantt.js';

export function PortPage(props: { portId: string }) {
  const loaded = useApi<PortData>(`/api/dashboard/ports/${encodeURIComponent(props.portId)}`);
  const [terminal, setTerminal] = useState('all');
  const d = loaded.data;
  if (!d) return <Status loaded={loaded} />;
  const plan = d.plan;
  const rows = plan ? plan.capacity.filter((c) => terminal === 'all' || c.terminalId === terminal) : [];
  const n = plan?.periods.length ?? 0;
  const cap = sumByPeriod(rows, n, (c) => c.capacity);
  const dem = sumByPeriod(rows, n, (c) => c.demand);
  const untrusted = sumByPeriod(rows, n, (c) => c.untrustedInService);
  const terminalIds = new Set(rows.map((r) => r.terminalId));
  const gantt = plan ? plan.replacements.filter((r) => terminal === 'all' || r.terminalId === terminal) : [];
  return (
    <section aria-labelledby="port-h">
      <p className="crumbs">
        <Link to="/">Overview</Link> › {d.port.name}
      </p>
      <h1 id="port-h">
        {d.port.name} <span className="muted">({d.port.state})</span>
      </h1>
      <div className="headline">
        <div className="figure">
          <span className="value">{int(d.summary.untrustedCranes)}</span>
          <span className="label">untrusted of {int(d.summary.stsCranes)} STS cranes</span>
        </div>
        <div className="figure">
          <span className="value">{int(d.summary.terminals)}</span>
          <span className="label">terminals</span>
        </div>
        <div className="figure">
          <span className="value">{teu(d.summary.demandTeuPerYear)}</span>
          <span className="label">demand this year</span>
        </div>
        <div className="figure">
          <span className="value">{int(d.findings.length)}</span>
          <span className="label">screening findings</span>
        </div>
      </div>
      <div className="card">
        <div className="card-head">
          <h2>Capacity vs demand under the plan</h2>
          <label>
            Terminal{' '}
            <select value={terminal} onChange={(e) => setTerminal(e.target.value)}>
              <option value="all">all terminals</option>
              {d.facilities.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {plan && terminalIds.size > 0 ? (
          <Chart
            label="Monthly handling capacity against demand (the floor)"
            testId="capacity"
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => teu(Number(v)) },
              legend: { top: 0, type: 'scroll' },
              grid: { left: 80, right: 50, top: 36, bottom: 40 },
              xAxis: periodAxis(plan.periods),
              yAxis: [
                { type: 'value', name: 'TEU / month' },
                { type: 'value', name: 'untrusted cranes', minInterval: 1 },
              ],
              series: [
                {
                  name: 'capacity',
                  type: 'line',
                  step: 'end',
                  data: cap,
                  showSymbol: false,
                  areaStyle: { opacity: 0.12 },
                },
                {
                  name: 'demand (floor)',
                  type: 'line',
                  data: dem,
                  showSymbol: false,
                  lineStyle: { width: 3, type: 'dashed' },
                  itemStyle: { color: '#D55E00' },
                },
                {
                  name: 'untrusted cranes',
                  type: 'bar',
                  yAxisIndex: 1,
                  data: untrusted,
                  itemStyle: { color: '#CC79A7', opacity: 0.5 },
                },
              ],
            }}
          />
        ) : (
          <p className="muted">
            {plan ? (
              'This terminal is not in the plan (no capacity record or no untrusted crane).'
            ) : (
              <>
                No plan yet. <Link to="/plans">Run one</Link>.
              </>
            )}
          </p>
        )}
      </div>
      <div className="card">
        <h2>Replacement schedule {plan ? `· ${plan.name}` : ''}</h2>
        {plan && gantt.length > 0 ? (
          <Gantt replacements={gantt} periods={plan.periods} />
        ) : (
          <p className="muted">No replacement planned here.</p>
        )}
      </div>
      <EquipmentTable
        assets={d.assets}
        findings={d.findings}
        facilityName={(id) => d.facilities.find((f) => f.id === id)?.name ?? id}
      />
    </section>
  );
}
