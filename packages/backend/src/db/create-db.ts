import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { PortGuardError } from '@portguard/core';
import type { Config } from '../config/config.js';
import { quirksFor, type DialectName, type DialectQuirks } from './quirks.js';
import type { Database } from './schema.js';

/** Where the store lives. `schema` (PostgreSQL only) isolates a test run or a tenant in its own namespace. */
export type DbConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly schema?: string;
      readonly maxConnections?: number;
    };

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly quirks: DialectQuirks;
  /** For messages: the SQLite file or the PostgreSQL host/database, never the password. */
  readonly where: string;
  readonly schema: string | undefined;
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set, else the SQLite file (`--db`, $PORTGUARD_DB or ./portguard.db). */
export const dbConfigFrom = (config: Pick<Config, 'sqlitePath' | 'databaseUrl'>): DbConfig =>
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: config.sqlitePath };

/**
 * Opens the store without touching its schema; call `migrateToLatest` next.
 *
 * @example
 *   const store = createDb({ kind: 'sqlite', file: './portguard.db' });
 *   await migrateToLatest(store);
 *   const assets = await store.db.selectFrom('assets').selectAll().execute();
 */
export function createDb(config: DbConfig): DbHandle {
  if (config.kind === 'sqlite') {
    let database: SQLite.Database;
    try {
      database = new SQLite(config.file);
    } catch (e) {
      throw new PortGuardError(
        'infrastructure',
        `cannot open SQLite database ${config.file}: ${(e as Error).message}`,
      );
    }
    if (config.file !== ':memory:') database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    sqliteConnections.set(db, database);
    return {
      db,
      dialect: 'sqlite',
      quirks: quirksFor('sqlite'),
      where: config.file,
      schema: undefined,
      close: () => db.destroy(),
    };
  }
  if (config.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) {
    throw new PortGuardError(
      'invalid_input',
      `PostgreSQL schema name "${config.schema}" must be lower-case letters, digits and _`,
    );
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? 8,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the next query reports the failure to its caller.
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    quirks: quirksFor('postgres'),
    where: redactUrl(config.url) + (config.schema ? ` (schema ${config.schema})` : ''),
    schema: config.schema,
    close: () => db.destroy(),
  };
}

const sqliteConnections = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * The better-sqlite3 connection behind a handle's `db` (not behind a transaction), for the few hot reads that run
 * a Kysely-compiled query as a cached raw statement (see `scoped-inventory.ts`); undefined on PostgreSQL.
 */
export const sqliteConnectionOf = (db: Kysely<Database>): SQLite.Database | undefined =>
  sqliteConnections.get(db);

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Creates the handle's PostgreSQL schema if it has one. */
export async function ensureSchema(store: DbHandle): Promise<void> {
  if (store.dialect === 'postgres' && store.schema) {
    await sql`create schema if not exists ${sql.id(store.schema)}`.execute(store.db);
  }
}
