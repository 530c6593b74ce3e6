import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { inventoryRepository } from '../../src/db/index.js';
import { templateFiles, type InputFile } from '../../src/io/index.js';
import { exportInventory, importInventory } from '../../src/services/inventory.js';
import { contextFor } from '../support/context.js';
import { forEachDialect, onSqlite } from '../support/databases.js';
import { sampleDataset } from '../support/sample-dataset.js';

const file = (name: string, text: string): InputFile => ({ name, content: new TextEncoder().encode(text) });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const facilitiesCsv =
  'id,kind,name\nfac-a,container-terminal,Terminal A\nfac-b,container-terminal,Terminal B\n';

/** 20 data rows (spreadsheet rows 2..21); rows 3 and 17 are bad. */
function assetsCsvWithErrorsAt3And17(): string {
  const lines = ['id,facilityId,kind,makerName,yearCommissioned,status'];
  for (let row = 2; row <= 21; row++) {
    if (row === 3) lines.push(`crane-${row},fac-a,sts-crane,ZPMC,twenty-ten,in-service`);
    else if (row === 17) lines.push(`crane-${row},fac-a,spaceship,ZPMC,2010,in-service`);
    else lines.push(`crane-${row},fac-a,sts-crane,ZPMC,2010,in-service`);
  }
  return lines.join('\n') + '\n';
}

describe('inventory import', () => {
  forEachDialect((_dialect, open) => {
    it('reports every bad row (3 and 17) at once and writes nothing', async () => {
      const store = await open();
      const ctx = contextFor(store);
      const before = await inventoryRepository(store.db, store.dialect).counts();
      const report = await importInventory(ctx, [
        file('facilities.csv', facilitiesCsv),
        file('assets.csv', assetsCsvWithErrorsAt3And17()),
      ]);
      expect(report.ok).toBe(false);
      if (report.ok) return;
      expect(report.issues.map((i) => [i.file, i.row, i.column])).toEqual([
        ['assets.csv', 3, 'yearCommissioned'],
        ['assets.csv', 17, 'kind'],
      ]);
      expect(report.issues[0]?.message).toContain(
        'assets.csv row 3, column yearCommissioned: "twenty-ten": expected a whole number',
      );
      expect(report.issues[1]?.message).toMatch(/assets\.csv row 17, column kind: "spaceship": .*sts-crane/);
      expect(await inventoryRepository(store.db, store.dialect).counts()).toEqual(before);
    });

    it('exports JSON that imports into an empty database and exports identically', async () => {
      const a = contextFor(await open());
      await inventoryRepository(a.store.db, a.store.dialect).upsert(sampleDataset());
      const first = await exportInventory(a, 'json');
      const b = contextFor(await open());
      const r = await importInventory(b, [{ name: 'export.json', content: first }]);
      expect(r.ok).toBe(true);
      expect(text(await exportInventory(b, 'json'))).toBe(text(first));
    });

    it('round-trips the whole database through XLSX', async () => {
      const a = contextFor(await open());
      await inventoryRepository(a.store.db, a.store.dialect).upsert(sampleDataset());
      const xlsx = await exportInventory(a, 'xlsx');
      const b = contextFor(await open());
      const r = await importInventory(b, [{ name: 'export.xlsx', content: xlsx }]);
      expect(r).toMatchObject({ ok: true });
      expect(text(await exportInventory(b, 'json'))).toBe(text(await exportInventory(a, 'json')));
    });
  });
});

