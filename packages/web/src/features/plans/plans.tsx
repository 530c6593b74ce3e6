import { useState } from 'react';
import { api, errorText } from '../../api/client.js';
import type {
  EarliestDeadlineSummary,
  JobView,
  Me,
  PlanParams,
  PlanRun,
  PlanRunSummary,
} from '../../api/types.js';
import { Chart, periodAxis } from '../../components/chart.js';
import { ErrorAlert, useApi, usePolledJob } from '../../components/use-api.js';
import { usd } from '../../format.js';
import { Link } from '../../router.js';

const METHODS = [
  ['milp', 'Optimised (MILP)'],
  ['greedy', 'Greedy'],
  ['do-nothing', 'Do nothing'],
] as const;

export function PlansPage(props: { me: Me }) {
  const canRun = props.me.role === 'admin' || props.me.role === 'program-office';
  const list = useApi<{ items: PlanRunSummary[] }>('/api/dashboard/plans');
  const [runId, setRunId] = useState<string | null>(null);
  const shown = runId ?? list.data?.items.find((r) => r.status === 'succeeded')?.id ?? null;
  return (
    <section aria-labelledby="p-h">
      <h1 id="p-h">Plans</h1>
      {canRun ? (
        <RunForm
          onStarted={(id) => {
            setRunId(id);
            list.reload();
          }}
        />
      ) : (
        <p className="muted">Your role ({props.me.role}) can view plans but not run them.</p>
      )}
      <div className="card">
        <h2>Runs</h2>
        {list.data && list.data.items.length > 0 ? (
          <table className="data">
            <thead>
              <tr>
                <th>Started</th>
                <th>By</th>
                <th>Methods</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id} className={r.id === shown ? 'selected' : ''}>
                  <td>{new Date(r.createdAt).toLocaleString()}</td>
                  <td>{r.createdBy}</td>
                  <td>{r.params.methods.join(', ')}</td>
                  <td>{r.status}</td>
                  <td>
                    <button type="button" onClick={() => setRunId(r.id)}>
                      Show
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No plan has been run since the server started.</p>
        )}
      </div>
      {shown && <RunView key={shown} id={shown} onDone={list.reload} canRun={canRun} />}
      <p className="muted">
        What-ifs (budget cut, supplier slip, crisis) with P10/P50/P90 bands:{' '}
        <Link to="/scenarios">Scenarios</Link>.
      </p>
    </section>
  );
}

