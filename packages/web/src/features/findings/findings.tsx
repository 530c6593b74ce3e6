import { useMemo, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { Finding, Me } from '../../api/types.js';
import { Status, useApi } from '../../components/use-api.js';

type SortKey = 'severity' | 'subject' | 'entity' | 'score' | 'review';
const sevRank: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export function FindingsPage(props: { me: Me }) {
  const loaded = useApi<{ items: Finding[] }>('/api/dashboard/findings');
  const params = new URLSearchParams(location.search);
  const [text, setText] = useState(params.get('asset') ?? '');
  const [severity, setSeverity] = useState('');
  const [review, setReview] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'severity', desc: true });
  const [selected, setSelected] = useState<string | null>(null);
  const items = useMemo(() => {
    const all = loaded.data?.items ?? [];
    const q = text.trim().toLowerCase();
    const rows = all.filter(
      (f) =>
        (severity === '' || f.severity === severity) &&
        (review === '' || f.review.status === review) &&
        (q === '' ||
          `${f.subject.name} ${f.subject.id} ${f.subject.assetId ?? ''} ${f.entity.name}`
            .toLowerCase()
            .includes(q)),
    );
    const val = (f: Finding): string | number =>
      sort.key === 'severity'
        ? (sevRank[f.severity] ?? 0)
        : sort.key === 'subject'
          ? f.subject.name
          : sort.key === 'entity'
            ? f.entity.name
            : sort.key === 'score'
              ? f.score
              : f.review.status;
    return [...rows].sort((a, b) => {
      const x = val(a),
        y = val(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -c : c;
    });
  }, [loaded.data, text, severity, review, sort]);
  if (!loaded.data) return <Status loaded={loaded} />;
  const current = loaded.data.items.find((f) => f.id === selected);
  const th = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() =>
          setSort({ key, desc: sort.key === key ? !sort.desc : key === 'severity' || key === 'score' })
        }
      >
        {label} {sort.key === key ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <section aria-labelledby="f-h">
      <h1 id="f-h">Inventory findings</h1>
      <div className="filters" role="search">
        <label>
          Search{' '}
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="asset, maker, entity"
          />
        </label>
        <label>
          Severity{' '}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">any</option>
            {['critical', 'high', 'medium', 'low'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Review{' '}
          <select value={review} onChange={(e) => setReview(e.target.value)}>
            <option value="">any</option>
            <option>open</option>
            <option>accepted-risk</option>
            <option>false-positive</option>
          </select>
        </label>
        <span className="muted">
          {items.length} of {loaded.data.items.length}
        </span>
      </div>
      <div className="grid-2 findings-layout">
        <div className="card scroll tall">
          <table className="data" data-testid="findings-table">
            <thead>
              <tr>
                {th('severity', 'Severity')}
                {th('subject', 'Subject')}
                {th('entity', 'Covered entity')}
                {th('score', 'Score')}
                {th('review', 'Review')}
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id} className={f.id === selected ? 'selected' : ''}>
                  <td>
                    <span className={`sev sev-${f.severity}`}>{f.severity}</span>
                  </td>
                  <td>
                    <button type="button" className="linkish" onClick={() => setSelected(f.id)}>
                      {f.subject.name}
                    </button>
                    <div className="muted small">
                      {f.subject.kind} {f.subject.assetId ?? f.subject.id}
                    </div>
                  </td>
                  <td>
                    {f.entity.name}
                    <div className="muted small">{f.basis}</div>
                  </td>
                  <td className="num">{f.score.toFixed(2)}</td>
                  <td>{f.review.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card">
          {current ? (
            <Evidence key={current.id} finding={current} me={props.me} onReviewed={loaded.reload} />
          ) : (
            <p className="muted">Select a finding to see its evidence.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function Evidence(props: { finding: Finding; me: Me; onReviewed: () => void }) {
  const f = props.finding;
  const canReview = props.me.role !== 'auditor';
  const [status, setStatus] = useState<'accepted-risk' | 'false-positive' | 'open'>('false-positive');
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const x = f.explanation;
  return (
    <div data-testid="evidence">
      <h2>
        {f.subject.name} → {f.entity.name}
      </h2>
      <p>
        <span className={`sev sev-${f.severity}`}>{f.severity}</span> {f.severityReasons.join('; ')}
      </p>
      {x && (
        <>
          <h3>Name forms matched</h3>
          <dl className="kv">
            <dt>Query as compared</dt>
            <dd>{x.queryForm}</dd>
            <dt>Listed name</dt>
            <dd>
              {x.candidateName} <span className="muted">({x.candidateNameKind})</span>
            </dd>
            <dt>Listed form</dt>
            <dd>{x.candidateForm}</dd>
            <dt>Match kind</dt>
            <dd>{x.kind}</dd>
          </dl>
        </>
      )}
      {f.owners.length > 0 && (
        <>
          <h3>Ownership chain</h3>
          {f.owners.map((o) => (
            <ol key={o.organisationId} className="chain">
              {o.chain.map((s, i) => (
                <li key={i}>
                  {s.childId} ← {s.parentId}{' '}
                  <span className="muted">
                    ({s.control}
                    {s.percent !== undefined ? ` ${s.percent} %` : ''}; {s.source})
                  </span>
                </li>
              ))}
              <li>
                <b>{o.name}</b>
              </li>
            </ol>
          ))}
        </>
      )}
      <h3>Designations</h3>
      <ul>
        {f.designations.map((d) => (
          <li key={d.id}>
            {d.list} ({d.date}): <Cited text={d.citation} />
          </li>
        ))}
      </ul>
      <h3>Review</h3>
      <p>
        Current: <b data-testid="review-status">{f.review.status}</b>
        {f.review.status !== 'open' ? ` by ${f.review.reviewer} at ${f.review.at}` : ''}
      </p>
      {canReview ? (
        <form
          className="review"
          onSubmit={(e) => {
            e.preventDefault();
            setMsg(null);
            api.post(`/api/dashboard/findings/${encodeURIComponent(f.id)}/review`, { status, note }).then(
              () => {
                setMsg('Saved.');
                props.onReviewed();
              },
              (err: unknown) => setMsg(err instanceof ApiError ? err.message : String(err)),
            );
          }}
        >
          <label>
            Decision{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="false-positive">false positive</option>
              <option value="accepted-risk">accept risk</option>
              <option value="open">reopen</option>
            </select>
          </label>
          <label>
            Reason / justification{' '}
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
          </label>
          <button type="submit">Record review</button>
          {msg && <p role="status">{msg}</p>}
        </form>
      ) : (
        <p className="muted">Your role ({props.me.role}) is read-only.</p>
      )}
    </div>
  );
}

/** Citation text with its URLs as links. */
function Cited(props: { text: string }) {
  return (
    <>
      {props.text.split(/(https?:\/\/[^\s)]+)/).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} rel="noreferrer noopener" target="_blank">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
