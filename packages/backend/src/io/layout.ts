import {
  Asset,
  Component,
  DatasetParameter,
  Designation,
  Facility,
  FundingProgram,
  Organisation,
  OwnershipLink,
  Port,
  Supplier,
  TerminalCapacity,
  type Dataset,
} from '@portguard/core';
import type { z } from 'zod';

/** The Dataset arrays, each one table (a CSV file, an XLSX sheet, a JSON array). */
export type TableKey = Exclude<keyof Dataset, 'formatVersion'>;

/**
 * How one cell is read and written. `list`: values separated by `;` (or a JSON array when a value contains `;`);
 * `json`: JSON text; the rest are single values.
 */
export type CellType = 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'list' | 'number-list';

export interface ColumnSpec {
  /** Header text; dotted names address nested fields (`location.lat`). */
  readonly name: string;
  readonly path: readonly string[];
  readonly type: CellType;
}

export interface TableSpec {
  readonly key: TableKey;
  readonly schema: z.ZodObject;
  readonly columns: readonly ColumnSpec[];
  /** The fields that identify a record (duplicates in one import are errors; the store upserts on them). */
  readonly keyFields: readonly string[];
}

const col = (name: string, type: CellType = 'string'): ColumnSpec => ({ name, path: name.split('.'), type });

/** Every table in import/export order: a table refers only to tables before it. Documented in docs/import-format.md. */
export const tables: readonly TableSpec[] = [
  {
    key: 'organisations',
    schema: Organisation,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('legalName'),
      col('aliases', 'list'),
      col('otherScriptNames', 'json'),
      col('identifiers.uscc'),
      col('identifiers.lei'),
      col('identifiers.duns'),
      col('country'),
      col('roles', 'list'),
    ],
  },
  {
    key: 'ownershipLinks',
    schema: OwnershipLink,
    keyFields: ['parentId', 'childId', 'control'],
    columns: [
      col('parentId'),
      col('childId'),
      col('control'),
      col('percent', 'number'),
      col('source'),
      col('asOf'),
    ],
  },
  {
    key: 'designations',
    schema: Designation,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('organisationId'),
      col('list'),
      col('date'),
      col('citation'),
      col('equipmentCategories', 'list'),
      col('note'),
    ],
  },
  {
    key: 'ports',
    schema: Port,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('name'),
      col('state'),
      col('location.lat', 'number'),
      col('location.lon', 'number'),
      col('teuPerYear', 'number'),
      col('teuYear', 'integer'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'facilities',
    schema: Facility,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('kind'),
      col('name'),
      col('portId'),
      col('location.lat', 'number'),
      col('location.lon', 'number'),
      col('operator'),
      col('operatorId'),
      col('region'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'capacities',
    schema: TerminalCapacity,
    keyFields: ['facilityId'],
    columns: [
      col('facilityId'),
      col('berths', 'integer'),
      col('movesPerCraneHour', 'number'),
      col('operatingHoursPerMonth', 'number'),
      col('teuPerMove', 'number'),
      col('maxUtilisation', 'number'),
      col('demandTeuPerYear', 'number'),
      col('baseYear', 'integer'),
      col('seasonality', 'number-list'),
      col('growthPerYear', 'number'),
      col('minCranesInService', 'integer'),
      col('railSlots', 'integer'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'assets',
    schema: Asset,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('facilityId'),
      col('kind'),
      col('makerId'),
      col('makerName'),
      col('model'),
      col('serial'),
      col('yearCommissioned', 'integer'),
      col('status'),
      col('sizeClass'),
      col('criticality'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'components',
    schema: Component,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('assetId'),
      col('kind'),
      col('makerId'),
      col('makerName'),
      col('model'),
      col('firmware'),
      col('network.ips', 'list'),
      col('network.macs', 'list'),
      col('network.imeis', 'list'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'suppliers',
    schema: Supplier,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('organisationId'),
      col('name'),
      col('country'),
      col('trusted', 'boolean'),
      col('trustReason'),
      col('offers', 'json'),
      col('leadTimeMonths.min', 'number'),
      col('leadTimeMonths.mode', 'number'),
      col('leadTimeMonths.max', 'number'),
      col('deliveryModes', 'json'),
      col('tariffRate', 'number'),
      col('installationCents', 'integer'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'fundingPrograms',
    schema: FundingProgram,
    keyFields: ['id'],
    columns: [
      col('id'),
      col('name'),
      col('appropriations', 'json'),
      col('eligibleFacilityKinds', 'list'),
      col('eligibleAssetKinds', 'list'),
      col('carryOver', 'boolean'),
      col('localShare', 'number'),
      col('provenance', 'json'),
    ],
  },
  {
    key: 'parameters',
    schema: DatasetParameter,
    keyFields: ['name'],
    columns: [
      col('name'),
      col('value', 'number'),
      col('unit'),
      col('description'),
      col('provenance', 'json'),
    ],
  },
];

export const tableKeys: readonly TableKey[] = tables.map((t) => t.key);

export function tableSpec(key: TableKey): TableSpec {
  const t = tables.find((x) => x.key === key);
  if (!t) throw new Error(`no table ${key}`);
  return t;
}

/** Accepts the table key in any case, or with dashes/underscores (`funding-programs`, `ownership_links`). */
export function findTable(name: string): TableSpec | undefined {
  const norm = name.toLowerCase().replace(/[-_\s]/g, '');
  return tables.find((t) => t.key.toLowerCase() === norm);
}

/**
 * The table a header belongs to: among tables whose key columns are all present, the one that knows the most
 * header cells (at least half), if no other table ties with it. Unknown cells are then reported by the caller.
 */
export function detectTable(header: readonly string[]): TableSpec | undefined {
  const scored = tables
    .filter((t) => t.keyFields.every((k) => header.includes(k)))
    .map((t) => {
      const names = new Set(t.columns.map((c) => c.name));
      return { t, known: header.filter((h) => names.has(h)).length };
    })
    .sort((a, b) => b.known - a.known);
  const [best, second] = scored;
  if (!best || best.known * 2 < header.length || (second && second.known === best.known)) return undefined;
  return best.t;
}

/** The key of a record, as one string, for duplicate detection. */
export const recordKey = (t: TableSpec, item: Record<string, unknown>): string =>
  t.keyFields.map((f) => String(item[f] ?? '')).join(' / ');
