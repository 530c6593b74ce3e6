import type { CoveredListRelease, Organisation } from '@portguard/core';
import { loadCoveredList } from '../dataset/load.js';

/** The bundled covered-entity release used by the benchmarks and the labelled-names test. */
export function coveredReleaseForBench(): { release: CoveredListRelease; from: string } {
  return { release: loadCoveredList(), from: 'packages/backend/data/covered-list.json' };
}

export const coveredOrganisationsForBench = (): readonly Organisation[] =>
  coveredReleaseForBench().release.organisations;
