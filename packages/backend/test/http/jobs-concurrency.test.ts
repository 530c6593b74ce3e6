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
 * worker per slot on PostgreSQL. Two jobs are queued first, then a working queue starts; overlap is read from
 * the rows: with two slots the second job starts before the first finishes; with one it never does.
 */
async function runTwo(store: DbHandle, concurrency: number) {
  const dbConfig = dbConfigOf(store, process.env.PORTGUARD_TEST_PG_URL);
  const submitter = await createJobQueue({ store, dbConfig, work: false });
  const ids = [
    (await submitter.submit(cliPrincipal('test'), 'audit.verify', {})).id,
    (await submitter.submit(cliPrincipal('test'), 'audit.verify', {})).id,
  ];
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
    .select(['id', 'status', 'started_at', 'finished_at'])
    .where('id', 'in', ids)
    .execute();
  expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  const [a, b] = [...rows].sort((x, y) => x.started_at!.localeCompare(y.started_at!));
  return { first: a!, second: b! };
}

forEachDialect((_dialect, open) => {
  describe('job concurrency', () => {
    let store: DbHandle;
    beforeAll(async () => {
      store = await open();
    });

    it('runs two jobs at the same time when the concurrency is 2', async () => {
      const { first, second } = await runTwo(store, 2);
      expect(second.started_at! < first.finished_at!, JSON.stringify({ first, second })).toBe(true);
    }, 60_000);

    it('runs them one after the other when it is 1', async () => {
      const { first, second } = await runTwo(store, 1);
      expect(second.started_at! >= first.finished_at!, JSON.stringify({ first, second })).toBe(true);
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
