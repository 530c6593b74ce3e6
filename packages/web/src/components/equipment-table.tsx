import type { Asset, Finding } from '../api/types.js';
import { Link } from '../router.js';

/** A page's equipment, with the count of screening findings on each asset (linked to them). */
export function EquipmentTable(props: {
  readonly assets: readonly Asset[];
  readonly findings: readonly Finding[];
  /** The facility column's names, when the page has several facilities. */
  readonly facilityName?: (facilityId: string) => string;
}) {
  const findingsByAsset = new Map<string, number>();
  for (const f of props.findings) {
    const id = f.subject.assetId ?? f.subject.id;
    findingsByAsset.set(id, (findingsByAsset.get(id) ?? 0) + 1);
  }
  const facilityName = props.facilityName;
  return (
    <div className="card">
      <h2>Equipment ({props.assets.length})</h2>
      <div className="scroll">
        <table className="data">
          <thead>
            <tr>
              <th>Asset</th>
              <th>Kind</th>
              {facilityName ? <th>Terminal</th> : null}
              <th>Maker</th>
              <th>Status</th>
              <th className="num">Findings</th>
            </tr>
          </thead>
          <tbody>
            {props.assets.map((a) => (
              <tr key={a.id}>
                <td>{a.id}</td>
                <td>{a.kind}</td>
                {facilityName ? <td>{facilityName(a.facilityId)}</td> : null}
                <td>{a.makerName ?? a.makerId ?? '—'}</td>
                <td>{a.status}</td>
                <td className="num">
                  {findingsByAsset.get(a.id) ? (
                    <Link to={`/findings?asset=${a.id}`}>{findingsByAsset.get(a.id)}</Link>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
