import type { Access } from '@portguard/core';
import type { Kysely } from 'kysely';
import { chain, type ChainedAuditRecord } from '../../audit/chain.js';
import type { DialectName } from '../quirks.js';
import type { Database } from '../schema.js';
import '../server-tables.js';

/** A change to record: who did what to which entity, with the values before and after. */
export interface AuditChange {
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly facilityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Appends one entry. Call it inside the transaction that makes the change, so that the change and its entry
 * commit together. The head row is locked first (FOR UPDATE on PostgreSQL; SQLite serialises writers), so that
 * concurrent writers from several servers still form one chain.
 */
export async function appendAudit(
  db: Kysely<Database>,
  dialect: DialectName,
  change: AuditChange,
  now: Date,
): Promise<ChainedAuditRecord> {
  let headQuery = db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const entry = chain(head.hash, { seq: Number(head.seq) + 1, at: now.toISOString(), ...change });
  await db
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      facility_id: entry.facilityId,
      before_json: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
  await db.updateTable('audit_head').set({ seq: entry.seq, hash: entry.hash }).where('id', '=', 1).execute();
  return entry;
}

type Row = Database['audit_log'];
const fromRow = (r: Row): ChainedAuditRecord => ({
  seq: Number(r.seq),
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  facilityId: r.facility_id,
  before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
  after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Entries newest first. A port-operator sees only entries about its facilities. */
export async function listAudit(
  db: Kysely<Database>,
  access: Access,
  opts: {
    readonly limit: number;
    readonly beforeSeq?: number;
    readonly entity?: string;
    readonly entityId?: string;
  },
): Promise<ChainedAuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(opts.limit);
  if (opts.beforeSeq !== undefined) q = q.where('seq', '<', opts.beforeSeq);
  if (opts.entity !== undefined) q = q.where('entity', '=', opts.entity);
  if (opts.entityId !== undefined) q = q.where('entity_id', '=', opts.entityId);
  if (access.kind === 'facilities') {
    if (access.ids.length === 0) return [];
    q = q.where('facility_id', 'in', [...access.ids]);
  }
  const rows = await q.execute();
  return rows.map(fromRow);
}

/** Every entry in seq order, in pages, for verification of long logs without holding them all. */
export async function* streamAudit(
  db: Kysely<Database>,
  pageSize = 5000,
): AsyncGenerator<ChainedAuditRecord> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield fromRow(r);
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)!.seq);
  }
}

export async function auditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const h = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}
