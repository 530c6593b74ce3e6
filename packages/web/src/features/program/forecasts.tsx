import { useState } from 'react';
import { api, errorText } from '../../api/client.js';
import type { ForecastRequest, Program, TrackStep } from '../../api/types.js';

type Crane = NonNullable<Program['cranes']>[number];

export const STEP_LABEL: Record<string, string> = {
  planned: 'Planned',
  funded: 'Funded',
  contracted: 'Contracted',
  'in-fabrication': 'In fabrication',
  shipped: 'Shipped',
  delivered: 'Delivered',
  commissioned: 'Commissioned',
  'old-crane-retired': 'Old crane retired',
  disposed: 'Disposed',
};

const SOURCE_LABEL: Record<Crane['source'], string> = {
  recorded: 'recorded',
  forecast: 'supplier forecast',
  replanned: 're-planned',
  'not-replanned': 'not replaced',
};

/** A supplier may forecast a delivery once the crane is contracted and until it is delivered. */
const FORECASTABLE = new Set(['contracted', 'in-fabrication', 'shipped']);

const months = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

/** Cranes under way or off the baseline: in-service slip beside delivery slip, recorded and forecast. */
export function CraneSlippage(props: { program: Program; terminalName: (id: string) => string }) {
  const all = props.program.cranes ?? [];
  const shown = all
    .filter(
      (c) =>
        c.step !== 'planned' ||
        (c.slipPeriods ?? 0) !== 0 ||
        c.deliverySlipPeriods !== null ||
        c.forecastSlipPeriods !== null,
    )
    .sort(
      (a, b) =>
        (b.forecastSlipPeriods ?? b.deliverySlipPeriods ?? b.slipPeriods ?? 0) -
          (a.forecastSlipPeriods ?? a.deliverySlipPeriods ?? a.slipPeriods ?? 0) ||
        a.craneId.localeCompare(b.craneId),
    );
  return (
    <div className="card" data-testid="crane-slippage">
      <h2>Slippage per crane</h2>
      <p className="muted small">
        In-service slip (recorded, else re-planned) beside delivery slip against the baseline arrival: as
        recorded, and as the supplier now forecasts. Months; positive is late. {all.length - shown.length}{' '}
        crane(s) not started and on schedule are not listed.
      </p>
      <div className="scroll tall">
        <table className="data">
          <thead>
            <tr>
              <th>Crane</th>
              <th>Terminal</th>
              <th>Step</th>
              <th>Supplier</th>
              <th>Baseline in service</th>
              <th>Current in service</th>
              <th>Basis</th>
              <th className="num">In-service slip</th>
              <th className="num">Delivery slip (recorded)</th>
              <th className="num">Delivery slip (forecast)</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr
                key={c.craneId}
                className={
                  (c.slipPeriods ?? 0) > 0 ||
                  (c.deliverySlipPeriods ?? 0) > 0 ||
                  (c.forecastSlipPeriods ?? 0) > 0
                    ? 'late'
                    : ''
                }
              >
                <td>{c.craneId}</td>
                <td>{props.terminalName(c.terminalId)}</td>
                <td>{STEP_LABEL[c.step] ?? c.step}</td>
                <td>{c.supplier ?? '—'}</td>
                <td>{c.baselineInService ?? '—'}</td>
                <td>{c.currentInService ?? '—'}</td>
                <td>{SOURCE_LABEL[c.source]}</td>
                <td className="num">{months(c.slipPeriods)}</td>
                <td className="num">{months(c.deliverySlipPeriods)}</td>
                <td className="num">{months(c.forecastSlipPeriods)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The suppliers' forecasts in effect, and (for writers) a form to record one. */
export function Forecasts(props: {
  program: Program;
  terminalName: (id: string) => string;
  canWrite: boolean;
  onRecorded: () => void;
}) {
  const forecasts = props.program.forecasts ?? [];
  return (
    <div className="card" data-testid="forecasts">
      <h2>Supplier delivery forecasts</h2>
      <p className="muted small">
        What suppliers now say about deliveries not yet made; the re-plan takes the latest forecast as the
        arrival. Slip is against the baseline arrival, in months.
      </p>
      {forecasts.length === 0 ? (
        <p>No supplier forecast in effect.</p>
      ) : (
        <div className="scroll">
          <table className="data">
            <thead>
              <tr>
                <th>Crane</th>
                <th>Terminal</th>
                <th>Supplier</th>
                <th>Baseline arrival</th>
                <th>Expected arrival</th>
                <th className="num">Slip (months)</th>
                <th>Reason</th>
                <th>Evidence</th>
                <th>Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {forecasts.map((f) => (
                <tr key={f.craneId} className={(f.slipPeriods ?? 0) > 0 ? 'late' : ''}>
                  <td>{f.craneId}</td>
                  <td>{props.terminalName(f.terminalId)}</td>
                  <td>{f.supplier ?? '—'}</td>
                  <td>{f.baselineArrival ?? '—'}</td>
                  <td>{f.arrivalDate}</td>
                  <td className="num">{months(f.slipPeriods)}</td>
                  <td>{f.reason}</td>
                  <td>{f.evidence ?? ''}</td>
                  <td>
                    {f.recordedBy} <span className="muted">{f.recordedAt.slice(0, 10)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWrite && (
        <ForecastForm
          cranes={(props.program.cranes ?? []).filter((c) => FORECASTABLE.has(c.step))}
          terminalName={props.terminalName}
          onRecorded={props.onRecorded}
        />
      )}
    </div>
  );
}

function ForecastForm(props: {
  cranes: readonly Crane[];
  terminalName: (id: string) => string;
  onRecorded: () => void;
}) {
  const [craneId, setCraneId] = useState('');
  const [arrivalDate, setArrivalDate] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const crane = craneId || props.cranes[0]?.craneId || '';
  if (props.cranes.length === 0)
    return (
      <p className="muted">No crane is contracted and awaiting delivery, so there is nothing to forecast.</p>
    );
  return (
    <form
      className="run-form"
      aria-label="Record a supplier forecast"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setSaved(null);
        setBusy(true);
        const body: ForecastRequest = {
          craneId: crane,
          arrivalDate,
          reason: reason.trim(),
          ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        };
        api.post<TrackStep>('/api/tracking/forecasts', body).then(
          (r) => {
            setBusy(false);
            setSaved(`Recorded: ${r.craneId} expected ${r.date}.`);
            setReason('');
            setEvidence('');
            props.onRecorded();
          },
          (err: unknown) => {
            setBusy(false);
            setError(errorText(err));
          },
        );
      }}
    >
      <h3 className="wide">Record a supplier forecast</h3>
      <label>
        Crane
        <select value={crane} onChange={(e) => setCraneId(e.target.value)}>
          {props.cranes.map((c) => (
            <option key={c.craneId} value={c.craneId}>
              {c.craneId} · {props.terminalName(c.terminalId)} · {c.supplier ?? 'no supplier'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Expected arrival
        <input type="date" required value={arrivalDate} onChange={(e) => setArrivalDate(e.target.value)} />
      </label>
      <label>
        Reason
        <input type="text" required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label>
        Evidence (optional)
        <input type="text" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Record forecast
      </button>
      {error && (
        <p className="error wide" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="wide" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
