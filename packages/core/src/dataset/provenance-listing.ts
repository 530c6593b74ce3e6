import type { Dataset } from '../model/inventory.js';
import type { Provenance, ProvenanceMap } from '../model/provenance.js';

export interface ProvenanceRow {
  readonly recordType: string;
  readonly id: string;
  readonly field: string;
  readonly kind: Provenance['kind'];
  /** The citation (sourced), the rule (estimated) or the note (user). */
  readonly basis: string;
  readonly confidence?: 'H' | 'M' | 'L';
}

function rows(recordType: string, id: string, map: ProvenanceMap | undefined): ProvenanceRow[] {
  if (!map) return [];
  return Object.keys(map)
    .sort()
    .map((field) => {
      const p = map[field] as Provenance;
      const basis = p.kind === 'sourced' ? p.citation : p.kind === 'estimated' ? p.rule : (p.note ?? '');
      const base = { recordType, id, field, kind: p.kind, basis };
      return p.kind === 'sourced' && p.confidence ? { ...base, confidence: p.confidence } : base;
    });
}

/** Every field of a dataset that carries provenance, one row per field, in a stable order. */
export function listProvenance(d: Dataset): ProvenanceRow[] {
  return [
    ...(d.parameters ?? []).flatMap((p) => rows('parameter', p.name, { value: p.provenance })),
    ...d.ports.flatMap((p) => rows('port', p.id, p.provenance)),
    ...d.facilities.flatMap((f) => rows('facility', f.id, f.provenance)),
    ...d.capacities.flatMap((c) => rows('capacity', c.facilityId, c.provenance)),
    ...d.assets.flatMap((a) => rows('asset', a.id, a.provenance)),
    ...d.components.flatMap((c) => rows('component', c.id, c.provenance)),
    ...d.suppliers.flatMap((s) => rows('supplier', s.id, s.provenance)),
    ...d.fundingPrograms.flatMap((f) => rows('funding-program', f.id, f.provenance)),
  ];
}

export function countProvenance(
  list: readonly ProvenanceRow[],
): Readonly<Record<Provenance['kind'], number>> {
  const out: Record<Provenance['kind'], number> = { sourced: 0, estimated: 0, user: 0 };
  for (const r of list) out[r.kind]++;
  return out;
}
