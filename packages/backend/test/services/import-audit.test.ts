import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { CoveredListRelease } from '@portguard/core';
import { loadCoveredList } from '../../src/dataset/load.js';
import type { DbHandle } from '../../src/db/index.js';
import { exportDataset } from '../../src/io/index.js';
import { importCoveredList } from '../../src/screening/covered-lists.js';
import { importInventory } from '../../src/services/inventory.js';
import { contextFor } from '../support/context.js';
import { forEachDialect } from '../support/databases.js';
import { sampleDataset } from '../support/sample-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'portguard-import-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const count = async (store: DbHandle, table: 'assets' | 'audit_log' | 'covered_list_versions') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// A missing head row makes appendAudit throw: the audit write fails after the change was written.
const breakAudit = (store: DbHandle) => store.db.deleteFrom('audit_head').execute();

const releaseFile = (name: string, version: string) => {
  const release: CoveredListRelease = { ...loadCoveredList(), version, publishedAt: '2027-03-01' };
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(release));
  return file;
};

forEachDialect((dialect, open) => {
  const inventoryFile = async () => ({
    name: 'inventory.json',
    content: await exportDataset(sampleDataset(), 'json'),
  });

  it(`an inventory import and its audit entry commit together (${dialect})`, async () => {
    const store = await open();
    const ctx = contextFor(store);
    const r = await importInventory(ctx, [await inventoryFile()], { actor: 'alice' });
    expect(r.ok).toBe(true);
    const entries = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(entries.map((e) => [e.actor, e.action, e.entity_id])).toEqual([
      ['alice', 'inventory.import', 'inventory.json'],
    ]);
    expect(await count(store, 'assets')).toBe(sampleDataset().assets.length);
  });

  it(`a failing audit write rolls the inventory import back (${dialect})`, async () => {
    const store = await open();
    const ctx = contextFor(store);
    await breakAudit(store);
    await expect(importInventory(ctx, [await inventoryFile()], { actor: 'alice' })).rejects.toMatchObject({
      code: 'infrastructure',
    });
    expect(await count(store, 'assets')).toBe(0);
    expect(await count(store, 'audit_log')).toBe(0);
    expect(await store.db.selectFrom('import_log').selectAll().execute()).toEqual([]);
  });

  it(`a covered-list import is audited, and a failing audit write stores no version (${dialect})`, async () => {
    const store = await open();
    const ctx = contextFor(store);
    await importCoveredList(ctx, releaseFile(`a-${dialect}.json`, '2027.03'), { actor: 'bob' });
    const entries = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(entries.map((e) => [e.actor, e.action, e.entity_id])).toEqual([
      ['bob', 'covered-list.import', '2027.03'],
    ]);

    await breakAudit(store);
    await expect(importCoveredList(ctx, releaseFile(`b-${dialect}.json`, '2027.04'))).rejects.toThrow();
    expect(await count(store, 'covered_list_versions')).toBe(1);
    expect(await count(store, 'audit_log')).toBe(1);
  });
});
