import type { Dataset } from '@portguard/core';
import { emptyDataset } from '@portguard/core';
import { readCsv, writeCsv, type SheetRead } from './csv.js';
import { importIssue, type ImportIssue } from './issues.js';
import { readJson } from './json.js';
import { findTable, recordKey, tableSpec, tables, type TableKey } from './layout.js';
import type { ParsedRecord } from './rows.js';
import { readXlsx, writeXlsx } from './xlsx.js';

export interface InputFile {
  /** Shown in reports; its extension (.csv, .xlsx, .json) chooses the reader. */
  readonly name: string;
  readonly content: Uint8Array;
}

export type ParsedTables = Map<TableKey, ParsedRecord[]>;

export interface ParsedImport {
  readonly tables: ParsedTables;
  readonly issues: ImportIssue[];
}

/** Ids already in the store, by referenced table. */
export interface ExistingIds {
  readonly organisations: ReadonlySet<string>;
  readonly ports: ReadonlySet<string>;
  readonly facilities: ReadonlySet<string>;
  readonly assets: ReadonlySet<string>;
}

export type ExportFormat = 'json' | 'xlsx' | 'csv';

const extension = (name: string) => /\.([^.\\/]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Reads every file; all problems of all files are collected, none stops the others. */
export async function parseInputs(
  files: readonly InputFile[],
  options: { readonly table?: string } = {},
): Promise<ParsedImport> {
  const issues: ImportIssue[] = [];
  const out: ParsedTables = new Map();
  const hint = options.table === undefined ? undefined : findTable(options.table);
  if (options.table !== undefined && !hint) {
    issues.push(
      importIssue({
        file: '--table',
        code: 'unknown_table',
        value: JSON.stringify(options.table),
        expected: `expected one of: ${tables.map((t) => t.key).join(', ')}`,
      }),
    );
    return { tables: out, issues };
  }
  for (const f of files) {
    const ext = extension(f.name);
    let reads: SheetRead[];
    if (ext === 'csv') reads = [readCsv(f.name, new TextDecoder().decode(f.content), hint)];
    else if (ext === 'json') reads = readJson(f.name, new TextDecoder().decode(f.content), hint);
    else if (ext === 'xlsx') reads = await readXlsx(f.name, f.content, hint);
    else {
      issues.push(
        importIssue({
          file: f.name,
          code: 'unsupported_file',
          expected: 'unsupported file type; expected .csv, .xlsx or .json',
        }),
      );
      continue;
    }
    for (const r of reads) {
      issues.push(...r.issues);
      if (r.table) {
        const list = out.get(r.table.key) ?? [];
        list.push(...r.records);
        out.set(r.table.key, list);
      }
    }
  }
  return { tables: out, issues };
}

type RefTarget = keyof ExistingIds;
const references: ReadonlyArray<{ table: TableKey; field: string; target: RefTarget }> = [
  { table: 'ownershipLinks', field: 'parentId', target: 'organisations' },
  { table: 'ownershipLinks', field: 'childId', target: 'organisations' },
  { table: 'designations', field: 'organisationId', target: 'organisations' },
  { table: 'facilities', field: 'portId', target: 'ports' },
  { table: 'facilities', field: 'operatorId', target: 'organisations' },
  { table: 'capacities', field: 'facilityId', target: 'facilities' },
  { table: 'assets', field: 'facilityId', target: 'facilities' },
  { table: 'assets', field: 'makerId', target: 'organisations' },
  { table: 'components', field: 'assetId', target: 'assets' },
  { table: 'components', field: 'makerId', target: 'organisations' },
  { table: 'suppliers', field: 'organisationId', target: 'organisations' },
];

const issueAt = (
  r: ParsedRecord,
  table: TableKey,
  column: string | undefined,
  code: string,
  value: string | undefined,
  expected: string,
) =>
  importIssue({
    file: r.origin.file,
    format: r.origin.format,
    table,
    row: r.origin.row,
    ...(column ? { column } : {}),
    ...(value !== undefined ? { value } : {}),
    code,
    expected,
  });

/** Duplicate keys within the import, and references to records neither in the import nor in the store. */
export function checkConsistency(parsed: ParsedTables, existing: ExistingIds): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const t of tables) {
    const seen = new Map<string, ParsedRecord>();
    for (const r of parsed.get(t.key) ?? []) {
      const key = recordKey(t, r.value);
      const first = seen.get(key);
      if (first) {
        const where =
          first.origin.format === 'json'
            ? `${first.origin.file} ${t.key}[${first.origin.row}]`
            : `${first.origin.file} row ${first.origin.row}`;
        issues.push(
          issueAt(
            r,
            t.key,
            t.keyFields.join('+'),
            'duplicate',
            JSON.stringify(key),
            `duplicate ${t.keyFields.join(' + ')}; already given at ${where}`,
          ),
        );
      } else seen.set(key, r);
    }
  }
  const available = (target: RefTarget) => {
    const ids = new Set(existing[target]);
    for (const r of parsed.get(target) ?? []) ids.add(String(r.value.id));
    return ids;
  };
  const cache = new Map<RefTarget, Set<string>>();
  for (const ref of references) {
    const ids = cache.get(ref.target) ?? available(ref.target);
    cache.set(ref.target, ids);
    for (const r of parsed.get(ref.table) ?? []) {
      const v = r.value[ref.field];
      if (typeof v === 'string' && !ids.has(v)) {
        issues.push(
          issueAt(
            r,
            ref.table,
            ref.field,
            'unknown_reference',
            JSON.stringify(v),
            `no ${ref.target} record with this id in the files or the database`,
          ),
        );
      }
    }
  }
  return issues;
}

