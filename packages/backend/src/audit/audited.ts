import type { DbHandle } from '../db/index.js';
import { appendAudit, type AuditChange } from '../db/repositories/audit-log.js';
import type { Principal } from '../auth/principal.js';

export type RecordChange = (change: Omit<AuditChange, 'actor'>) => Promise<void>;

/**
 * Runs a change and its audit entries in one transaction: both commit, or neither does.
 * @example await audited(store, principal, now, async (trx, record) => { …; await record({ action: 'asset.update', … }) })
 */
export async function audited<T>(
  store: DbHandle,
  principal: Pick<Principal, 'username'>,
  now: Date,
  work: (trx: DbHandle['db'], record: RecordChange) => Promise<T>,
): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    const record: RecordChange = async (change) => {
      await appendAudit(trx, store.dialect, { ...change, actor: principal.username }, now);
    };
    return work(trx, record);
  });
}