describe('import checks', () => {
  onSqlite((open) => {
    it('neutralises formulas in XLSX exports and strips the guard on import', async () => {
      const ctx = contextFor(await open());
      await inventoryRepository(ctx.store.db, ctx.store.dialect).upsert(sampleDataset());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportInventory(ctx, 'xlsx')) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('designations');
      const header = (ws?.getRow(1).values as unknown[]).indexOf('citation');
      expect(ws?.getRow(2).getCell(header).value).toBe("'=cmd|calc 1260H list");
      const assets = wb.getWorksheet('assets');
      const serialCol = (assets?.getRow(1).values as unknown[]).indexOf('serial');
      expect(assets?.getRow(2).getCell(serialCol).value).toBe("'+1 555 0100");
      const b = contextFor(await open());
      await importInventory(b, [{ name: 'x.xlsx', content: new Uint8Array(await wb.xlsx.writeBuffer()) }]);
      const back = await inventoryRepository(b.store.db, b.store.dialect).load();
      expect(back.designations[0]?.citation).toBe('=cmd|calc 1260H list');
      expect(back.assets.find((a) => a.id === 'crane-lb-1')?.serial).toBe('+1 555 0100');
    });

    it('neutralises formulas in CSV templates and data alike', async () => {
      const ctx = contextFor(await open());
      const r = await importInventory(ctx, [
        file('facilities.csv', facilitiesCsv),
        file('assets.csv', 'id,facilityId,kind,model\nc1,fac-a,sts-crane,"\'=HYPERLINK(""x"")"\n'),
      ]);
      expect(r.ok).toBe(true);
      const [asset] = await inventoryRepository(ctx.store.db, ctx.store.dialect).listAssets();
      expect(asset?.model).toBe('=HYPERLINK("x")');
    });

    it('reports XLSX problems by sheet, row and column, and refuses formula cells', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('facilities');
      ws.addRow(['id', 'kind', 'name', 'location.lat', 'location.lon']);
      ws.addRow(['f1', 'other', 'One', 10, 20]);
      ws.addRow(['f2', 'other', { formula: 'CONCAT("a","b")', result: 'ab' }, 10, 20]);
      ws.addRow(['f3', 'other', 'Three', 'north', 20]);
      wb.addWorksheet('_notes').addRow(['anything goes here']);
      const ctx = contextFor(await open());
      const r = await importInventory(ctx, [
        { name: 'in.xlsx', content: new Uint8Array(await wb.xlsx.writeBuffer()) },
      ]);
      expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
        'in.xlsx sheet facilities row 3, column name: expected a value, found a formula; paste values instead',
        'in.xlsx sheet facilities row 4, column location.lat: "north": expected a number',
      ]);
      expect(await inventoryRepository(ctx.store.db, ctx.store.dialect).isEmpty()).toBe(true);
    });

    it('rolls back the whole import when the database refuses part of it', async () => {
      const ctx = contextFor(await open());
      await sql`create trigger no_assets before insert on assets begin select raise(abort, 'assets are read-only'); end`.execute(
        ctx.store.db,
      );
      const assets = file('assets.csv', 'id,facilityId,kind\nc1,fac-a,rtg\n');
      await expect(
        importInventory(ctx, [file('facilities.csv', facilitiesCsv), assets]),
      ).rejects.toMatchObject({
        code: 'infrastructure',
        message: expect.stringContaining('assets are read-only') as unknown,
      });
      expect(await inventoryRepository(ctx.store.db, ctx.store.dialect).isEmpty()).toBe(true);
    });

    it('--dry-run validates and writes nothing', async () => {
      const ctx = contextFor(await open());
      const r = await importInventory(ctx, [file('facilities.csv', facilitiesCsv)], { dryRun: true });
      expect(r).toEqual({ ok: true, dryRun: true, counts: { facilities: 2 }, total: 2 });
      expect(await inventoryRepository(ctx.store.db, ctx.store.dialect).isEmpty()).toBe(true);
    });

    it('accepts references to records already in the database, and rejects unknown ones', async () => {
      const ctx = contextFor(await open());
      expect((await importInventory(ctx, [file('facilities.csv', facilitiesCsv)])).ok).toBe(true);
      expect(
        (await importInventory(ctx, [file('assets.csv', 'id,facilityId,kind\nc1,fac-a,rtg\n')])).ok,
      ).toBe(true);
      const bad = await importInventory(ctx, [
        file('components.csv', 'id,assetId,kind\nk1,c1,plc\nk2,c9,plc\n'),
      ]);
      expect(bad.ok ? [] : bad.issues.map((i) => [i.row, i.column, i.code])).toEqual([
        [3, 'assetId', 'unknown_reference'],
      ]);
    });

    it('reports duplicate ids across files, with where the first one was', async () => {
      const ctx = contextFor(await open());
      const r = await importInventory(
        ctx,
        [file('facilities.csv', facilitiesCsv), file('more.csv', 'id,kind,name\nfac-b,other,Again\n')],
        {
          table: 'facilities',
        },
      );
      expect(r.ok ? '' : r.issues[0]?.message).toContain('already given at facilities.csv row 3');
    });

    it('detects the table from the header, and names unknown columns and missing values', async () => {
      const ctx = contextFor(await open());
      const r = await importInventory(ctx, [
        file('mine.csv', 'id,kind,name,colour\nf1,container-terminal,X,red\n'),
      ]);
      expect(r.ok ? [] : r.issues.map((i) => [i.table, i.column, i.code])).toEqual([
        ['facilities', 'colour', 'unknown_column'],
      ]);
      const r2 = await importInventory(ctx, [file('facilities.csv', 'id,kind,name\nf1,,X\n')]);
      expect(r2.ok ? '' : r2.issues[0]?.message).toBe(
        'facilities.csv row 2, column kind: (empty): a value is required here',
      );
    });

    it('reports JSON problems by table, index and field', async () => {
      const ctx = contextFor(await open());
      const doc = {
        ports: [{ id: 'p1', name: 'P', state: 'CA', location: { lat: 95, lon: 0 } }],
        widgets: [],
      };
      const r = await importInventory(ctx, [file('in.json', JSON.stringify(doc))]);
      expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
        expect.stringContaining('in.json widgets: unknown table'),
        expect.stringMatching(/^in\.json ports\[0\]\.location\.lat: 95: .*90/),
      ]);
    });

    it('writes templates that import cleanly when filled in', async () => {
      const [xlsx] = await templateFiles('xlsx');
      const ctx = contextFor(await open());
      expect(await importInventory(ctx, [{ name: 'blank.xlsx', content: xlsx!.content }])).toMatchObject({
        ok: true,
        total: 0,
      });
      const csv = await templateFiles('csv');
      expect(csv.map((f) => f.name)).toEqual(['facilities.csv', 'assets.csv', 'components.csv']);
      const header = text(csv[1]!.content).trim();
      const filled = `${header}\n${header
        .split(',')
        .map((c) => ({ id: 'a1', facilityId: 'fac-a', kind: 'sts-crane' })[c] ?? '')
        .join(',')}\n`;
      expect(
        (await importInventory(ctx, [file('facilities.csv', facilitiesCsv), file('assets.csv', filled)])).ok,
      ).toBe(true);
    });
  });
});
