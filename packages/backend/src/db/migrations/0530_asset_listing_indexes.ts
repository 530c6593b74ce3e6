import type { PortGuardMigration } from './types.js';

/**
 * Asset listings filtered by kind are paged in id order. With `assets_kind` alone SQLite reads every asset of the
 * kind (476 of 510 in the bundled data are cranes) and sorts them to return a page of 20; with (kind, id) it
 * reads the page straight from the index (~88 µs → ~29 µs per page of 20 on SQLite).
 */
export const m0530AssetListingIndexes: PortGuardMigration = {
  async up(db) {
    await db.schema.createIndex('assets_kind_id').on('assets').columns(['kind', 'id']).execute();
  },
  async down(db) {
    await db.schema.dropIndex('assets_kind_id').execute();
  },
};
