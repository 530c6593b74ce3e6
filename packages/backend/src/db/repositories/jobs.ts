import { randomUUID } from 'node:crypto';
import { JobStatus, type Access, type JobView } from '@portguard/core';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import '../server-tables.js';

type Row = Database['jobs'];

const parseJson = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

const toView = (r: Row): JobView => ({
  id: r.id,
  kind: r.kind,
  status: JobStatus.parse(r.status),
  progress: Number(r.progress),
  message: r.message,
  attempts: Number(r.attempts),
  result: parseJson(r.result_json),
  error: r.error,
  createdBy: r.created_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** A job is visible to callers who can see every facility its creator could see. */
function visible(access: Access, jobAccessJson: string): boolean {
  if (access.kind === 'all') return true;
  const jobAccess = JSON.parse(jobAccessJson) as Access;
  if (jobAccess.kind === 'all') return false;
  const mine = new Set<string>(access.ids);
  return jobAccess.ids.every((id) => mine.has(id));
}

export interface StoredJob {
  readonly view: JobView;
  readonly payload: unknown;
  readonly access: Access;
}

export async function insertJob(
  db: Kysely<Database>,
  job: { kind: string; payload: unknown; createdBy: string; access: Access },
  now: Date,
): Promise<JobView> {
  const row: Row = {
    id: randomUUID(),
    kind: job.kind,
    payload_json: JSON.stringify(job.payload),
    status: 'queued',
    progress: 0,
    message: null,
    attempts: 0,
    result_json: null,
    error: null,
    created_by: job.createdBy,
    access_json: JSON.stringify(job.access),
    created_at: now.toISOString(),
    started_at: null,
    finished_at: null,
  };
  await db.insertInto('jobs').values(row).execute();
  return toView(row);
}

export async function getJob(db: Kysely<Database>, access: Access, id: string): Promise<JobView | undefined> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r && visible(access, r.access_json) ? toView(r) : undefined;
}

export async function listJobs(db: Kysely<Database>, access: Access, limit: number): Promise<JobView[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(access.kind === 'all' ? limit : limit * 10)
    .execute();
  return rows
    .filter((r) => visible(access, r.access_json))
    .slice(0, limit)
    .map(toView);
}

/** For the runner: the job's input, whoever asked. */
export async function loadJobForRun(
  db: Kysely<Database>,
  id: string,
): Promise<(StoredJob & { status: string }) | undefined> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && {
      view: toView(r),
      payload: parseJson(r.payload_json),
      access: JSON.parse(r.access_json) as Access,
      status: r.status,
    }
  );
}

/** Ids of one kind of job, newest first (national job kinds, whose views are scoped by their service). */
export async function listJobIdsOfKind(
  db: Kysely<Database>,
  kind: string,
  options: { readonly limit: number; readonly status?: JobView['status'] },
): Promise<string[]> {
  let q = db.selectFrom('jobs').select('id').where('kind', '=', kind);
  if (options.status !== undefined) q = q.where('status', '=', options.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => r.id);
}

/** The oldest queued jobs with their kind and payload, for a runner that chooses what fits its free slots. */
export async function queuedJobs(
  db: Kysely<Database>,
  limit: number,
): Promise<Array<{ readonly id: string; readonly kind: string; readonly payload: unknown }>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'payload_json'])
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, payload: parseJson(r.payload_json) }));
}

export async function nextQueuedJobId(db: Kysely<Database>): Promise<string | undefined> {
  const r = await db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

/**
 * Starts an attempt: a queued job, or a running one whose previous attempt died with its process.
 * Returns the attempt number, or undefined when the job is finished or someone else claimed it first.
 */
export async function claimJob(db: Kysely<Database>, id: string, now: Date): Promise<number | undefined> {
  const r = await db
    .selectFrom('jobs')
    .select(['status', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r || (r.status !== 'queued' && r.status !== 'running')) return undefined;
  const attempt = Number(r.attempts) + 1;
  const u = await db
    .updateTable('jobs')
    .set({ status: 'running', attempts: attempt, started_at: now.toISOString(), progress: 0, message: null })
    .where('id', '=', id)
    .where('attempts', '=', Number(r.attempts))
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1 ? attempt : undefined;
}

export async function setJobProgress(
  db: Kysely<Database>,
  id: string,
  attempt: number,
  progress: number,
  message: string | null,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress, message })
    .where('id', '=', id)
    .where('attempts', '=', attempt)
    .where('status', '=', 'running')
    .execute();
}

/** Records the outcome of one attempt; false when a newer attempt owns the job or it already finished. */
export async function finishJob(
  db: Kysely<Database>,
  id: string,
  attempt: number,
  outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: string },
  now: Date,
): Promise<boolean> {
  const u = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      progress: outcome.status === 'succeeded' ? 1 : undefined,
      result_json: outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
      error: outcome.status === 'failed' ? outcome.error : null,
      finished_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('attempts', '=', attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

/** Single-process (SQLite) mode: attempts left running by a process that died go back to the queue. */
export async function requeueOrphanedJobs(db: Kysely<Database>): Promise<number> {
  const u = await db
    .updateTable('jobs')
    .set({ status: 'queued' })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(u.numUpdatedRows);
}
