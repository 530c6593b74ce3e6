import type { FacilityId } from '../model/ids.js';
import { facilityOfPlanningTerminal } from '../planning/problem.js';

/**
 * What a caller may see, passed into every repository read and write so that scoping happens in one layer.
 * @example repo.listAssets(db, { kind: 'facilities', ids: [ids.facility('fac-lb-pier-t')] }, filters)
 */
export type Access =
  { readonly kind: 'all' } | { readonly kind: 'facilities'; readonly ids: readonly FacilityId[] };

export const allAccess: Access = { kind: 'all' };

export function canSeeFacility(access: Access, facilityId: FacilityId | string): boolean {
  return access.kind === 'all' || access.ids.includes(facilityId as FacilityId);
}

/** Whether the caller may see a planning terminal: its facility's, for a facility's units of another kind too. */
export function canSeePlanningTerminal(access: Access, terminalId: string): boolean {
  return canSeeFacility(access, facilityOfPlanningTerminal(terminalId));
}
