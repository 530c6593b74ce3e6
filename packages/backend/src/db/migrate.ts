import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { PortGuardError } from '@portguard/core';
import { ensureSchema, type DbHandle } from './create-db.js';
import { migrations as allMigrations, type PortGuardMigration } from './migrations/index.js';
import type { DialectQuirks } from './quirks.js';

class StaticMigrationProvider implements MigrationProvider {
  constructor(
    private readonly list: ReadonlyArray<readonly [string, PortGuardMigration]>,
    private readonly quirks: DialectQuirks,
  ) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of this.list) {
      const { down } = m;
      out[name] = {
        up: (db) => m.up(db, this.quirks),
        ...(down ? { down: (db) => down(db, this.quirks) } : {}),
      };
    }
    return Promise.resolve(out);
  }
}

export interface MigrationOutcome {
  readonly applied: readonly string[];
}

/** Brings the schema up to the last migration in `migrations/index.ts`. Safe to call on every start. */
export async function migrateToLatest(
  store: DbHandle,
  list: ReadonlyArray<readonly [string, PortGuardMigration]> = allMigrations,
): Promise<MigrationOutcome> {
  try {
    await ensureSchema(store);
  } catch (e) {
    throw new PortGuardError(
      'infrastructure',
      `cannot reach the database at ${store.where}: ${(e as Error).message}`,
    );
  }
  const migrator = new Migrator({
    db: store.db,
    provider: new StaticMigrationProvider(list, store.quirks),
    // Kysely looks for its bookkeeping tables by schema; without this it may find another schema's.
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new PortGuardError(
      'infrastructure',
      `database migration ${failed ?? ''} failed on ${store.where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