function RunForm(props: { onStarted: (id: string) => void }) {
  const [methods, setMethods] = useState<Set<string>>(new Set(['greedy', 'do-nothing']));
  const [startMonth, setStartMonth] = useState('2027-01');
  const [years, setYears] = useState(10);
  const [budgetScale, setBudgetScale] = useState(1);
  const [timeLimitSeconds, setTimeLimit] = useState(20);
  const [granularity, setGranularity] = useState<'month' | 'week'>('month');
  const [deadline, setDeadline] = useState('');
  const [softFloor, setSoftFloor] = useState(false);
  const [gapPercent, setGapPercent] = useState(0.5);
  const [error, setError] = useState<string | null>(null);
  const milp = methods.has('milp');
  return (
    <form
      className="card run-form"
      aria-label="Run a plan"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const body: PlanParams = {
          methods: [...methods] as PlanParams['methods'],
          startMonth,
          years,
          budgetScale,
          timeLimitSeconds,
          ...(granularity === 'week' ? { granularity } : {}),
          ...(deadline !== '' ? { deadline } : {}),
          ...(softFloor ? { softFloor } : {}),
          ...(milp ? { mipGap: gapPercent / 100 } : {}),
        };
        api.post<PlanRun>('/api/dashboard/plans', body).then(
          (r) => props.onStarted(r.id),
          (err: unknown) => setError(errorText(err)),
        );
      }}
    >
      <h2>Run a plan</h2>
      <fieldset>
        <legend>Methods</legend>
        {METHODS.map(([m, label]) => (
          <label key={m} className="inline">
            <input
              type="checkbox"
              checked={methods.has(m)}
              onChange={(e) => {
                const next = new Set(methods);
                if (e.target.checked) next.add(m);
                else next.delete(m);
                setMethods(next);
              }}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <label>
        Start month{' '}
        <input
          value={startMonth}
          onChange={(e) => setStartMonth(e.target.value)}
          pattern="\d{4}-\d{2}"
          required
        />
      </label>
      <NumberField label="Years" min={1} max={20} value={years} onChange={setYears} />
      <NumberField
        label="Budget ×"
        min={0}
        max={10}
        step={0.1}
        value={budgetScale}
        onChange={setBudgetScale}
      />
      <NumberField
        label="MILP time limit (s)"
        min={1}
        max={600}
        value={timeLimitSeconds}
        onChange={setTimeLimit}
      />
      <label>
        Periods{' '}
        <select value={granularity} onChange={(e) => setGranularity(e.target.value as 'month' | 'week')}>
          <option value="month">Months</option>
          <option value="week">Weeks</option>
        </select>
      </label>
      <label>
        Deadline (all retired by){' '}
        <input
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          pattern="\d{4}-(0[1-9]|1[0-2])"
          placeholder="YYYY-MM"
          title="YYYY-MM, or empty for none"
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={softFloor} onChange={(e) => setSoftFloor(e.target.checked)} /> Soft
        floor (a priced shortfall instead of infeasible)
      </label>
      <NumberField
        label="MILP gap (%)"
        min={0}
        max={100}
        step={0.1}
        value={gapPercent}
        disabled={!milp}
        onChange={setGapPercent}
      />
      <p className="muted small">
        With MILP, the server runs its persisted plan.solve job (greedy baseline + MILP); otherwise the chosen
        heuristics run at once.
      </p>
      <button type="submit" disabled={methods.size === 0}>
        Run
      </button>
      {error && <ErrorAlert message={error} />}
    </form>
  );
}

function NumberField(props: {
  label: string;
  min: number;
  max: number;
  step?: number;
  value: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}

function RunView(props: { id: string; onDone: () => void; canRun: boolean }) {
  const { id, onDone } = props;
  const { value: run, error } = usePolledJob<PlanRun>(`/api/dashboard/plans/${id}`, onDone);
  if (error) return <ErrorAlert message={error} />;
  if (!run) return null;
  if (run.status !== 'succeeded')
    return (
      <div className="card" data-testid="run-progress">
        <h2>Run {run.status}</h2>
        <progress max={1} value={run.progress} aria-label="Plan progress" /> {run.message}
        {run.error && <ErrorAlert message={run.error} />}
      </div>
    );
  const years = [...new Set(run.plans.flatMap((p) => p.spend.map((s) => s.fiscalYear)))].sort();
  return (
    <>
      <div className="card" data-testid="plan-compare">
        <h2>Comparison</h2>
        <table className="data">
          <thead>
            <tr>
              <th>Plan</th>
              <th>Status</th>
              <th>Completion</th>
              <th className="num">Replacements</th>
              <th className="num">Cost</th>
              <th className="num">Solve (s)</th>
            </tr>
          </thead>
          <tbody>
            {run.plans.map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td>
                  {p.status}
                  {p.gap !== null ? ` (gap ${(p.gap * 100).toFixed(1)} %)` : ''}
                </td>
                <td>{p.completionMonth ?? 'not within horizon'}</td>
                <td className="num">{p.replacements.length}</td>
                <td className="num">{p.totalCostCents === null ? '—' : usd(p.totalCostCents)}</td>
                <td className="num">{p.solveSeconds.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {run.plans.map(
          (p) =>
            p.infeasibility && (
              <Infeasible
                key={p.name}
                name={p.name}
                optimised={p.method === 'milp'}
                {...p.infeasibility}
                params={props.canRun ? run.params : null}
              />
            ),
        )}
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Risk burn-down</h2>
          <Chart
            label={`Untrusted cranes in service per ${run.granularity}, per plan`}
            testId="compare-burndown"
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0, type: 'scroll' },
              grid: { left: 50, right: 20, top: 40, bottom: 40 },
              xAxis: periodAxis(run.periods),
              yAxis: { type: 'value', name: 'cranes' },
              series: run.plans.map((p) => ({
                name: p.name,
                type: 'line' as const,
                step: 'end' as const,
                showSymbol: false,
                data: [...p.untrustedByPeriod],
              })),
            }}
          />
        </div>
        <div className="card">
          <h2>Federal spend per fiscal year</h2>
          <Chart
            label="Federal spend per fiscal year, per plan"
            testId="compare-spend"
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => usd(Number(v)) },
              legend: { top: 0, type: 'scroll' },
              grid: { left: 70, right: 20, top: 40, bottom: 40 },
              xAxis: { type: 'category', data: years.map(String) },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => usd(v) } },
              series: run.plans.map((p) => ({
                name: p.name,
                type: 'bar' as const,
                data: years.map((y) =>
                  p.spend.filter((s) => s.fiscalYear === y).reduce((a, s) => a + s.federalCents, 0),
                ),
              })),
            }}
          />
        </div>
      </div>
    </>
  );
}

