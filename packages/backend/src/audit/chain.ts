import { createHash } from 'node:crypto';

/** What one audit entry says; `seq` orders the chain. */
export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly facilityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ChainedAuditRecord extends AuditRecord {
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted and undefined members dropped, so that equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: cannot encode ${typeof value}`);
}

/** sha256(prevHash + canonical JSON of the entry). */
export function auditHash(prevHash: string, r: AuditRecord): string {
  const body = canonicalJson({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    facilityId: r.facilityId,
    before: r.before ?? null,
    after: r.after ?? null,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export function chain(prevHash: string, r: AuditRecord): ChainedAuditRecord {
  return { ...r, prevHash, hash: auditHash(prevHash, r) };
}

export interface ChainProblem {
  readonly seq: number;
  readonly message: string;
}

/**
 * Walks entries in seq order. An edited entry breaks its own hash; a deleted one leaves a gap in seq and a
 * prevHash that does not match; a deleted tail is caught by the head (last seq and hash) kept beside the log.
 */
export function verifyChain(
  entries: Iterable<ChainedAuditRecord>,
  head: { readonly seq: number; readonly hash: string } | undefined,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let last: ChainedAuditRecord | undefined;
  for (const e of entries) {
    if (e.seq !== expectedSeq) {
      problems.push({
        seq: e.seq,
        message:
          e.seq > expectedSeq
            ? `entries ${expectedSeq}..${e.seq - 1} are missing (deleted)`
            : `entry ${e.seq} is out of order (expected ${expectedSeq})`,
      });
    }
    if (e.prevHash !== prevHash) {
      problems.push({
        seq: e.seq,
        message: `entry ${e.seq} does not link to the previous entry (prevHash differs)`,
      });
    }
    const recomputed = auditHash(e.prevHash, e);
    if (recomputed !== e.hash) {
      problems.push({
        seq: e.seq,
        message: `entry ${e.seq} was edited: its content no longer matches its hash`,
      });
    }
    prevHash = e.hash;
    expectedSeq = e.seq + 1;
    last = e;
  }
  if (head !== undefined && head.seq > 0) {
    if (last === undefined || last.seq < head.seq) {
      problems.push({
        seq: head.seq,
        message: `entries after ${last?.seq ?? 0} up to ${head.seq} are missing (deleted)`,
      });
    } else if (last.seq === head.seq && last.hash !== head.hash) {
      problems.push({ seq: head.seq, message: `entry ${head.seq} does not match the recorded head hash` });
    }
  }
  return problems;
}
