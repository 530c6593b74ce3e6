import type { PortGuardMigration } from './types.js';

/** Declared network zones (issue #8): name, kind (ot, it, dmz, external), CIDR ranges, optionally a facility. */
export const m0540NetworkZones: PortGuardMigration = {
  async up(db, q) {
    await db.schema
      .createTable('network_zones')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('cidrs', q.json, (c) => c.notNull())
      .addColumn('facility_id', 'text')
      .addColumn('declared_at', q.timestamp, (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('network_zones').execute();
  },
};
