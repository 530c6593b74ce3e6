import { useState } from 'react';
import type { Me, Program } from '../../api/types.js';
import { Chart, palette, periodAxis } from '../../components/chart.js';
import { Status, useApi } from '../../components/use-api.js';
import { int, usd } from '../../format.js';
import { CraneSlippage, Forecasts, STEP_LABEL } from './forecasts.js';

const [BLUE = '#0072B2', VERMILION = '#D55E00'] = palette;

export function ProgramPage(props: { me: Me }) {
  const national = props.me.role !== 'port-operator';
  const [port, setPort] = useState<string>(national ? '' : (props.me.portIds[0] ?? ''));
  const loaded = useApi<Program>(`/api/dashboard/program${port ? `?port=${encodeURIComponent(port)}` : ''}`);
  const p = loaded.data;
  return (
    <section aria-labelledby="pr-h">
      <h1 id="pr-h">Program tracking</h1>
      {p && !p.baseline && (
        <div className="card">
          <p>No approved baseline yet, so there is nothing to track against.</p>
          <p className="muted">{p.message}</p>
        </div>
      )}
      {p?.baseline && (
        <div className="card card-head">
          <p>
            Baseline <strong>{p.baseline.name}</strong>
            {p.baseline.approvedAt ? `, approved ${p.baseline.approvedAt.slice(0, 10)}` : ''} · as of {p.asOf}{' '}
            · {p.missedMilestones ?? 0} milestone(s) missed
          </p>
          <label>
            Scope{' '}
            <select value={port} onChange={(e) => setPort(e.target.value)}>
              {national && <option value="">National</option>}
              {p.ports.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <Status loaded={loaded} />
      {p?.baseline && p.board && (
        <ProgramBody
          program={p}
          port={port}
          canWrite={props.me.role !== 'auditor'}
          onChanged={loaded.reload}
        />
      )}
    </section>
  );
}

function ProgramBody(props: { program: Program; port: string; canWrite: boolean; onChanged: () => void }) {
  const p = props.program;
  const board = p.board!;
  const steps = p.steps;
  const totals = steps.map((s) =>
    board.total ? (board.total[s] ?? 0) : board.byPort.reduce((a, x) => a + (x.counts[s] ?? 0), 0),
  );
  const names = new Map(board.byTerminal.map((t) => [t.terminalId, t.name]));
  const terminalName = (id: string) => names.get(id) ?? id;
  const q = (format: string) =>
    `/api/tracking/report?format=${format}${props.port ? `&port=${encodeURIComponent(props.port)}` : ''}`;
  const risk = p.risk!;
  const spend = p.spend ?? [];
  return (
    <>
      <div className="card" data-testid="program-board">
        <h2>Program board</h2>
        <Chart
          label="Replacements by lifecycle step"
          testId="board-chart"
          height={220}
          option={{
            tooltip: { trigger: 'axis' },
            grid: { left: 130, right: 30, top: 10, bottom: 30 },
            xAxis: { type: 'value', name: 'cranes', minInterval: 1 },
            yAxis: { type: 'category', data: steps.map((s) => STEP_LABEL[s] ?? s), inverse: true },
            series: [{ type: 'bar', data: totals, itemStyle: { color: BLUE } }],
          }}
        />
        <div className="scroll">
          <table className="data">
            <thead>
              <tr>
                <th>Port</th>
                <th className="num">Terminals</th>
                {steps.map((s) => (
                  <th key={s} className="num">
                    {STEP_LABEL[s] ?? s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.byPort.map((x) => (
                <tr key={x.portId}>
                  <td>{x.name}</td>
                  <td className="num">{x.terminals}</td>
                  {steps.map((s) => (
                    <td key={s} className="num">
                      {x.counts[s] || ''}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="total">
                <th scope="row">Total</th>
                <td className="num">{board.byTerminal.length}</td>
                {totals.map((n, i) => (
                  <td key={steps[i]} className="num">
                    {int(n)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Remaining risk vs baseline burn-down</h2>
          <Chart
            label="Remaining risk per month: baseline and current plan"
            testId="program-risk"
            option={{
              tooltip: {
                trigger: 'axis',
                valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(1) : ''),
              },
              legend: { top: 0 },
              grid: { left: 60, right: 20, top: 40, bottom: 40 },
              xAxis: { ...periodAxis(risk.periods), boundaryGap: false },
              yAxis: { type: 'value', name: 'risk' },
              series: [
                {
                  name: 'baseline',
                  type: 'line',
                  data: [...risk.baseline],
                  symbol: 'none',
                  lineStyle: { type: 'dashed', color: '#666' },
                  itemStyle: { color: '#666' },
                },
                {
                  name: 'current',
                  type: 'line',
                  data: [...risk.current],
                  symbol: 'none',
                  lineStyle: { color: VERMILION, width: 2 },
                  itemStyle: { color: VERMILION },
                },
              ],
            }}
          />
        </div>
        <div className="card">
          <h2>Spend vs baseline per fiscal year</h2>
          <Chart
            label="Contract spend per fiscal year: baseline and current plan"
            testId="program-spend"
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => usd(Number(v)) },
              legend: { top: 0 },
              grid: { left: 70, right: 20, top: 40, bottom: 40 },
              xAxis: { type: 'category', data: spend.map((s) => `FY${s.fiscalYear}`) },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => usd(v) } },
              series: [
                {
                  name: 'baseline',
                  type: 'bar',
                  data: spend.map((s) => s.baselineCents),
                  itemStyle: { color: '#9e9e9e' },
                },
                {
                  name: 'current',
                  type: 'bar',
                  data: spend.map((s) => s.currentCents),
                  itemStyle: { color: BLUE },
                },
              ],
            }}
          />
        </div>
      </div>
      <div className="card" data-testid="slippage">
        <h2>Slippage per terminal</h2>
        <p className="muted small">
          When each terminal’s last untrusted crane retires, in the baseline and now (recorded steps, the rest
          re-planned); positive slip is late. Forecast late: cranes whose supplier now forecasts a delivery
          after the baseline arrival.
        </p>
        <div className="scroll">
          <table className="data">
            <thead>
              <tr>
                <th>Terminal</th>
                <th>Baseline completion</th>
                <th>Current completion</th>
                <th className="num">Slip (months)</th>
                <th className="num">Cranes late</th>
                <th className="num">Cranes early</th>
                <th className="num">Forecast late</th>
              </tr>
            </thead>
            <tbody>
              {[...(p.slippage ?? [])]
                .sort((a, b) => (b.slipPeriods ?? 0) - (a.slipPeriods ?? 0) || a.name.localeCompare(b.name))
                .map((s) => (
                  <tr key={s.terminalId} className={(s.slipPeriods ?? 0) > 0 ? 'late' : ''}>
                    <td>{s.name}</td>
                    <td>{s.baselineCompletion ?? '—'}</td>
                    <td>{s.currentCompletion ?? '—'}</td>
                    <td className="num">{s.slipPeriods ?? '—'}</td>
                    <td className="num">{s.late}</td>
                    <td className="num">{s.early}</td>
                    <td className="num">{s.forecastLate || ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </div>
      <CraneSlippage program={p} terminalName={terminalName} />
      <Forecasts
        program={p}
        terminalName={terminalName}
        canWrite={props.canWrite}
        onRecorded={props.onChanged}
      />
      <div className="card" data-testid="downloads">
        <h2>Reports</h2>
        <p>
          Status report (
          {props.port ? (p.ports.find((x) => x.id === props.port)?.name ?? props.port) : 'national'}
          ): <a href={q('pdf')}>PDF</a> · <a href={q('xlsx')}>XLSX</a> · <a href={q('csv')}>CSV</a>
        </p>
        <p>Milestone calendars (iCal) per port:</p>
        <ul className="ical">
          {p.ports.map((x) => (
            <li key={x.id}>
              <a href={`/api/tracking/ical/${encodeURIComponent(x.id)}`}>{x.name}</a>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
