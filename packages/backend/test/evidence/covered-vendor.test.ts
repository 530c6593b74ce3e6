import { expect, it } from 'vitest';
import { coveredListsRepository } from '../../src/db/repositories/covered-lists.js';
import { loadCoveredList } from '../../src/dataset/load.js';
import { coveredVendorCheck } from '../../src/evidence/service.js';
import { contextFor } from '../support/context.js';
import { onSqlite } from '../support/databases.js';

onSqlite((open) => {
  it('screens BOM and device vendors against the newest stored covered list, not only the bundled one', async () => {
    const ctx = contextFor(await open());
    const vendor = 'Harbour Lift Systems Trading';
    expect((await coveredVendorCheck(ctx))(vendor)).toBe(false);

    const bundled = loadCoveredList();
    await coveredListsRepository(ctx.store.db).save(
      {
        ...bundled,
        version: '2027.01-1',
        publishedAt: '2027-01-15',
        organisations: bundled.organisations.map((o) =>
          o.id === 'ce-zpmc' ? { ...o, aliases: [...o.aliases, vendor] } : o,
        ),
      },
      new Date('2027-01-16T00:00:00Z'),
    );
    expect((await coveredVendorCheck(ctx))(vendor)).toBe(true);
  });
});
