import { useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { Me } from '../../api/types.js';

interface ImportResult {
  dryRun: boolean;
  counts: Record<string, number>;
  total: number;
}

export function ImportsPage(props: { me: Me }) {
  const allowed = props.me.role === 'admin' || props.me.role === 'program-office';
  const [files, setFiles] = useState<FileList | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!allowed)
    return (
      <section>
        <h1>Imports</h1>
        <p className="muted">Only admins and the program office import inventory.</p>
      </section>
    );
  const send = (dryRun: boolean) => {
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append('file', f, f.name);
    setBusy(true);
    setError(null);
    setResult(null);
    api.upload<ImportResult>(`/api/imports?dryRun=${dryRun}`, form).then(
      (r) => {
        setResult(r);
        setBusy(false);
      },
      (e: unknown) => {
        setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
        setBusy(false);
      },
    );
  };
  return (
    <section aria-labelledby="i-h">
      <h1 id="i-h">Import inventory</h1>
      <div className="card">
        <p>
          CSV, XLSX or JSON in the import layout. Check first: every bad row is listed and nothing is written.
        </p>
        <label>
          Files{' '}
          <input type="file" multiple accept=".csv,.xlsx,.json" onChange={(e) => setFiles(e.target.files)} />
        </label>
        <div className="actions">
          <button type="button" disabled={!files || busy} onClick={() => send(true)}>
            Check (dry run)
          </button>
          <button
            type="button"
            disabled={!files || busy || result === null || !result.dryRun}
            onClick={() => send(false)}
          >
            Import
          </button>
        </div>
        {result && (
          <p role="status">
            {result.dryRun ? 'Check passed: would import' : 'Imported'} {result.total} rows (
            {Object.entries(result.counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}
            ).
          </p>
        )}
        {error && (
          <div role="alert">
            <p className="error">{error.message}</p>
            {error.issues.length > 0 && (
              <div className="scroll tall">
                <table className="data" data-testid="import-issues">
                  <thead>
                    <tr>
                      <th>Where</th>
                      <th>Problem</th>
                      <th>Code</th>
                    </tr>
                  </thead>
                  <tbody>
                    {error.issues.map((i, n) => (
                      <tr key={n}>
                        <td>{i.path.join(' › ')}</td>
                        <td>{i.message}</td>
                        <td>{i.code}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
