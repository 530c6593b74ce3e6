import { showCell } from './cells.js';
import type { SheetRead } from './csv.js';
import { importIssue, type ImportIssue } from './issues.js';
import { findTable, tables, type TableSpec } from './layout.js';
import { validateRecord, type ParsedRecord } from './rows.js';

const stem = (file: string) => (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '');

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let v = item;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const show = (v: unknown) =>
  showCell(v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

function readTable(file: string, table: TableSpec, items: unknown): SheetRead {
  const at = { file, format: 'json', table: table.key } as const;
  if (!Array.isArray(items)) {
    return {
      table,
      records: [],
      issues: [importIssue({ ...at, code: 'invalid_type', expected: `expected an array of ${table.key}` })],
    };
  }
  const known = new Set(Object.keys(table.schema.shape));
  const records: ParsedRecord[] = [];
  const issues: ImportIssue[] = [];
  items.forEach((item: unknown, row) => {
    const origin = { file, format: 'json', row } as const;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push(
        importIssue({ ...at, row, code: 'invalid_type', value: show(item), expected: 'expected an object' }),
      );
      return;
    }
    const unknown = Object.keys(item).filter((k) => !known.has(k));
    for (const k of unknown) {
      issues.push(
        importIssue({
          ...at,
          row,
          column: k,
          code: 'unknown_field',
          expected: `unknown field; expected some of: ${[...known].join(', ')}`,
        }),
      );
    }
    const r = validateRecord(
      table,
      item as Record<string, unknown>,
      origin,
      (_c, path) => {
        const v = valueAt(item, path);
        return v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? v
          : JSON.stringify(v);
      },
      true,
    );
    if (!r.ok) {
      issues.push(...r.issues);
    } else if (unknown.length === 0) records.push({ value: r.value, origin });
  });
  return { table, records, issues };
}

/** Reads a Dataset JSON document (any subset of its tables), or one table as a bare array (`--table` or file name). */
export function readJson(file: string, text: string, tableHint?: TableSpec): SheetRead[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return [
      {
        table: undefined,
        records: [],
        issues: [
          importIssue({
            file,
            format: 'json',
            code: 'bad_json',
            expected: `not valid JSON: ${(e as Error).message}`,
          }),
        ],
      },
    ];
  }
  if (Array.isArray(doc)) {
    const table = tableHint ?? findTable(stem(file));
    if (!table) {
      return [
        {
          table,
          records: [],
          issues: [
            importIssue({
              file,
              format: 'json',
              code: 'unknown_table',
              expected: 'a bare JSON array needs --table or a file named after its table (e.g. assets.json)',
            }),
          ],
        },
      ];
    }
    return [readTable(file, table, doc)];
  }
  if (typeof doc !== 'object' || doc === null) {
    return [
      {
        table: undefined,
        records: [],
        issues: [
          importIssue({
            file,
            format: 'json',
            code: 'invalid_type',
            expected: 'expected a PortGuard dataset object ({ "assets": [ … ], … }) or an array',
          }),
        ],
      },
    ];
  }
  const out: SheetRead[] = [];
  const issues: ImportIssue[] = [];
  const obj = doc as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key === 'formatVersion') {
      if (obj.formatVersion !== 1) {
        issues.push(
          importIssue({
            file,
            format: 'json',
            column: 'formatVersion',
            code: 'unsupported_version',
            value: show(obj.formatVersion),
            expected: 'expected formatVersion 1',
          }),
        );
      }
    } else if (!tables.some((t) => t.key === key)) {
      issues.push(
        importIssue({
          file,
          format: 'json',
          column: key,
          code: 'unknown_table',
          expected: `unknown table; expected some of: ${tables.map((t) => t.key).join(', ')}`,
        }),
      );
    }
  }
  if (issues.length > 0) out.push({ table: undefined, records: [], issues });
  for (const t of tables) if (obj[t.key] !== undefined) out.push(readTable(file, t, obj[t.key]));
  return out;
}
