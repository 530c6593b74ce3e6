import type { DbHandle } from '../db/index.js';
import { auditHead, streamAudit } from '../db/repositories/audit-log.js';
import { verifyChain, type ChainProblem, type ChainedAuditRecord } from './chain.js';

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly problems: readonly ChainProblem[];
}

/** Recomputes every hash of the stored log and compares the last one with the recorded head. */
export async function verifyAuditLog(store: DbHandle): Promise<AuditVerification> {
  const entries: ChainedAuditRecord[] = [];
  for await (const e of streamAudit(store.db)) entries.push(e);
  const problems = verifyChain(entries, await auditHead(store.db));
  return { ok: problems.length === 0, entries: entries.length, problems };
}
