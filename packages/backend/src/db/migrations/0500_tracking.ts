import type { PortGuardMigration } from './types.js';

/** Program tracking: the lifecycle history of each replacement (append-only), approved baselines, budget revisions. */
export const m0500Tracking: PortGuardMigration = {
  async up(db, q) {
    await db.schema
      .createTable('track_steps')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('crane_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('amount_cents', q.double)
      .addColumn('supplier_id', 'text')
      .addColumn('evidence', 'text')
      .addColumn('note', 'text')
      .addColumn('correction_reason', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', q.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('track_steps_crane').on('track_steps').columns(['crane_id', 'seq']).execute();
    await db.schema
      .createTable('baselines')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('approved_at', q.timestamp, (c) => c.notNull())
      .addColumn('approved_by', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('problem_json', q.json, (c) => c.notNull())
      .addColumn('plan_json', q.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('budget_revisions')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('fiscal_year', 'integer', (c) => c.notNull())
      .addColumn('amount_cents', q.double, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', q.timestamp, (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('budget_revisions').execute();
    await db.schema.dropTable('baselines').execute();
    await db.schema.dropTable('track_steps').execute();
  },
};
