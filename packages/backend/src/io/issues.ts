import type { Issue } from '@portguard/core';
import type { TableKey } from './layout.js';

/** Where a bad value was, in the terms the user's file uses. */
export interface ImportIssue extends Issue {
  readonly file: string;
  readonly table?: TableKey;
  /** CSV/XLSX: the spreadsheet row number (header = 1). JSON: the index in the table's array (from 0). */
  readonly row?: number;
  readonly column?: string;
  /** The cell as read, for the report. */
  readonly value?: string;
  readonly format?: 'csv' | 'xlsx' | 'json';
}

export function importIssue(
  i: Omit<ImportIssue, 'path' | 'message'> & { readonly expected: string },
): ImportIssue {
  const { expected, ...rest } = i;
  const where = describeLocation(rest);
  const got = i.value !== undefined ? `${i.value}: ` : '';
  return {
    ...rest,
    path: [
      i.file,
      ...(i.table ? [i.table] : []),
      ...(i.row !== undefined ? [i.row] : []),
      ...(i.column ? [i.column] : []),
    ],
    message: `${where}: ${got}${expected}`,
  };
}

function describeLocation(i: Omit<ImportIssue, 'path' | 'message'>): string {
  if (i.format === 'json') {
    const at = i.table
      ? `${i.table}${i.row !== undefined ? `[${i.row}]` : ''}${i.column ? `.${i.column}` : ''}`
      : (i.column ?? '');
    return at ? `${i.file} ${at}` : i.file;
  }
  const parts = [i.file];
  if (i.format === 'xlsx' && i.table) parts.push(`sheet ${i.table}`);
  if (i.row !== undefined) parts.push(`row ${i.row}`);
  let s = parts.join(' ');
  if (i.column) s += `, column ${i.column}`;
  return s;
}
