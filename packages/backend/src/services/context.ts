import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { createDb, dbConfigFrom, migrateToLatest, type DbConfig, type DbHandle } from '../db/index.js';

/** Time, passed in so that services and tests agree on "now". */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** What every service receives. Features add their ports (solver, jobs…) as optional fields here. */
export interface Context {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  /** The store: `store.db` is the Kysely instance, `store.dialect` says which database it is. */
  readonly store: DbHandle;
  close(): Promise<void>;
}

export interface ContextOptions {
  readonly config: Config;
  readonly log?: Logger;
  readonly clock?: Clock;
  /** Overrides the store chosen by `config` (tests pass a PostgreSQL schema here). */
  readonly db?: DbConfig;
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
}

/** Logs as JSON lines to stderr, so stdout stays clean for `--json` output. */
export const createLogger = (level: string): Logger => pino({ level }, pino.destination(2));

/**
 * Opens the store (migrated) and bundles it with the logger and clock.
 *
 * @example
 *   const ctx = await createContext({ config: loadConfig() });
 *   try { … } finally { await ctx.close(); }
 */
export async function createContext(options: ContextOptions): Promise<Context> {
  const { config } = options;
  const store = createDb(options.db ?? dbConfigFrom(config));
  try {
    if (options.migrate !== false) await migrateToLatest(store);
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    config,
    log: options.log ?? createLogger(config.logLevel),
    clock: options.clock ?? systemClock,
    store,
    close: () => store.close(),
  };
}
