import type { PortGuardMigration } from './types.js';

/** Imported covered-list releases, one row per version, kept for ever (findings name the version that produced them). */
export const m0520CoveredLists: PortGuardMigration = {
  async up(db, q) {
    await db.schema
      .createTable('covered_list_versions')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('imported_at', q.timestamp, (c) => c.notNull())
      .addColumn('organisations', 'integer', (c) => c.notNull())
      .addColumn('designations', 'integer', (c) => c.notNull())
      .addColumn('ownership_links', 'integer', (c) => c.notNull())
      .addColumn('release_json', q.json, (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('covered_list_versions').execute();
  },
};
