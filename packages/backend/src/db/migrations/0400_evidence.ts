import type { PortGuardMigration } from './types.js';

/** One row per imported evidence file: its summary and the folded observations (devices, conversations, indicators). */
export const m0400Evidence: PortGuardMigration = {
  async up(db, q) {
    await db.schema
      .createTable('evidence_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text')
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('format', 'text')
      .addColumn('imported_at', q.timestamp, (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('refused', q.boolean, (c) => c.notNull())
      .addColumn('issues', q.json, (c) => c.notNull())
      .addColumn('meta', q.json, (c) => c.notNull())
      .addColumn('observations', q.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('evidence_imports_facility')
      .on('evidence_imports')
      .columns(['facility_id', 'imported_at'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('evidence_imports').execute();
  },
};
