import {
  allAccess,
  canSeeFacility,
  screenDataset,
  screeningContext,
  type Access,
  type Dataset,
  type Finding,
  type ReviewStatus,
} from '@portguard/core';
import { listAudit } from '../db/repositories/audit-log.js';
import { loadScopedDataset } from '../db/repositories/scoped-inventory.js';
import { currentCoveredList } from '../screening/covered-lists.js';
import type { Context } from './context.js';

/** The caller's part of the inventory (scoped in SQL): their facilities, assets, components; reference data whole. */
export const scopedDataset = (ctx: Pick<Context, 'store'>, access: Access): Promise<Dataset> =>
  loadScopedDataset(ctx.store.db, access);

const scopeKey = (access: Access) => (access.kind === 'all' ? '*' : [...access.ids].sort().join(','));
const MAX_CACHED_SCOPES = 64;

/**
 * Screening findings over what a caller may see, with their latest review. Screening runs on the caller's scoped
 * inventory only, so another port's rows are never loaded; results are cached per scope until the covered list,
 * an import or an asset edit (all audited) changes.
 *
 * @example const { findings } = createFindingsService(ctx); const items = await findings(principal.access);
 */
export function createFindingsService(ctx: Pick<Context, 'store'>) {
  const cache = new Map<string, { key: string; findings: Finding[] }>();

  async function findings(access: Access): Promise<Finding[]> {
    const ds = await scopedDataset(ctx, access);
    const lastChange = async (entity: string) =>
      (await listAudit(ctx.store.db, allAccess, { limit: 1, entity }))[0]?.seq ?? 0;
    const coveredList = (await currentCoveredList(ctx)).release;
    const key = `${coveredList.version}:${ds.assets.length}:${ds.components.length}:${await lastChange('import')}:${await lastChange('asset')}`;
    const scope = scopeKey(access);
    let screened = cache.get(scope);
    if (!screened || screened.key !== key) {
      screened = { key, findings: screenDataset(ds, screeningContext(coveredList)) };
      cache.delete(scope);
      if (cache.size >= MAX_CACHED_SCOPES) cache.delete(cache.keys().next().value ?? '');
      cache.set(scope, screened);
    }
    const reviews = new Map<string, ReviewStatus>();
    for (const e of await listAudit(ctx.store.db, access, { limit: 100000, entity: 'finding' }))
      if (!reviews.has(e.entityId)) reviews.set(e.entityId, e.after as ReviewStatus);
    return (
      screened.findings
        // National subjects (suppliers, organisations) have no facility: only callers who see everything get them.
        .filter((f) =>
          f.subject.facilityId === undefined
            ? access.kind === 'all'
            : canSeeFacility(access, f.subject.facilityId),
        )
        .map((f) => ({ ...f, review: reviews.get(f.id) ?? f.review }))
    );
  }

  return { findings };
}
