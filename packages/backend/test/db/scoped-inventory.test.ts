import { AssetSummary, type FacilityId } from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { inventoryRepository } from '../../src/db/index.js';
import { listAssetsScoped, listFacilitiesScoped } from '../../src/db/repositories/scoped-inventory.js';
import { assets as assetRows, facilities as facilityRows } from '../../src/db/repositories/inventory-rows.js';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { forEachDialect } from '../support/databases.js';

// The listings map rows without zod; they must give exactly what the validated inventory mapping gives.
describe('scoped listings', () => {
  forEachDialect((_dialect, open) => {
    it('map rows as the validated inventory mapping does, and count past a full page', async () => {
      const store = await open();
      await inventoryRepository(store.db, store.dialect).upsert(loadBundledDataset());
      const all = { kind: 'all' } as const;

      const facilityRowsInDb = await store.db.selectFrom('facilities').selectAll().orderBy('id').execute();
      const facilities = await listFacilitiesScoped(store.db, all, {}, { limit: 1000, offset: 0 });
      expect(facilities.items).toEqual(facilityRowsInDb.map((r) => facilityRows.fromRow(r)));
      expect(facilities.total).toBe(facilityRowsInDb.length);

      const assetRowsInDb = await store.db.selectFrom('assets').selectAll().orderBy('id').execute();
      const expected = assetRowsInDb.map((r) => AssetSummary.parse(assetRows.fromRow(r)));
      const page = await listAssetsScoped(store.db, all, {}, { limit: 100, offset: 100 });
      expect(page.items).toEqual(expected.slice(100, 200));
      expect(page.total).toBe(expected.length);
      const first = await listFacilitiesScoped(store.db, all, {}, { limit: 5, offset: 0 });
      expect(first.total).toBe(facilityRowsInDb.length);

      const mine = [facilityRowsInDb[0]!.id as FacilityId];
      const scoped = await listAssetsScoped(
        store.db,
        { kind: 'facilities', ids: mine },
        {},
        { limit: 1000, offset: 0 },
      );
      expect(scoped.items).toEqual(expected.filter((a) => a.facilityId === mine[0]));
      expect(scoped.total).toBe(scoped.items.length);
    });
  });
});
