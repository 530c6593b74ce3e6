import type { PortGuardMigration } from './types.js';

/** Screening findings (the current set, replaced by each run with reviews carried over), runs, and review history. */
export const m0450Findings: PortGuardMigration = {
  async up(db, q) {
    await db.schema
      .createTable('screening_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('list_version', 'text', (c) => c.notNull())
      .addColumn('screened_at', q.timestamp, (c) => c.notNull())
      .addColumn('findings', 'integer', (c) => c.notNull())
      .addColumn('diff_json', q.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('findings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('facility_id', 'text')
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('severity_rank', 'integer', (c) => c.notNull())
      .addColumn('score', q.double, (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('list_version', 'text', (c) => c.notNull())
      .addColumn('finding_json', q.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('findings_status')
      .on('findings')
      .columns(['status', 'severity_rank'])
      .execute();
    await db.schema
      .createTable('finding_reviews')
      .addColumn('finding_id', 'text', (c) => c.notNull())
      .addColumn('at', q.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('finding_reviews_pk', ['finding_id', 'at'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('finding_reviews').execute();
    await db.schema.dropTable('findings').execute();
    await db.schema.dropTable('screening_runs').execute();
  },
};
