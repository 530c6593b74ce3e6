import type { z } from 'zod';
import { readCell, showCell, writeCell, type RawCell } from './cells.js';
import { importIssue, type ImportIssue } from './issues.js';
import type { ColumnSpec, TableSpec } from './layout.js';

export interface Origin {
  readonly file: string;
  readonly format: 'csv' | 'xlsx' | 'json';
  /** Spreadsheet row number (CSV/XLSX) or array index (JSON). */
  readonly row: number;
}

export interface ParsedRecord {
  readonly value: Record<string, unknown>;
  readonly origin: Origin;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = target;
  for (const key of path.slice(0, -1)) {
    const next = o[key];
    if (typeof next === 'object' && next !== null) o = next as Record<string, unknown>;
    else o = o[key] = {};
  }
  o[path[path.length - 1] as string] = value;
}

function getPath(source: unknown, path: readonly string[]): unknown {
  let v: unknown = source;
  for (const key of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** The column that holds a zod issue's path: the longest column path that prefixes it, else the path itself. */
function columnFor(
  table: TableSpec,
  path: readonly PropertyKey[],
): { name: string; column: ColumnSpec | undefined } {
  let best: ColumnSpec | undefined;
  for (const c of table.columns) {
    if (c.path.length <= path.length && c.path.every((p, i) => p === path[i])) {
      if (!best || c.path.length > best.path.length) best = c;
    }
  }
  return best ? { name: best.name, column: best } : { name: path.map(String).join('.'), column: undefined };
}

/** Validates one record against the table schema and maps every zod issue to its column. */
export function validateRecord(
  table: TableSpec,
  raw: Record<string, unknown>,
  origin: Origin,
  cellOf: (column: ColumnSpec | undefined, path: readonly PropertyKey[]) => RawCell,
  exactPaths = false,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: ImportIssue[] } {
  const r = (table.schema as z.ZodType).safeParse(raw);
  if (r.success) return { ok: true, value: r.data as Record<string, unknown> };
  const issues = r.error.issues.map((zi) => {
    const found = columnFor(table, zi.path);
    const { column } = found;
    const name = exactPaths ? zi.path.map(String).join('.') : found.name;
    const cell = cellOf(column, zi.path);
    // An empty cell the schema complains about is a missing required value, whatever zod calls it.
    const missing = cell === undefined || (typeof cell === 'string' && cell.trim() === '');
    return importIssue({
      code: missing ? 'required' : zi.code,
      file: origin.file,
      format: origin.format,
      table: table.key,
      row: origin.row,
      column: name,
      value: showCell(cell),
      expected: missing ? 'a value is required here' : zi.message,
    });
  });
  return { ok: false, issues };
}

/**
 * Turns one spreadsheet row into a validated record. `cells` maps header names to raw cells;
 * every bad cell of the row is reported, not just the first.
 */
export function readRow(
  table: TableSpec,
  cells: ReadonlyMap<string, RawCell>,
  origin: Origin,
): { ok: true; record: ParsedRecord } | { ok: false; issues: ImportIssue[] } {
  const raw: Record<string, unknown> = {};
  const issues: ImportIssue[] = [];
  for (const c of table.columns) {
    const cell = cells.get(c.name);
    const r = readCell(cell, c.type);
    if (!r.ok) {
      issues.push(
        importIssue({
          code: 'invalid_cell',
          file: origin.file,
          format: origin.format,
          table: table.key,
          row: origin.row,
          column: c.name,
          value: showCell(cell),
          expected: `expected ${r.expected}`,
        }),
      );
    } else if (r.value !== undefined) setPath(raw, c.path, r.value);
  }
  if (issues.length > 0) return { ok: false, issues };
  const v = validateRecord(table, raw, origin, (column) => (column ? cells.get(column.name) : undefined));
  return v.ok ? { ok: true, record: { value: v.value, origin } } : v;
}

/** One record as cells in column order. */
export function writeRow(table: TableSpec, item: unknown): Array<string | number | boolean | undefined> {
  return table.columns.map((c) => writeCell(getPath(item, c.path), c.type));
}