/** The records of a clean import, as (part of) a Dataset. */
export function toDataset(parsed: ParsedTables): Partial<Dataset> {
  const out: Record<string, unknown[]> = {};
  for (const [key, records] of parsed) out[key] = records.map((r) => r.value);
  return out as Partial<Dataset>;
}

export const countRecords = (parsed: ParsedTables): Partial<Record<TableKey, number>> =>
  Object.fromEntries([...parsed].filter(([, r]) => r.length > 0).map(([k, r]) => [k, r.length]));

/** The whole dataset as a file: JSON (the core Dataset, 2-space indented) or XLSX (one sheet per table). */
export async function exportDataset(ds: Dataset, format: 'json' | 'xlsx'): Promise<Uint8Array> {
  if (format === 'json') return new TextEncoder().encode(JSON.stringify(ds, null, 2) + '\n');
  return writeXlsx(ds);
}

/** The tables people usually bring as CSV files. */
export const userTables: readonly TableKey[] = ['facilities', 'assets', 'components'];

/** Blank templates: XLSX with every sheet, JSON with every table, or CSV files (one per table). */
export async function templateFiles(
  format: ExportFormat,
  table?: string,
): Promise<Array<{ name: string; content: Uint8Array }>> {
  const only = table === undefined ? undefined : findTable(table);
  if (table !== undefined && !only) {
    throw new Error(`unknown table ${table}`);
  }
  const keys = only ? [only.key] : format === 'csv' ? userTables : tables.map((t) => t.key);
  if (format === 'csv') {
    return keys.map((k) => ({
      name: `${k}.csv`,
      content: new TextEncoder().encode(writeCsv(tableSpec(k), [])),
    }));
  }
  if (format === 'xlsx') return [{ name: 'portguard-template.xlsx', content: await writeXlsx({}, keys) }];
  const empty: Record<string, unknown> = { formatVersion: 1 };
  const base = emptyDataset() as Record<string, unknown>;
  for (const k of keys) empty[k] = base[k] ?? [];
  return [
    {
      name: 'portguard-template.json',
      content: new TextEncoder().encode(JSON.stringify(empty, null, 2) + '\n'),
    },
  ];
}
