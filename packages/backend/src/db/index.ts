export { createDb, dbConfigFrom, type DbConfig, type DbHandle } from './create-db.js';
export { migrateToLatest, type MigrationOutcome } from './migrate.js';
export { migrations, type PortGuardMigration } from './migrations/index.js';
export type { Database } from './schema.js';
export { quirksFor, type DialectName, type DialectQuirks } from './quirks.js';
export {
  inventoryRepository,
  type AssetFilter,
  type ImportLogEntry,
  type InventoryCounts,
  type InventoryKey,
  type InventoryRepository,
  type KnownIds,
} from './repositories/inventory.js';
