import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, it } from 'vitest';
import { createDb, migrateToLatest, type DbHandle, type DialectName } from '../../src/db/index.js';

export interface OpenOptions {
  /** Run every migration in `src/db/migrations/index.ts` (default true). */
  readonly migrate?: boolean;
}
/** A fresh, empty store of one dialect; closed and removed after the file's tests. */
export type OpenStore = (options?: OpenOptions) => Promise<DbHandle>;

const pgUrl = process.env.PORTGUARD_TEST_PG_URL;
let counter = 0;

/**
 * Runs one contract suite on every dialect. The PostgreSQL tier reads PORTGUARD_TEST_PG_URL; without it
 * the tier fails under CI and is reported loudly (never silently skipped) elsewhere.
 *
 * @example
 *   forEachDialect((dialect, open) => {
 *     it('stores a plan', async () => {
 *       const store = await open();
 *       await store.db.insertInto('plans').values(…).execute();
 *     });
 *   });
 */
export function forEachDialect(suite: (dialect: DialectName, open: OpenStore) => void): void {
  onSqlite((open) => suite('sqlite', open));
  onPostgres((open) => suite('postgres', open));
}

/** Only the SQLite tier: for checks that do not depend on the database (parsing, reports). */
export function onSqlite(suite: (open: OpenStore) => void): void {
  describe('sqlite', () => {
    const opened: Array<{ store: DbHandle; dir: string }> = [];
    afterAll(async () => {
      for (const { store, dir } of opened) {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
    suite(async (options = {}) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'portguard-test-'));
      const store = createDb({ kind: 'sqlite', file: path.join(dir, 'test.db') });
      opened.push({ store, dir });
      if (options.migrate !== false) await migrateToLatest(store);
      return store;
    });
  });
}

/** Only the PostgreSQL tier (fails under CI without PORTGUARD_TEST_PG_URL, says NOT RUN elsewhere). */
export function onPostgres(suite: (open: OpenStore) => void): void {
  describe('postgres', () => {
    if (!pgUrl) {
      if (process.env.CI) {
        it('PostgreSQL tier', () => {
          throw new Error(
            'PORTGUARD_TEST_PG_URL is not set but CI is: the PostgreSQL tier must run in CI (.ci/run sets it)',
          );
        });
      } else {
        process.stderr.write(
          '\n*** PostgreSQL tier NOT RUN: set PORTGUARD_TEST_PG_URL (e.g. postgres://portguard:portguard@127.0.0.1:5432/portguard_test) ***\n\n',
        );
        it.skip('PostgreSQL tier NOT RUN (PORTGUARD_TEST_PG_URL is not set)', () => {});
      }
      return;
    }
    const opened: DbHandle[] = [];
    afterAll(async () => {
      for (const store of opened) {
        if (store.schema) await sql`drop schema if exists ${sql.id(store.schema)} cascade`.execute(store.db);
        await store.close();
      }
    });
    suite(async (options = {}) => {
      const schema = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
      // Small pools: a test file may open many stores, and the server allows ~100 connections in all.
      const store = createDb({ kind: 'postgres', url: pgUrl, schema, maxConnections: 3 });
      opened.push(store);
      if (options.migrate !== false) await migrateToLatest(store);
      else await sql`create schema if not exists ${sql.id(schema)}`.execute(store.db);
      return store;
    });
  });
}
