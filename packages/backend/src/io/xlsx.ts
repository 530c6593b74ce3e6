import ExcelJS from 'exceljs';
import type { RawCell } from './cells.js';
import { resolveHeader, type SheetRead } from './csv.js';
import { importIssue, type ImportIssue } from './issues.js';
import { tables, type TableKey, type TableSpec } from './layout.js';
import { readRow, writeRow, type ParsedRecord } from './rows.js';

type Cell = RawCell | { bad: string };

function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : undefined;
  if ('formula' in v || 'sharedFormula' in v) return { bad: 'a formula; paste values instead' };
  if ('error' in v) return { bad: `an error value (${String(v.error)})` };
  return { bad: 'an unsupported cell type' };
}

/** Reads every sheet of a workbook; sheets named `_…` (notes) are skipped. */
export async function readXlsx(
  file: string,
  content: Uint8Array,
  tableHint?: TableSpec,
): Promise<SheetRead[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch (e) {
    return [
      {
        table: undefined,
        records: [],
        issues: [
          importIssue({
            file,
            format: 'xlsx',
            code: 'bad_xlsx',
            expected: `not a readable .xlsx workbook: ${(e as Error).message}`,
          }),
        ],
      },
    ];
  }
  const out: SheetRead[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name.startsWith('_') || ws.actualRowCount === 0) continue;
    const headerRow = ws.getRow(1);
    const header: string[] = [];
    for (let c = 1; c <= headerRow.cellCount; c++) {
      const v = cellOf(headerRow.getCell(c).value);
      header.push(
        typeof v === 'string' ? v.trim() : v === undefined ? '' : String(typeof v === 'object' ? '' : v),
      );
    }
    const { table, issues } = resolveHeader(file, 'xlsx', ws.name, header, tableHint);
    const fix = (i: ImportIssue): ImportIssue =>
      i.table ? i : { ...i, message: i.message.replace(file, `${file} sheet ${ws.name}`) };
    if (!table || issues.length > 0) {
      out.push({ table, records: [], issues: issues.map(fix) });
      continue;
    }
    const records: ParsedRecord[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const origin = { file, format: 'xlsx', row: rowNumber } as const;
      const cells = new Map<string, RawCell>();
      let badCells = false;
      header.forEach((h, j) => {
        const v = cellOf(row.getCell(j + 1).value);
        if (typeof v === 'object') {
          badCells = true;
          issues.push(
            importIssue({
              ...origin,
              table: table.key,
              column: h,
              code: 'invalid_cell',
              expected: `expected a value, found ${v.bad}`,
            }),
          );
        } else cells.set(h, v);
      });
      if (badCells) return;
      if ([...cells.values()].every((v) => v === undefined || (typeof v === 'string' && v.trim() === '')))
        return;
      const r = readRow(table, cells, origin);
      if (r.ok) records.push(r.record);
      else issues.push(...r.issues);
    });
    out.push({ table, records, issues });
  }
  if (out.length === 0) {
    out.push({
      table: undefined,
      records: [],
      issues: [
        importIssue({ file, format: 'xlsx', code: 'empty', expected: 'the workbook has no sheet with data' }),
      ],
    });
  }
  return out;
}

/** One sheet per table (all tables, in import order), header in bold and frozen; text cells neutralised. */
export async function writeXlsx(
  data: Partial<Record<TableKey, readonly unknown[] | undefined>>,
  only?: readonly TableKey[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PortGuard';
  for (const t of tables) {
    if (only && !only.includes(t.key)) continue;
    const ws = wb.addWorksheet(t.key, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.columns.map((c) => c.name)).font = { bold: true };
    for (const item of data[t.key] ?? [])
      ws.addRow(writeRow(t, item).map((c) => (c === undefined ? null : c)));
    ws.columns.forEach((c) => (c.width = 18));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
