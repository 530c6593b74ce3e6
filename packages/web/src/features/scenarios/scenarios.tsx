import type { MAX_MILP_REPLAN_RUNS } from '@portguard/core';
import { useState } from 'react';
import { api, errorText } from '../../api/client.js';
import type {
  Me,
  ScenarioSummary,
  SimulationReplanning,
  SimulationRequest,
  SimulationSummary,
  SimulationView,
} from '../../api/types.js';
import { Chart, palette, periodAxis } from '../../components/chart.js';
import { ErrorAlert, Status, useApi, usePolledJob } from '../../components/use-api.js';
import { int, pct, teu, usd } from '../../format.js';

const PLANS = [
  ['optimized', 'Optimised (MILP)'],
  ['greedy', 'Greedy'],
  ['do-nothing', 'Do nothing'],
] as const;
type PlanName = (typeof PLANS)[number][0];

type ReplanSolver = SimulationRequest['replanSolver'];
const REPLANNERS: ReadonlyArray<readonly [ReplanSolver, string]> = [
  ['heuristic', 'Heuristic (fast)'],
  ['greedy', 'Greedy rule'],
  ['milp', 'Planner (MILP, seconds per run)'],
];
/** The server refuses more (core's MAX_MILP_REPLAN_RUNS; the type keeps the two equal). */
export const MAX_MILP_RUNS: typeof MAX_MILP_REPLAN_RUNS = 200;
/** Runs proposed when the re-planner becomes 'milp' with more runs than allowed. */
const MILP_RUNS = 20;

const CUSTOM = '(custom)';
const CUSTOM_EXAMPLE = JSON.stringify(
  {
    name: 'my-scenario',
    description: 'Trusted makers nine months late, second-year budget at 70 %',
    supplierSlips: [{ suppliers: 'trusted', months: { min: 6, mode: 9, max: 12 } }],
    fundingShocks: [{ planYear: 2, share: 0.3, mode: 'cut' }],
  },
  null,
  2,
);

export function ScenariosPage(props: { me: Me }) {
  const canRun = props.me.role === 'admin' || props.me.role === 'program-office';
  const list = useApi<{ items: SimulationSummary[] }>('/api/simulations');
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = chosen ?? list.data?.items.find((s) => s.status === 'succeeded')?.id ?? null;
  return (
    <section aria-labelledby="s-h">
      <h1 id="s-h">Scenarios</h1>
      <p className="muted">
        Monte Carlo: every plan is replayed on the same random draws of lead times, delays, demand and the
        scenario’s disruptions; the bands are P10–P90 over the runs.
      </p>
      {canRun ? (
        <SimulationForm
          onStarted={(id) => {
            setChosen(id);
            list.reload();
          }}
        />
      ) : (
        <p className="muted">Your role ({props.me.role}) can read simulations but not start them.</p>
      )}
      <div className="card">
        <h2>Simulations</h2>
        <Status loaded={list} />
        {list.data && list.data.items.length > 0 ? (
          <table className="data" data-testid="simulation-list">
            <thead>
              <tr>
                <th>Started</th>
                <th>By</th>
                <th>Scenario</th>
                <th className="num">Runs</th>
                <th>Plans</th>
                <th>Policy</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.id} className={s.id === shown ? 'selected' : ''}>
                  <td>{new Date(s.createdAt).toLocaleString()}</td>
                  <td>{s.createdBy}</td>
                  <td>{s.request.scenario}</td>
                  <td className="num">{int(s.request.runs)}</td>
                  <td>{s.request.plans.join(', ')}</td>
                  <td>{s.request.policy === 'replan' ? `re-plan (${s.request.replanSolver})` : 'frozen'}</td>
                  <td>{s.status}</td>
                  <td>
                    <button type="button" onClick={() => setChosen(s.id)}>
                      Show
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          !list.loading && <p className="muted">No simulation yet.</p>
        )}
      </div>
      {shown && <SimulationResult key={shown} id={shown} onDone={list.reload} />}
    </section>
  );
}

