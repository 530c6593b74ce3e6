import {
  Asset,
  Component,
  Dataset,
  DatasetParameter,
  Designation,
  Facility,
  FundingProgram,
  Organisation,
  OwnershipLink,
  Port,
  Supplier,
  TerminalCapacity,
} from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { inventoryRepository } from '../../src/db/index.js';
import { forEachDialect } from '../support/databases.js';
import { sampleDataset } from '../support/sample-dataset.js';

describe('inventory repository contract', () => {
  forEachDialect((dialect, open) => {
    it('starts empty after migration and reports it', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, store.dialect);
      expect(await repo.isEmpty()).toBe(true);
      expect((await repo.load()).assets).toEqual([]);
    });

    it('stores a dataset and loads back an equal one', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      const ds = sampleDataset();
      await repo.upsert(ds);
      const back = await repo.load();
      expect(back).toEqual({ ...ds, ...sortedById(ds) });
      expect((await repo.counts()).components).toBe(2);
      expect(back.parameters).toHaveLength(2);
    });

    it('upserts by key: a second write replaces, not duplicates', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      const ds = sampleDataset();
      await repo.upsert(ds);
      const renamed = ds.assets.map((a) => ({ ...a, model: 'renamed' }));
      await repo.upsert({ assets: renamed });
      const back = await repo.load();
      expect(back.assets).toHaveLength(ds.assets.length);
      expect(back.assets.every((a) => a.model === 'renamed')).toBe(true);
    });

    it('filters assets by port, facility, kind and maker (id or part of name, any case)', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      await repo.upsert(sampleDataset());
      const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);
      expect(ids(await repo.listAssets({ portId: 'port-lb' }))).toEqual(['crane-lb-1', 'crane-lb-2']);
      expect(ids(await repo.listAssets({ facilityId: 'fac-sav-1' }))).toEqual(['crane-sav-1']);
      expect(ids(await repo.listAssets({ maker: 'zpm' }))).toEqual(['crane-lb-1', 'crane-sav-1']);
      expect(ids(await repo.listAssets({ maker: 'KONE' }))).toEqual(['crane-lb-2']);
      expect(ids(await repo.listAssets({ maker: 'ce-zpmc' }))).toEqual(['crane-lb-1']);
      expect(ids(await repo.listAssets({ kind: 'rtg' }))).toEqual([]);
      expect(ids(await repo.listAssets({ maker: '%' }))).toEqual([]);
      expect(ids(await repo.listFacilities({ portId: 'port-sav' }))).toEqual(['fac-sav-1']);
    });

    it('returns JSON object keys in one order on both dialects (JSONB reorders them)', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      const ds = sampleDataset();
      const provenance = {
        yearCommissioned: { kind: 'user' as const },
        id: { kind: 'user' as const },
        model: { kind: 'user' as const },
      };
      await repo.upsert({ ...ds, assets: ds.assets.map((a) => ({ ...a, provenance })) });
      const back = await repo.load();
      expect(Object.keys(back.assets[0]?.provenance ?? {})).toEqual(['id', 'model', 'yearCommissioned']);
    });

    it('rolls back every table when a transaction fails half-way', async () => {
      const store = await open();
      const ds = sampleDataset();
      await expect(
        store.db.transaction().execute(async (trx) => {
          await inventoryRepository(trx, dialect).upsert(ds);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await inventoryRepository(store.db, dialect).isEmpty()).toBe(true);
    });

    it('refuses an asset whose facility does not exist (foreign key)', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      const ds = sampleDataset();
      await expect(repo.upsert({ assets: ds.assets })).rejects.toThrow();
    });

    it('logs imports with their time, sources and counts', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      const at = new Date('2026-11-26T12:34:56.789Z');
      await repo.logImport({ at, sources: ['assets.csv'], counts: { assets: 3 } });
      expect(await repo.importLog()).toEqual([
        expect.objectContaining({ at: at.toISOString(), sources: ['assets.csv'], counts: { assets: 3 } }),
      ]);
    });

    it('knows which ids exist, for referential checks', async () => {
      const store = await open();
      const repo = inventoryRepository(store.db, dialect);
      await repo.upsert(sampleDataset());
      const known = await repo.knownIds();
      expect(known.facilities.has('fac-lb-a')).toBe(true);
      expect(known.assets.has('nope')).toBe(false);
      expect(known.organisations.size).toBe(3);
    });
  });
});

function sortedById<T extends Record<string, unknown>>(ds: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ds)) {
    out[k] = Array.isArray(v)
      ? [...(v as { id?: string; facilityId?: string }[])].sort((a, b) =>
          (a.id ?? a.facilityId ?? '') < (b.id ?? b.facilityId ?? '') ? -1 : 1,
        )
      : v;
  }
  return out as T;
}

describe('inventory row mappings', () => {
  // When a field is added to a core schema, this fails until inventory-rows.ts (and the migration) store it.
  it('cover every field of every stored schema', () => {
    const mapped: Record<string, readonly string[]> = {
      organisations: ['id', 'legalName', 'aliases', 'otherScriptNames', 'identifiers', 'country', 'roles'],
      ownershipLinks: ['parentId', 'childId', 'percent', 'control', 'source', 'asOf'],
      designations: ['id', 'organisationId', 'list', 'date', 'citation', 'equipmentCategories', 'note'],
      ports: ['id', 'name', 'state', 'location', 'teuPerYear', 'teuYear', 'provenance'],
      facilities: [
        'id',
        'kind',
        'name',
        'portId',
        'location',
        'operator',
        'operatorId',
        'region',
        'provenance',
      ],
      capacities: Object.keys(TerminalCapacity.shape),
      assets: [
        'id',
        'facilityId',
        'kind',
        'makerId',
        'makerName',
        'model',
        'serial',
        'yearCommissioned',
        'status',
        'sizeClass',
        'criticality',
        'provenance',
      ],
      components: [
        'id',
        'assetId',
        'kind',
        'makerId',
        'makerName',
        'model',
        'firmware',
        'network',
        'provenance',
      ],
      suppliers: [
        'id',
        'organisationId',
        'name',
        'country',
        'trusted',
        'trustReason',
        'offers',
        'leadTimeMonths',
        'deliveryModes',
        'tariffRate',
        'installationCents',
        'provenance',
      ],
      fundingPrograms: [
        'id',
        'name',
        'appropriations',
        'eligibleFacilityKinds',
        'eligibleAssetKinds',
        'carryOver',
        'localShare',
        'provenance',
      ],
      parameters: ['name', 'value', 'unit', 'description', 'provenance'],
    };
    const schemas = {
      organisations: Organisation,
      ownershipLinks: OwnershipLink,
      designations: Designation,
      ports: Port,
      facilities: Facility,
      assets: Asset,
      components: Component,
      suppliers: Supplier,
      fundingPrograms: FundingProgram,
      parameters: DatasetParameter,
    };
    for (const [key, schema] of Object.entries(schemas))
      expect([key, Object.keys(schema.shape).sort()]).toEqual([key, [...(mapped[key] ?? [])].sort()]);
    expect(
      Object.keys(Dataset.shape)
        .filter((k) => k !== 'formatVersion')
        .sort(),
    ).toEqual(Object.keys(mapped).sort());
  });
});
