import type { Access, FacilityId } from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { inventoryRepository } from '../../src/db/index.js';
import { sqliteConnectionOf } from '../../src/db/create-db.js';
import {
  listAssetsScoped,
  listFacilitiesScoped,
  updateAssetScoped,
  type Paging,
  type ScopedAssetFilter,
} from '../../src/db/repositories/scoped-inventory.js';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { onSqlite } from '../support/databases.js';

// On SQLite the asset and facility listings run their Kysely-compiled queries as cached raw statements; inside a
// transaction (no raw connection) they run through Kysely. Both must give the same pages.
describe('listings on the raw SQLite path', () => {
  onSqlite((open) => {
    it('gives what the Kysely path gives, for every filter, scope and page, and sees writes', async () => {
      const store = await open();
      await inventoryRepository(store.db, store.dialect).upsert(loadBundledDataset());
      expect(sqliteConnectionOf(store.db)).toBeDefined();

      const facilities = await store.db
        .selectFrom('facilities')
        .select(['id', 'port_id'])
        .orderBy('id')
        .execute();
      const someAsset = await store.db
        .selectFrom('assets')
        .select(['facility_id', 'maker_name'])
        .where('maker_name', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const port = facilities.find((f) => f.port_id !== null)!.port_id!;
      const accesses: Access[] = [
        { kind: 'all' },
        { kind: 'facilities', ids: [someAsset.facility_id as FacilityId] },
        { kind: 'facilities', ids: facilities.slice(0, 7).map((f) => f.id as FacilityId) },
        { kind: 'facilities', ids: [] },
      ];
      const filters: ScopedAssetFilter[] = [
        {},
        { portId: port },
        { facilityId: someAsset.facility_id },
        { kind: 'sts-crane' },
        { status: 'operational' },
        { maker: someAsset.maker_name!.slice(1, 5).toUpperCase() },
        { maker: '50%_\\' },
        { kind: 'sts-crane', portId: port },
      ];
      const pages: Paging[] = [
        { limit: 100, offset: 0 },
        { limit: 7, offset: 0 },
        { limit: 7, offset: 14 },
        { limit: 1000, offset: 0 },
        { limit: 10, offset: 5000 },
      ];
      let nonEmpty = 0;
      for (const access of accesses) {
        for (const filter of filters) {
          for (const page of pages) {
            const raw = await listAssetsScoped(store.db, access, filter, page);
            const viaKysely = await store.db
              .transaction()
              .execute((tx) => listAssetsScoped(tx, access, filter, page));
            expect(raw).toEqual(viaKysely);
            if (raw.items.length > 0) nonEmpty++;
          }
        }
      }
      expect(nonEmpty).toBeGreaterThan(40);

      for (const access of accesses) {
        for (const filter of [{}, { portId: port }]) {
          for (const page of pages) {
            const raw = await listFacilitiesScoped(store.db, access, filter, page);
            const viaKysely = await store.db
              .transaction()
              .execute((tx) => listFacilitiesScoped(tx, access, filter, page));
            expect(raw).toEqual(viaKysely);
          }
        }
      }

      // The cached statement reads current data: a change made through Kysely shows in the next listing.
      const first = (await listAssetsScoped(store.db, { kind: 'all' }, {}, { limit: 1, offset: 0 }))
        .items[0]!;
      const serial = `${first.serial ?? 'S'}-changed`;
      await updateAssetScoped(store.db, { kind: 'all' }, first.id, { serial });
      const again = (await listAssetsScoped(store.db, { kind: 'all' }, {}, { limit: 1, offset: 0 }))
        .items[0]!;
      expect(again.serial).toBe(serial);
    });
  });
});