export function SimulationForm(props: { onStarted: (id: string) => void }) {
  const scenarios = useApi<{ items: ScenarioSummary[] }>('/api/scenarios');
  const [scenario, setScenario] = useState('baseline-uncertainty');
  const [runs, setRuns] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [plans, setPlans] = useState<PlanName[]>(['optimized', 'greedy']);
  const [policy, setPolicy] = useState<SimulationRequest['policy']>('frozen');
  const [replanner, setReplanner] = useState<ReplanSolver>('heuristic');
  const [replanTime, setReplanTime] = useState(2);
  const milp = policy === 'replan' && replanner === 'milp';
  const maxRuns = milp ? MAX_MILP_RUNS : 20000;
  const limitRuns = (next: boolean) => {
    if (next && runs > MAX_MILP_RUNS) setRuns(MILP_RUNS);
  };
  const [custom, setCustom] = useState(CUSTOM_EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const description = scenarios.data?.items.find((s) => s.name === scenario)?.description;
  return (
    <form
      className="card run-form"
      aria-label="Run a simulation"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        let given: SimulationRequest['scenario'] = scenario;
        if (scenario === CUSTOM) {
          try {
            given = JSON.parse(custom) as Record<string, unknown>;
          } catch (err) {
            setError(`The scenario is not JSON: ${(err as Error).message}`);
            return;
          }
        }
        const body: Partial<SimulationRequest> = {
          scenario: given,
          runs,
          seed,
          plans,
          policy,
          ...(policy === 'replan' ? { replanSolver: replanner } : {}),
          ...(milp ? { replanTimeSeconds: replanTime } : {}),
        };
        api.post<SimulationView>('/api/simulations', body).then(
          (r) => props.onStarted(r.id),
          (err: unknown) => setError(errorText(err)),
        );
      }}
    >
      <h2>Run a simulation</h2>
      <label>
        Scenario{' '}
        <select aria-label="Scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
          {(scenarios.data?.items ?? []).map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
          <option value={CUSTOM}>custom (JSON)…</option>
        </select>
      </label>
      <label>
        Runs{' '}
        <input
          type="number"
          min={1}
          max={maxRuns}
          value={runs}
          onChange={(e) => setRuns(Number(e.target.value))}
        />
      </label>
      <label>
        Policy{' '}
        <select
          aria-label="Policy"
          value={policy}
          onChange={(e) => {
            const next = e.target.value as SimulationRequest['policy'];
            setPolicy(next);
            limitRuns(next === 'replan' && replanner === 'milp');
          }}
        >
          <option value="frozen">Frozen plan</option>
          <option value="replan">Re-plan at the first shock</option>
        </select>
      </label>
      {policy === 'replan' && (
        <label>
          Re-planner{' '}
          <select
            aria-label="Re-planner"
            value={replanner}
            onChange={(e) => {
              const next = e.target.value as ReplanSolver;
              setReplanner(next);
              limitRuns(next === 'milp');
            }}
          >
            {REPLANNERS.map(([r, label]) => (
              <option key={r} value={r}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      {milp && (
        <label>
          Seconds per re-plan{' '}
          <input
            type="number"
            min={1}
            max={600}
            value={replanTime}
            onChange={(e) => setReplanTime(Number(e.target.value))}
          />
        </label>
      )}
      <label>
        Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
      </label>
      <fieldset>
        <legend>Plans (the first is the baseline of the comparison)</legend>
        {PLANS.map(([p, label]) => (
          <label key={p} className="inline">
            <input
              type="checkbox"
              checked={plans.includes(p)}
              onChange={(e) =>
                setPlans(
                  e.target.checked
                    ? PLANS.map(([x]) => x).filter((x) => x === p || plans.includes(x))
                    : plans.filter((x) => x !== p),
                )
              }
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {description && <p className="muted small scenario-description">{description}</p>}
      {milp && (
        <p className="muted small wide" data-testid="milp-hint">
          Each run re-plans with the planner itself, which takes seconds (about 7–26 s per run and plan on the
          national problem at 2 s per re-plan): at most {MAX_MILP_RUNS} runs; tens of runs are typical.
        </p>
      )}
      {scenario === CUSTOM && (
        <label className="wide">
          Scenario JSON (same format as <code>portguard simulate --scenario FILE</code>)
          <textarea
            className="scenario-json"
            value={custom}
            spellCheck={false}
            onChange={(e) => setCustom(e.target.value)}
          />
        </label>
      )}
      <button type="submit" disabled={plans.length === 0}>
        Start
      </button>
      {error && <ErrorAlert message={error} />}
    </form>
  );
}

type ResultView = Omit<SimulationView, 'report'> & {
  readonly report: (NonNullable<SimulationView['report']> & SimulationReplanning) | null;
};

const REPLANNER_TEXT: Record<ReplanSolver, string> = {
  heuristic: 'the heuristic (greedy or risk-first, the better)',
  greedy: 'the greedy rule',
  milp: 'the planner (MILP)',
};

/** How the runs followed their plans: frozen, or which re-planner ran at the first shock and how often. */
export function policyText(report: Pick<Report, 'policy' | 'replans' | 'replanner'>): string {
  if (report.policy === 'frozen' || !report.replanner) return 'Frozen plans: events only push dates later.';
  const { name, timeLimitSeconds } = report.replanner;
  const limit = timeLimitSeconds === null ? '' : `, ${timeLimitSeconds} s per re-plan`;
  return `Re-planned at each run’s first shock by ${REPLANNER_TEXT[name]}${limit}: ${int(report.replans)} re-plans.`;
}

/** Months deliveries waited for rail slots, crews and blackouts: P10 / P50 / P90. */
function delayText(s: NonNullable<Report['plans'][number]['national']>['resourceDelayMonths']): string {
  return [s.p10, s.p50, s.p90].map((v) => v.toFixed(1)).join(' / ');
}

function SimulationResult(props: { id: string; onDone: () => void }) {
  const { id, onDone } = props;
  const { value: sim, error } = usePolledJob<ResultView>(`/api/simulations/${id}`, onDone);
  if (error) return <ErrorAlert message={error} />;
  if (!sim) return null;
  const report = sim.report;
  if (sim.status !== 'succeeded' || !report)
    return (
      <div className="card" data-testid="simulation-progress">
        <h2>Simulation {sim.status}</h2>
        <progress max={1} value={sim.progress} aria-label="Simulation progress" /> {sim.message}
        {sim.error && <ErrorAlert message={sim.error} />}
      </div>
    );
  const color = (i: number) => palette[i % palette.length]!;
  return (
    <>
      <div className="card" data-testid="simulation-summary">
        <h2>
          {report.scenario} · {int(report.runs)} runs · seed {report.seed}
        </h2>
        {sim.scenario && <p className="muted small">{sim.scenario.description}</p>}
        <p className="muted small" data-testid="simulation-policy">
          {policyText(report)}
        </p>
        {report.clockBoundReplans > 0 && (
          <p className="error" role="status" data-testid="clock-bound-warning">
            Warning: {int(report.clockBoundReplans)} re-plans stopped on the solver’s wall-clock guard (the
            machine was too loaded); those runs may not repeat exactly with the same seed.
          </p>
        )}
        <table className="data">
          <thead>
            <tr>
              <th>Plan</th>
              <th>Completion P10</th>
              <th>P50</th>
              <th>P90</th>
              <th className="num">Runs complete</th>
              {report.plans[0]?.national && (
                <>
                  <th className="num">TEU lost P50</th>
                  <th className="num">TEU lost P90</th>
                  <th className="num">Spend (mean)</th>
                  <th
                    className="num"
                    title="Months deliveries waited for rail slots, crews and blackouts, summed over the replacements"
                  >
                    Resource delay, months P10 / P50 / P90
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {report.plans.map((p) => (
              <tr key={p.plan}>
                <td>{p.plan}</td>
                <td>{p.completionMonth.p10 ?? 'after horizon'}</td>
                <td>{p.completionMonth.p50 ?? 'after horizon'}</td>
                <td>{p.completionMonth.p90 ?? 'after horizon'}</td>
                <td className="num">{pct(p.completedShare)}</td>
                {p.national && (
                  <>
                    <td className="num">{teu(p.national.teuLost.p50)}</td>
                    <td className="num">{teu(p.national.teuLost.p90)}</td>
                    <td className="num">{usd(p.national.spendCents.mean)}</td>
                    <td className="num">{delayText(p.national.resourceDelayMonths)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {sim.planNotes.map((n) => (
          <p key={n} className="muted small">
            {n}
          </p>
        ))}
      </div>
      {report.plans[0]?.fan ? (
        <div className="grid-2">
          {(
            [
              ['shortfallTeu', 'National shortfall (TEU per month)', 'TEU', 'fan-shortfall'],
              ['riskRemaining', 'Remaining risk', 'risk', 'fan-risk'],
            ] as const
          ).map(([key, title, unit, testId]) => (
            <div className="card" key={key}>
              <h2>{title}</h2>
              <Chart
                label={`${title} per month, P10–P90 band and P50 line per plan`}
                testId={testId}
                option={{
                  tooltip: {
                    trigger: 'axis',
                    valueFormatter: (v) => (typeof v === 'number' ? int(v) : String(v)),
                  },
                  legend: { top: 0, type: 'scroll', data: report.plans.map((p) => `${p.plan} P50`) },
                  grid: { left: 60, right: 20, top: 40, bottom: 40 },
                  xAxis: { ...periodAxis(report.periodMonths), boundaryGap: false },
                  yAxis: { type: 'value', name: unit, min: 0 },
                  series: report.plans.flatMap((p, i) => {
                    const f = p.fan?.[key];
                    if (!f) return [];
                    return [
                      {
                        name: `${p.plan} P10`,
                        type: 'line' as const,
                        stack: `band-${p.plan}`,
                        data: [...f.p10],
                        lineStyle: { opacity: 0 },
                        symbol: 'none',
                        tooltip: { show: false },
                      },
                      {
                        name: `${p.plan} P10–P90`,
                        type: 'line' as const,
                        stack: `band-${p.plan}`,
                        data: f.p90.map((v, k) => v - (f.p10[k] ?? 0)),
                        lineStyle: { opacity: 0 },
                        areaStyle: { color: color(i), opacity: 0.18 },
                        symbol: 'none',
                      },
                      {
                        name: `${p.plan} P50`,
                        type: 'line' as const,
                        data: [...f.p50],
                        symbol: 'none',
                        itemStyle: { color: color(i) },
                        lineStyle: { color: color(i), width: 2 },
                      },
                    ];
                  }),
                }}
              />
            </div>
          ))}
        </div>
      ) : (
        <p className="muted">National fan charts and plan comparisons are shown to national roles only.</p>
      )}
      {report.comparisons.length > 0 && <Comparisons report={report} />}
      <WorstTerminals report={report} own={sim.scope !== 'all'} />
    </>
  );
}

type Report = NonNullable<ResultView['report']>;

const MEASURES = [
  ['teuLost', 'TEU lost', (v: number) => teu(v)],
  ['weeksBelowDemand', 'terminal-weeks below demand', (v: number) => v.toFixed(1)],
  ['completionPeriod', 'completion (months)', (v: number) => v.toFixed(1)],
  ['spendCents', 'spend', (v: number) => usd(v)],
  ['riskExposure', 'risk exposure', (v: number) => int(v)],
  ['resourceDelayMonths', 'resource delay (months)', (v: number) => v.toFixed(1)],
] as const;

function signed(f: (v: number) => string, v: number): string {
  return v > 0 ? `+${f(v)}` : v < 0 ? `−${f(-v)}` : f(0);
}

function Comparisons(props: { report: Report }) {
  return (
    <div className="card" data-testid="simulation-compare">
      <h2>Plan comparison (paired, same draws)</h2>
      <p className="muted small">
        Mean difference plan − baseline over the runs, with its 95 % confidence interval; “lower in” is the
        share of runs where the plan does better (lower) than the baseline.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Plan vs baseline</th>
            <th>Measure</th>
            <th className="num">Mean difference</th>
            <th className="num">95 % CI</th>
            <th className="num">Lower in</th>
          </tr>
        </thead>
        <tbody>
          {props.report.comparisons.flatMap((c) =>
            MEASURES.map(([m, label, f]) => {
              const d = c.measures[m];
              return (
                <tr key={`${c.plan}-${m}`}>
                  <td>
                    {c.plan} vs {c.baseline}
                  </td>
                  <td>{label}</td>
                  <td className="num">{signed(f, d.meanDifference)}</td>
                  <td className="num">
                    {signed(f, d.ci95[0])} … {signed(f, d.ci95[1])}
                  </td>
                  <td className="num">{pct(d.shareLower)}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}

function WorstTerminals(props: { report: Report; own: boolean }) {
  const plans = props.report.plans;
  return (
    <div className="card" data-testid="worst-terminals">
      <h2>{props.own ? 'Your terminals' : 'Per-terminal worst cases'}</h2>
      <div className="grid-2">
        {plans.map((p) => {
          const byId = new Map(p.terminals.map((t) => [t.terminalId, t]));
          // A port operator sees all their terminals; national roles the ten worst by P90.
          const rows = props.own
            ? [...p.terminals].sort((a, b) => b.teuLost.p90 - a.teuLost.p90)
            : p.worstTerminals.map((w) => byId.get(w.terminalId)).filter((t) => t !== undefined);
          return (
            <div key={p.plan}>
              <h3>{p.plan}</h3>
              {rows.length === 0 ? (
                <p className="muted">No terminal loses throughput in any run.</p>
              ) : (
                <table className="data">
                  <thead>
                    <tr>
                      <th>Terminal</th>
                      <th className="num">TEU lost P50</th>
                      <th className="num">TEU P90</th>
                      <th className="num">TEU worst run</th>
                      <th className="num">Weeks below demand P90</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((t) => (
                      <tr key={t.terminalId}>
                        <td>{t.name}</td>
                        <td className="num">{int(t.teuLost.p50)}</td>
                        <td className="num">{int(t.teuLost.p90)}</td>
                        <td className="num">{int(t.teuLost.max)}</td>
                        <td className="num">{t.weeksBelowDemand.p90.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
