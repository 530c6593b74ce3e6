import type { PortGuardMigration } from './types.js';

const inventoryTables = [
  'import_log',
  'parameters',
  'funding_programs',
  'suppliers',
  'components',
  'assets',
  'capacities',
  'facilities',
  'ports',
  'designations',
  'ownership_links',
  'organisations',
] as const;

export const m0001Inventory: PortGuardMigration = {
  async up(db, q) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('legal_name', 'text', (c) => c.notNull())
      .addColumn('aliases', q.json, (c) => c.notNull())
      .addColumn('other_script_names', q.json, (c) => c.notNull())
      .addColumn('identifiers', q.json, (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('roles', q.json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ownership_links')
      .addColumn('parent_id', 'text', (c) => c.notNull())
      .addColumn('child_id', 'text', (c) => c.notNull())
      .addColumn('control', 'text', (c) => c.notNull())
      .addColumn('percent', q.double)
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('as_of', 'text')
      .addPrimaryKeyConstraint('ownership_links_pk', ['parent_id', 'child_id', 'control'])
      .execute();

    await db.schema
      .createTable('designations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('citation', 'text', (c) => c.notNull())
      .addColumn('equipment_categories', q.json, (c) => c.notNull())
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('designations_organisation')
      .on('designations')
      .column('organisation_id')
      .execute();

    await db.schema
      .createTable('ports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('lat', q.double, (c) => c.notNull())
      .addColumn('lon', q.double, (c) => c.notNull())
      .addColumn('teu_per_year', q.double)
      .addColumn('teu_year', 'integer')
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('facilities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('port_id', 'text', (c) => c.references('ports.id'))
      .addColumn('lat', q.double)
      .addColumn('lon', q.double)
      .addColumn('operator', 'text')
      .addColumn('operator_id', 'text')
      .addColumn('region', 'text')
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('facilities_port').on('facilities').column('port_id').execute();

    await db.schema
      .createTable('capacities')
      .addColumn('facility_id', 'text', (c) => c.primaryKey().references('facilities.id'))
      .addColumn('berths', 'integer', (c) => c.notNull())
      .addColumn('moves_per_crane_hour', q.double, (c) => c.notNull())
      .addColumn('operating_hours_per_month', q.double, (c) => c.notNull())
      .addColumn('teu_per_move', q.double, (c) => c.notNull())
      .addColumn('max_utilisation', q.double, (c) => c.notNull())
      .addColumn('demand_teu_per_year', q.double, (c) => c.notNull())
      .addColumn('base_year', 'integer', (c) => c.notNull())
      .addColumn('seasonality', q.json, (c) => c.notNull())
      .addColumn('growth_per_year', q.double, (c) => c.notNull())
      .addColumn('min_cranes_in_service', 'integer', (c) => c.notNull())
      .addColumn('rail_slots', 'integer', (c) => c.notNull())
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('assets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('maker_id', 'text')
      .addColumn('maker_name', 'text')
      .addColumn('model', 'text')
      .addColumn('serial', 'text')
      .addColumn('year_commissioned', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('size_class', 'text')
      .addColumn('criticality', 'text', (c) => c.notNull())
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assets_facility').on('assets').column('facility_id').execute();
    await db.schema.createIndex('assets_kind').on('assets').column('kind').execute();

    await db.schema
      .createTable('components')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('maker_id', 'text')
      .addColumn('maker_name', 'text')
      .addColumn('model', 'text')
      .addColumn('firmware', 'text')
      .addColumn('network', q.json, (c) => c.notNull())
      .addColumn('provenance', q.json)
      .execute();
    await db.schema.createIndex('components_asset').on('components').column('asset_id').execute();

    await db.schema
      .createTable('suppliers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('trusted', q.boolean, (c) => c.notNull())
      .addColumn('trust_reason', 'text', (c) => c.notNull())
      .addColumn('offers', q.json, (c) => c.notNull())
      .addColumn('lead_time_months', q.json, (c) => c.notNull())
      .addColumn('delivery_modes', q.json, (c) => c.notNull())
      .addColumn('tariff_rate', q.double, (c) => c.notNull())
      .addColumn('installation_cents', q.double, (c) => c.notNull())
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('funding_programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('appropriations', q.json, (c) => c.notNull())
      .addColumn('eligible_facility_kinds', q.json, (c) => c.notNull())
      .addColumn('carry_over', q.boolean, (c) => c.notNull())
      .addColumn('local_share', q.double, (c) => c.notNull())
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('parameters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', q.double, (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('provenance', q.json, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('import_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', q.timestamp, (c) => c.notNull())
      .addColumn('sources', q.json, (c) => c.notNull())
      .addColumn('counts', q.json, (c) => c.notNull())
      .execute();
  },

  async down(db) {
    for (const t of inventoryTables) await db.schema.dropTable(t).ifExists().execute();
  },
};
