import { useEffect } from 'react';
import type { Overview } from '../../api/types.js';
import { Chart, periodAxis } from '../../components/chart.js';
import { Status, useApi } from '../../components/use-api.js';
import { int, pct, teu, usd } from '../../format.js';
import { Link } from '../../router.js';
import { UsMap } from './us-map.js';

export function OverviewPage() {
  const loaded = useApi<Overview>('/api/dashboard/overview');
  const o = loaded.data;
  useEffect(() => {
    // Read by bench:web: map and headline are in the DOM.
    if (o && performance.getEntriesByName('overview-ready').length === 0) performance.mark('overview-ready');
  }, [o]);
  if (!o) return <Status loaded={loaded} />;
  const n = o.national;
  const burn = o.plan;
  return (
    <section aria-labelledby="ov-h">
      <h1 id="ov-h">
        {o.scope === 'all' ? 'National overview' : 'Your port'} · {o.year}
      </h1>
      <div className="headline" data-testid="headline">
        <div className="figure">
          <span className="value">{int(n.untrustedCranes)}</span>
          <span className="label">untrusted STS cranes at the ports (of {int(n.stsCranes)})</span>
        </div>
        <div className="figure">
          <span className="value">
            {pct(n.capacityTeuPerYear ? n.capacityAtRiskTeuPerYear / n.capacityTeuPerYear : 0)}
          </span>
          <span className="label">of handling capacity at risk ({teu(n.capacityAtRiskTeuPerYear)}/yr)</span>
        </div>
        <div className="figure">
          <span className="value">{burn?.budget ? usd(burn.budget.usedCents) : '—'}</span>
          <span className="label">
            {burn?.budget
              ? `federal budget used by the plan, of ${usd(burn.budget.availableCents)}`
              : 'budget used (run a plan)'}
          </span>
        </div>
        <div className="figure" data-testid="completion">
          {o.simulation ? (
            <>
              <span className="value">
                {o.simulation.completionMonth.p50 ?? 'after horizon'} /{' '}
                {o.simulation.completionMonth.p90 ?? 'after horizon'}
              </span>
              <span className="label">
                plan completion P50 / P90 ({o.simulation.plan}, {o.simulation.scenario},{' '}
                {int(o.simulation.runs)} runs)
              </span>
            </>
          ) : (
            <>
              <span className="value">{burn?.completionMonth ?? '—'}</span>
              <span className="label">
                plan completion (P50/P90 once a <Link to="/scenarios">simulation</Link> has run)
              </span>
            </>
          )}
        </div>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Ports</h2>
          <UsMap ports={o.ports} />
        </div>
        <div className="card">
          <h2>Risk burn-down {burn ? `· ${burn.name}` : ''}</h2>
          {burn ? (
            <Chart
              label="Untrusted cranes in service per plan period under the current plan"
              testId="burndown"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0, type: 'scroll' },
                grid: { left: 50, right: 50, top: 36, bottom: 40 },
                xAxis: periodAxis(burn.periods),
                yAxis: [
                  { type: 'value', name: 'cranes' },
                  ...(burn.riskByPeriod ? [{ type: 'value' as const, name: 'risk' }] : []),
                ],
                series: [
                  {
                    name: 'untrusted cranes in service',
                    type: 'line',
                    step: 'end',
                    data: [...burn.untrustedByPeriod],
                    showSymbol: false,
                  },
                  ...(burn.riskByPeriod
                    ? [
                        {
                          name: 'risk exposure',
                          type: 'line' as const,
                          yAxisIndex: 1,
                          data: [...burn.riskByPeriod],
                          showSymbol: false,
                          lineStyle: { type: 'dashed' as const },
                        },
                      ]
                    : []),
                ],
              }}
            />
          ) : (
            <p className="muted">
              No plan yet. <Link to="/plans">Run one</Link>.
            </p>
          )}
        </div>
      </div>
      {o.sites.length > 0 ? (
        <div className="card" data-testid="sites">
          <h2>Other sites</h2>
          <p className="muted">
            Emergency operations centers, government and port-authority sites: their cameras, recorders and
            other covered equipment.
          </p>
          <table className="data">
            <thead>
              <tr>
                <th>Site</th>
                <th>Kind</th>
                <th className="num">Assets</th>
              </tr>
            </thead>
            <tbody>
              {o.sites.map((s) => (
                <tr key={s.facilityId}>
                  <td>
                    <Link to={`/sites/${s.facilityId}`}>{s.name}</Link>
                  </td>
                  <td>{s.kind}</td>
                  <td className="num">{int(s.assets)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="card">
        <h2>Ports by untrusted cranes</h2>
        <table className="data">
          <thead>
            <tr>
              <th>Port</th>
              <th>State</th>
              <th className="num">STS cranes</th>
              <th className="num">Untrusted</th>
              <th className="num">Throughput / yr</th>
              <th className="num">Capacity at risk</th>
            </tr>
          </thead>
          <tbody>
            {[...o.ports]
              .sort((a, b) => b.untrustedCranes - a.untrustedCranes || a.name.localeCompare(b.name))
              .map((p) => (
                <tr key={p.portId}>
                  <td>
                    <Link to={`/ports/${p.portId}`}>{p.name}</Link>
                  </td>
                  <td>{p.state}</td>
                  <td className="num">{int(p.stsCranes)}</td>
                  <td className="num">{int(p.untrustedCranes)}</td>
                  <td className="num">{teu(p.demandTeuPerYear)}</td>
                  <td className="num">
                    {pct(p.capacityTeuPerYear ? p.capacityAtRiskTeuPerYear / p.capacityTeuPerYear : 0)}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
