import type { ColumnDataType } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Every difference between SQLite and PostgreSQL that migrations and repositories must know about.
 * Column types for migrations, and value codecs for repositories; nothing else branches on the dialect.
 */
export interface DialectQuirks {
  readonly name: DialectName;
  /** JSON document: TEXT on SQLite, JSONB on PostgreSQL. Write with encodeJson, read with decodeJson. */
  readonly json: ColumnDataType;
  /** Boolean: INTEGER 0/1 on SQLite, BOOLEAN on PostgreSQL. */
  readonly boolean: ColumnDataType;
  /** Instant: ISO-8601 TEXT on SQLite, TIMESTAMPTZ on PostgreSQL. */
  readonly timestamp: ColumnDataType;
  /** Floating point (and integers beyond 2^31, such as cents): REAL / DOUBLE PRECISION. */
  readonly double: ColumnDataType;
}

export const quirksFor = (name: DialectName): DialectQuirks =>
  name === 'sqlite'
    ? { name, json: 'text', boolean: 'integer', timestamp: 'text', double: 'double precision' }
    : { name, json: 'jsonb', boolean: 'boolean', timestamp: 'timestamptz', double: 'double precision' };

/** What a JSON column holds in a row: a string on the way in (both dialects accept it), parsed or not on the way out. */
export type JsonColumn = string | object;
export const encodeJson = (value: unknown): string => JSON.stringify(value);
/** Object keys come back sorted (code-unit order): JSONB reorders keys, TEXT keeps them, and exports must agree. */
export const decodeJson = (value: unknown): unknown =>
  sortKeys(typeof value === 'string' ? JSON.parse(value) : value);

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

export type BoolColumn = number | boolean;
export const encodeBool = (name: DialectName, value: boolean): BoolColumn =>
  name === 'sqlite' ? (value ? 1 : 0) : value;
export const decodeBool = (value: unknown): boolean => value === true || value === 1 || value === '1';

export type TimestampColumn = string | Date;
export const encodeTimestamp = (value: Date): string => value.toISOString();
export const decodeTimestamp = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/** COUNT(*) is a bigint (a string) on PostgreSQL and a number on SQLite. */
export const decodeCount = (value: unknown): number => Number(value ?? 0);
