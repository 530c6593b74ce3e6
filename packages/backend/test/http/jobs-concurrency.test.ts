import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { loadConfig } from '../../src/config/config.js';
import type { DbHandle } from '../../src/db/index.js';
import { createJobQueue } from '../../src/jobs/queue.js';
import { forEachDialect } from '../support/databases.js';
import { dbConfigOf } from './fixture.js';

/**
 * A queue runs `concurrency` jobs at once, each in its own worker thread: the local queue on SQLite, one pg-boss
 * worker per slot on PostgreSQL; plus one slot for light jobs (a greedy plan, an audit check). Jobs are queued
 * first, then a working queue starts; overlap is read from the rows (started_at, finished_at). The regular job is
 * a plan.solve with MILP, which fails fast on this empty store: what matters here is when it ran.
 */
const regular = { kind: 'plan.solve', payload: { startMonth: '2027-01' } };
const light = { kind: 'audit.verify', payload: {} };

async function runTwo(store: DbHandle, concurrency: number, jobs: Array<{ kind: string; payload: unknown }>) {
  const dbConfig = dbConfigOf(store, process.env.PORTGUARD_TEST_PG_URL);
  const submitter = await createJobQueue({ store, dbConfig, work: false });
  const ids: string[] = [];
  for (const j of jobs) {
    ids.push((await submitter.submit(cliPrincipal('test'), j.kind, j.payload)).id);
    // Distinct created_at, so that "oldest first" is the order given here.
    await new Promise((r) => setTimeout(r, 5));
  }
  await submitter.close();
  const queue = await createJobQueue({ store, dbConfig, concurrency });
  try {
    for (let i = 0; i < 600; i++) {
      const views = await Promise.all(ids.map((id) => queue.get({ kind: 'all' }, id)));
      if (views.every((v) => v?.status === 'succeeded' || v?.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await queue.close();
    if (store.schema)
      await sql`drop schema if exists ${sql.id(`${store.schema}_boss`)} cascade`.execute(store.db);
  }
  const rows = await store.db
    .selectFrom('jobs')
    .select(['id', 'kind', 'status', 'started_at', 'finished_at'])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows) expect(r.finished_at, `${r.kind} did not finish`).not.toBeNull();
  const [a, b] = ids.map((id) => rows.find((r) => r.id === id)!);
  return { first: a!, second: b! };
}

const overlap = (x: { started_at: string | null; finished_at: string | null }, y: typeof x) =>
  y.started_at! < x.finished_at! && x.started_at! < y.finished_at!;

forEachDialect((_dialect, open) => {
  describe('job concurrency', () => {
    let store: DbHandle;
    beforeAll(async () => {
      store = await open();
    });

    it('runs two jobs at the same time when the concurrency is 2', async () => {
      const { first, second } = await runTwo(store, 2, [regular, regular]);
      expect(overlap(first, second), JSON.stringify({ first, second })).toBe(true);
    }, 60_000);

    it('runs them one after the other when it is 1', async () => {
      const { first, second } = await runTwo(store, 1, [regular, regular]);
      expect(overlap(first, second), JSON.stringify({ first, second })).toBe(false);
    }, 60_000);

    it('runs a light job beside a regular one when the one slot is taken', async () => {
      const { first, second } = await runTwo(store, 1, [regular, light]);
      expect(second.status).toBe('succeeded');
      expect(overlap(first, second), JSON.stringify({ first, second })).toBe(true);
    }, 60_000);

    it('puts an older light job in the light slot, leaving the regular slot to a regular job', async () => {
      const { first, second } = await runTwo(store, 1, [light, regular]);
      expect(first.status).toBe('succeeded');
      expect(overlap(first, second), JSON.stringify({ first, second })).toBe(true);
    }, 60_000);
  });
});

describe('PORTGUARD_JOB_CONCURRENCY', () => {
  it('sets the number of jobs run at once, 1 by default', () => {
    expect(loadConfig({}).jobConcurrency).toBe(1);
    expect(loadConfig({ PORTGUARD_JOB_CONCURRENCY: '3' }).jobConcurrency).toBe(3);
    expect(() => loadConfig({ PORTGUARD_JOB_CONCURRENCY: 'two' })).toThrow(
      /PORTGUARD_JOB_CONCURRENCY.*"two"/,
    );
    expect(() => loadConfig({ PORTGUARD_JOB_CONCURRENCY: '0' })).toThrow(/whole number 1-64/);
  });

  it('refuses a queue with no slot', async () => {
    await expect(
      createJobQueue({
        store: {} as DbHandle,
        dbConfig: { kind: 'sqlite', file: ':memory:' },
        concurrency: 0,
      }),
    ).rejects.toThrow(/job concurrency must be a whole number >= 1/);
  });
});
