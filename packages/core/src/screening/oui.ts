import { issue, type Issue } from '../shared/issue.js';
import { matchName, type EntityMatch, type MatchIndex } from './matcher.js';

/** One IEEE assignment: MA-L (24-bit prefix), MA-M (28-bit), MA-S / IAB (36-bit). */
export interface OuiAssignment {
  readonly registry: string;
  /** Upper-case hex digits of the prefix (6, 7 or 9). */
  readonly prefix: string;
  readonly organisation: string;
  readonly address: string;
}

export interface OuiRegistry {
  /** Keyed by prefix length in hex digits, then prefix. */
  readonly byLength: ReadonlyMap<number, ReadonlyMap<string, OuiAssignment>>;
  readonly size: number;
}

/** RFC 4180 fields of one CSV text; quotes may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const HEADER = ['Registry', 'Assignment', 'Organization Name', 'Organization Address'];

/**
 * Parses the IEEE registry CSV (oui.csv, mam.csv, oui36.csv, iab.csv as shipped by Debian's ieee-data).
 * Bad rows are reported with their line number; good rows are kept.
 */
export function parseOuiCsv(text: string, file = 'oui.csv'): { registry: OuiRegistry; issues: Issue[] } {
  const rows = csvRows(text.replace(/^\uFEFF/, ''));
  const issues: Issue[] = [];
  const byLength = new Map<number, Map<string, OuiAssignment>>();
  let size = 0;
  const head = rows[0];
  if (!head || HEADER.some((h, i) => head[i]?.trim() !== h)) {
    issues.push(issue('oui_header', [file, 1], `expected the header "${HEADER.join(',')}"`));
    return { registry: { byLength, size }, issues };
  }
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    if (r.length === 1 && r[0]!.trim() === '') return;
    const [registry = '', assignment = '', organisation = '', address = ''] = r.map((f) => f.trim());
    const prefix = assignment.toUpperCase();
    if (!/^([0-9A-F]{6}|[0-9A-F]{7}|[0-9A-F]{9})$/.test(prefix)) {
      issues.push(
        issue(
          'oui_assignment',
          [file, line, 'Assignment'],
          `expected 6, 7 or 9 hex digits, got "${assignment}"`,
        ),
      );
      return;
    }
    if (organisation === '') {
      issues.push(
        issue('oui_organisation', [file, line, 'Organization Name'], 'expected an organisation name'),
      );
      return;
    }
    let m = byLength.get(prefix.length);
    if (!m) byLength.set(prefix.length, (m = new Map()));
    if (!m.has(prefix)) size++;
    m.set(prefix, { registry, prefix, organisation, address });
  });
  return { registry: { byLength, size }, issues };
}

/** Merges registries (MA-L with MA-M and MA-S); later ones win on equal prefixes. */
export function mergeOuiRegistries(...registries: readonly OuiRegistry[]): OuiRegistry {
  const byLength = new Map<number, Map<string, OuiAssignment>>();
  let size = 0;
  for (const reg of registries) {
    for (const [len, m] of reg.byLength) {
      let out = byLength.get(len);
      if (!out) byLength.set(len, (out = new Map()));
      for (const [k, v] of m) {
        if (!out.has(k)) size++;
        out.set(k, v);
      }
    }
  }
  return { byLength, size };
}

/** Hex digits of a MAC address in any of the usual notations (00:11:22…, 00-11-22…, 0011.2233.4455). */
export function macHex(mac: string): string | undefined {
  const hex = mac.replace(/[:\-.\s]/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(hex) ? hex : undefined;
}

/** The assignment for a MAC address, longest prefix first (MA-S, then MA-M, then MA-L). */
export function lookupMac(registry: OuiRegistry, mac: string): OuiAssignment | undefined {
  const hex = macHex(mac);
  if (hex === undefined) return undefined;
  for (const len of [9, 7, 6]) {
    const hit = registry.byLength.get(len)?.get(hex.slice(0, len));
    if (hit) return hit;
  }
  return undefined;
}

/** True for locally administered addresses (randomised phones, VMs): the vendor prefix says nothing. */
export const isLocallyAdministered = (mac: string): boolean => {
  const hex = macHex(mac);
  return hex !== undefined && (parseInt(hex.slice(0, 2), 16) & 0x02) !== 0;
};

export interface MacVendorResult {
  readonly mac: string;
  readonly assignment: OuiAssignment | null;
  readonly locallyAdministered: boolean;
  /** The covered organisation the registered vendor name matches, with the explanation. */
  readonly covered: EntityMatch | null;
}

/** MAC -> registered vendor -> covered organisation, by the same name matcher. Vendor names are cached. */
export function macVendorScreener(
  registry: OuiRegistry,
  index: MatchIndex,
): (mac: string) => MacVendorResult {
  const cache = new Map<string, EntityMatch | null>();
  return (mac) => {
    const assignment = lookupMac(registry, mac) ?? null;
    let covered: EntityMatch | null = null;
    if (assignment) {
      const cached = cache.get(assignment.organisation);
      if (cached !== undefined) covered = cached;
      else {
        covered = matchName(index, assignment.organisation).match;
        cache.set(assignment.organisation, covered);
      }
    }
    return { mac, assignment, locallyAdministered: isLocallyAdministered(mac), covered };
  };
}
