import type { PortGuardMigration } from './types.js';

export const m0110Audit: PortGuardMigration = {
  async up(db) {
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_facility')
      .on('audit_log')
      .columns(['facility_id', 'seq'])
      .execute();
    // One row: the last seq and hash, so that deleting the newest entries is detected too.
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto('audit_head')
      .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('audit_head').execute();
    await db.schema.dropTable('audit_log').execute();
  },
};
