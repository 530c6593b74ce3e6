import { describe, expect, it } from 'vitest';
import type { Access, FacilityId } from '@portguard/core';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { inventoryRepository } from '../../src/db/index.js';
import { loadScopedDataset } from '../../src/db/repositories/scoped-inventory.js';
import { createFindingsService } from '../../src/services/dashboard.js';
import { contextFor } from '../support/context.js';
import { forEachDialect, onSqlite } from '../support/databases.js';

const facilitiesOf = (access: Access) => (access.kind === 'all' ? [] : access.ids);

describe('loadScopedDataset', () => {
  forEachDialect((_dialect, open) => {
    it('reads only the facilities in scope, their rows and ports; reference data whole', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, store.dialect);
      await repo.upsert(loadBundledDataset());
      const whole = await repo.load();
      expect(await loadScopedDataset(store.db, { kind: 'all' })).toEqual(whole);

      const portId = whole.facilities.find((f) => f.portId !== undefined)!.portId!;
      const ids = whole.facilities.filter((f) => f.portId === portId).map((f) => f.id);
      const ds = await loadScopedDataset(store.db, { kind: 'facilities', ids });
      const mine = new Set<string>(ids);
      expect(ds.facilities.map((f) => f.id)).toEqual(ids);
      expect(ds.ports.map((p) => p.id)).toEqual([portId]);
      expect(ds.assets).toEqual(whole.assets.filter((a) => mine.has(a.facilityId)));
      expect(ds.assets.length).toBeGreaterThan(0);
      const assetIds = new Set<string>(ds.assets.map((a) => a.id));
      expect(ds.components).toEqual(whole.components.filter((c) => assetIds.has(c.assetId)));
      expect(ds.capacities).toEqual(whole.capacities.filter((c) => mine.has(c.facilityId)));
      expect(ds.organisations).toEqual(whole.organisations);
      expect(ds.designations).toEqual(whole.designations);
      expect(ds.ownershipLinks).toEqual(whole.ownershipLinks);

      const none = await loadScopedDataset(store.db, { kind: 'facilities', ids: [] });
      expect([none.ports, none.facilities, none.assets, none.components, none.capacities]).toEqual([
        [],
        [],
        [],
        [],
        [],
      ]);
    });
  });
});

describe('dashboard findings service', () => {
  onSqlite((open) => {
    it("gives a port-operator its own port's findings only, the same as the national screening's", async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, store.dialect);
      await repo.upsert(loadBundledDataset());
      const whole = await repo.load();
      const { findings } = createFindingsService(contextFor(store));
      const national = await findings({ kind: 'all' });

      const portOf = new Map<string, string | undefined>(whole.facilities.map((f) => [f.id, f.portId]));
      const portsWithFindings = [
        ...new Set(national.flatMap((f) => (f.subject.facilityId ? [portOf.get(f.subject.facilityId)] : []))),
      ];
      // Two ports with findings, so that a leak from the other would show.
      expect(portsWithFindings.length).toBeGreaterThan(1);
      for (const portId of portsWithFindings.slice(0, 2)) {
        const access: Access = {
          kind: 'facilities',
          ids: whole.facilities.filter((f) => f.portId === portId).map((f) => f.id as FacilityId),
        };
        const mine = new Set<string>(facilitiesOf(access));
        const got = await findings(access);
        const leaked = got.filter(
          (f) => f.subject.facilityId === undefined || !mine.has(f.subject.facilityId),
        );
        expect(leaked).toEqual([]);
        expect(got).toEqual(
          national.filter((f) => f.subject.facilityId !== undefined && mine.has(f.subject.facilityId)),
        );
        expect(got.length).toBeGreaterThan(0);
      }
    });
  });
});