/** Reasons listed before the rest are summed up: a heuristic plan can break a rule for every crane. */
const REASONS_SHOWN = 8;

/**
 * Why a plan is infeasible. For the optimised plan the reasons hold for every plan (the model has no point), with
 * the smallest relaxations; a heuristic plan lists the rules it breaks.
 */
function Infeasible(
  props: NonNullable<PlanRun['plans'][number]['infeasibility']> & {
    name: string;
    optimised: boolean;
    /** The run's request, when the caller may search the earliest deadline for it. */
    params: PlanParams | null;
  },
) {
  const hidden = props.reasons.length - REASONS_SHOWN;
  return (
    <div className="infeasibility" data-testid="infeasibility">
      <h3>
        {props.optimised ? `${props.name}: why no plan meets every rule` : `${props.name}: rules it breaks`}
      </h3>
      <ul>
        {props.reasons.slice(0, REASONS_SHOWN).map((r, i) => (
          <li key={i} className="error">
            {r.message}
          </li>
        ))}
        {hidden > 0 && <li className="muted">and {hidden} more</li>}
      </ul>
      {props.relaxations.length > 0 && (
        <>
          <h3>Smallest relaxations that make it feasible</h3>
          <ul data-testid="relaxations">
            {props.relaxations.map((r, i) => (
              <li key={i}>{r.message}</li>
            ))}
          </ul>
        </>
      )}
      {props.optimised && props.params && props.reasons.some((r) => r.kind === 'deadline') && (
        <EarliestDeadline params={props.params} />
      )}
    </div>
  );
}

/**
 * "By when can every untrusted crane be gone?": the plan.earliest-deadline job for the run's horizon and budgets, one
 * plan per probe (about a minute on the national set), then what it found and what it proved.
 */
function EarliestDeadline(props: { params: PlanParams }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { startMonth, years, budgetScale, granularity } = props.params;
  const start = () => {
    setError(null);
    api
      .post<{ job: JobView }>('/api/jobs', {
        kind: 'plan.earliest-deadline',
        params: {
          startMonth,
          ...(years !== undefined ? { years } : {}),
          ...(budgetScale !== undefined ? { budgetScale } : {}),
          ...(granularity !== undefined ? { granularity } : {}),
        },
      })
      .then(
        (r) => setJobId(r.job.id),
        (e: unknown) => setError(errorText(e)),
      );
  };
  return (
    <div data-testid="earliest-deadline">
      {jobId === null ? (
        <button type="button" onClick={start}>
          Find the earliest deadline (a plan per probe, about a minute)
        </button>
      ) : (
        <EarliestDeadlineJob id={jobId} />
      )}
      {error && <ErrorAlert message={error} />}
    </div>
  );
}

const noop = () => undefined;

function EarliestDeadlineJob(props: { id: string }) {
  const { value: job, error } = usePolledJob<JobView>(`/api/jobs/${props.id}`, noop);
  if (error) return <ErrorAlert message={error} />;
  if (!job) return null;
  if (job.status !== 'succeeded')
    return (
      <p>
        <progress max={1} value={job.progress} aria-label="Deadline search progress" /> {job.message}
        {job.error && <span className="error"> {job.error}</span>}
      </p>
    );
  const found = job.result as EarliestDeadlineSummary;
  return (
    <>
      <p data-testid="earliest-deadline-result">
        {found.earliest === null
          ? 'No plan found that retires every untrusted crane within the horizon.'
          : `Earliest deadline: ${found.earliest.month} — a plan retires every untrusted crane by then (risk exposure ${found.earliest.riskExposure.toFixed(1)}${found.earliest.gap !== null ? `, gap ${(found.earliest.gap * 100).toFixed(2)} %` : ''}).`}{' '}
        {found.impossibleBy !== null &&
          (found.exact || found.earliest === null
            ? `None can by ${found.impossibleBy}: proven.`
            : `None can by ${found.impossibleBy} (proven); the months between were not decided.`)}
      </p>
      <p className="muted">
        Probes: {found.probes.map((p) => `${p.month} ${p.outcome} (${p.seconds.toFixed(1)} s)`).join('; ')}
      </p>
    </>
  );
}
