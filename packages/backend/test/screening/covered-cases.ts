import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ids, type OrganisationId } from '@portguard/core';

export interface CoveredNameCase {
  readonly query: string;
  readonly expected: OrganisationId | null;
  readonly category: string;
  /** A listed legal name, alias or Chinese name, verbatim. */
  readonly canonical: boolean;
}

export const COVERED_NAMES_CSV = new URL('./covered-names.csv', import.meta.url);

/** The labelled covered-entity queries (covered-names.csv). */
export function loadCoveredNamesCases(): CoveredNameCase[] {
  const rows = parse(readFileSync(COVERED_NAMES_CSV, 'utf8'), {
    columns: true,
    comment: '#',
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows.map((r, i) => {
    if (!r.query || r.canonical === undefined)
      throw new Error(`covered-names.csv row ${i + 2}: expected query, expected, category, canonical`);
    return {
      query: r.query,
      expected: r.expected ? ids.organisation(r.expected) : null,
      category: r.category ?? '',
      canonical: r.canonical === 'true',
    };
  });
}
