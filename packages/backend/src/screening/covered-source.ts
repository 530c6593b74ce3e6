import { existsSync, readFileSync } from 'node:fs';
import { CoveredListRelease, type Organisation } from '@portguard/core';

const BUNDLED = new URL('../../data/covered-list.json', import.meta.url);
const FIXTURE = new URL('../../test/screening/covered-fixture.json', import.meta.url);

/** The bundled covered list when present, else the screening test fixture (for benchmarks before the list lands). */
export function coveredReleaseForBench(): { release: CoveredListRelease; from: string } {
  const url = existsSync(BUNDLED) ? BUNDLED : FIXTURE;
  return { release: CoveredListRelease.parse(JSON.parse(readFileSync(url, 'utf8'))), from: url.pathname };
}

export const coveredOrganisationsForBench = (): readonly Organisation[] =>
  coveredReleaseForBench().release.organisations;
