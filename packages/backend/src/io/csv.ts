import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { RawCell } from './cells.js';
import { importIssue, type ImportIssue } from './issues.js';
import { detectTable, findTable, type TableSpec } from './layout.js';
import { readRow, writeRow, type ParsedRecord } from './rows.js';

export interface SheetRead {
  readonly table: TableSpec | undefined;
  readonly records: ParsedRecord[];
  readonly issues: ImportIssue[];
}

const stem = (file: string) => (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '');

/**
 * Chooses the table for a sheet: an explicit `--table`, else the file or sheet name, else the header.
 * Then checks the header: every column known, none twice, the key columns present.
 */
export function resolveHeader(
  file: string,
  format: 'csv' | 'xlsx',
  sheetName: string,
  header: readonly string[],
  tableHint: TableSpec | undefined,
): { table: TableSpec | undefined; issues: ImportIssue[] } {
  const table = tableHint ?? findTable(sheetName) ?? detectTable(header);
  const at = { file, format, row: 1 } as const;
  if (!table) {
    return {
      table,
      issues: [
        importIssue({
          ...at,
          code: 'unknown_table',
          expected: `cannot tell which table this is: name it after a table (e.g. assets.csv) or pass --table; header was ${header.join(',')}`,
        }),
      ],
    };
  }
  const names = new Set(table.columns.map((c) => c.name));
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') continue;
    if (!names.has(h)) {
      issues.push(
        importIssue({
          ...at,
          table: table.key,
          column: h,
          code: 'unknown_column',
          expected: `unknown column for ${table.key}; expected some of: ${[...names].join(', ')}`,
        }),
      );
    } else if (seen.has(h)) {
      issues.push(
        importIssue({
          ...at,
          table: table.key,
          column: h,
          code: 'duplicate_column',
          expected: 'this column appears twice',
        }),
      );
    }
    seen.add(h);
  }
  for (const k of table.keyFields) {
    if (!seen.has(k)) {
      issues.push(
        importIssue({
          ...at,
          table: table.key,
          column: k,
          code: 'missing_column',
          expected: `the key column ${k} is missing`,
        }),
      );
    }
  }
  return { table, issues };
}

/** Reads one table from CSV text (UTF-8, comma-separated, header row first). */
export function readCsv(file: string, text: string, tableHint?: TableSpec): SheetRead {
  let rows: string[][];
  try {
    // Without a quote character CSV is plain lines and commas; splitting is several times faster than the parser.
    rows = text.includes('"')
      ? parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false })
      : text
          .replace(/^\uFEFF/, '')
          .split(/\r\n|\n|\r/)
          .map((line) => line.split(','));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      table: undefined,
      records: [],
      issues: [
        importIssue({
          file,
          format: 'csv',
          ...(line !== undefined ? { row: line } : {}),
          code: 'bad_csv',
          expected: `not valid CSV: ${(e as Error).message}`,
        }),
      ],
    };
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (rows.length === 0 || header.every((h) => h === '')) {
    return {
      table: undefined,
      records: [],
      issues: [
        importIssue({
          file,
          format: 'csv',
          row: 1,
          code: 'empty',
          expected: 'the file is empty; expected a header row',
        }),
      ],
    };
  }
  const { table, issues } = resolveHeader(file, 'csv', stem(file), header, tableHint);
  if (!table || issues.length > 0) return { table, records: [], issues };
  const records: ParsedRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (row.every((c) => c.trim() === '')) continue;
    const origin = { file, format: 'csv', row: i + 1 } as const;
    if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== '')) {
      issues.push(
        importIssue({
          ...origin,
          table: table.key,
          code: 'extra_cells',
          expected: `the row has ${row.length} cells but the header has ${header.length} columns`,
        }),
      );
      continue;
    }
    const cells = new Map<string, RawCell>();
    header.forEach((h, j) => cells.set(h, row[j]));
    const r = readRow(table, cells, origin);
    if (r.ok) records.push(r.record);
    else issues.push(...r.issues);
  }
  return { table, records, issues };
}

/** One table as CSV text, header first; text cells are neutralised against formula injection. */
export function writeCsv(table: TableSpec, items: readonly unknown[]): string {
  const header = table.columns.map((c) => c.name);
  const body = items.map((item) => writeRow(table, item).map((c) => (c === undefined ? '' : String(c))));
  return stringify([header, ...body], { record_delimiter: '\n' });
}
