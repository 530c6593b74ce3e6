import { issue, type Issue } from '../shared/issue.js';
import { parseCidr } from './ip.js';

/** What a network zone is for; the zone-boundary rule weighs a crossing by where it comes from. */
export const zoneKinds = ['ot', 'it', 'dmz', 'external'] as const;
export type ZoneKind = (typeof zoneKinds)[number];

/**
 * A named set of address ranges, e.g. a crane's control network.
 * @example { name: 'pier400-crane-control', kind: 'ot', cidrs: ['10.40.1.0/24'], facilityId: 'fac-lax-apm-terminals-pier-400' }
 */
export interface NetworkZone {
  readonly name: string;
  readonly cidrs: readonly string[];
  /** Absent in zones passed without one (treated as internal, kind unknown). */
  readonly kind?: ZoneKind;
  readonly facilityId?: string;
}

/**
 * Zone declarations from parsed JSON: `[{ "name", "kind": "ot" | "it" | "dmz" | "external", "cidrs": [...],
 * "facility"? }]`. Every bad entry is reported at once, each with its index and field.
 */
export function parseZones(
  raw: unknown,
  file: string,
  options: { readonly requireKind?: boolean } = {},
): { ok: true; zones: NetworkZone[] } | { ok: false; issues: Issue[] } {
  if (!Array.isArray(raw))
    return {
      ok: false,
      issues: [
        issue('zones.not_list', [file], 'expected a JSON array of { "name", "kind", "cidrs": [...] }'),
      ],
    };
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const zones: NetworkZone[] = [];
  raw.forEach((z: unknown, i) => {
    const o = (z ?? {}) as { name?: unknown; cidrs?: unknown; kind?: unknown; facility?: unknown };
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (name === '') issues.push(issue('zones.name', [file, i, 'name'], 'expected a zone name'));
    else if (seen.has(name))
      issues.push(issue('zones.duplicate', [file, i, 'name'], `zone "${name}" is declared twice`));
    seen.add(name);
    const kindOk = zoneKinds.includes(o.kind as ZoneKind);
    if ((o.kind !== undefined || options.requireKind === true) && !kindOk)
      issues.push(
        issue(
          'zones.kind',
          [file, i, 'kind'],
          `${o.kind === undefined ? 'missing' : `"${String(o.kind)}" is not a zone kind`}: expected one of ${zoneKinds.join(', ')}`,
        ),
      );
    if (o.facility !== undefined && (typeof o.facility !== 'string' || o.facility === ''))
      issues.push(issue('zones.facility', [file, i, 'facility'], 'expected a facility id'));
    if (!Array.isArray(o.cidrs) || o.cidrs.length === 0) {
      issues.push(
        issue(
          'zones.cidrs',
          [file, i, 'cidrs'],
          'expected a non-empty array of CIDR ranges like "10.1.1.0/24"',
        ),
      );
      return;
    }
    o.cidrs.forEach((c: unknown, j) => {
      if (typeof c !== 'string' || parseCidr(c) === null)
        issues.push(
          issue('zones.cidr', [file, i, 'cidrs', j], `"${String(c)}" is not a CIDR range like "10.1.1.0/24"`),
        );
    });
    zones.push({
      name,
      cidrs: (o.cidrs as unknown[]).map(String),
      ...(kindOk ? { kind: o.kind as ZoneKind } : {}),
      ...(typeof o.facility === 'string' && o.facility !== '' ? { facilityId: o.facility } : {}),
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, zones };
}
