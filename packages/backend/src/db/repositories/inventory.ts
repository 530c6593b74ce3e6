import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Dataset, type Asset, type AssetKind, type Facility } from '@portguard/core';
import {
  decodeCount,
  decodeJson,
  decodeTimestamp,
  encodeJson,
  encodeTimestamp,
  type DialectName,
} from '../quirks.js';
import type { Database } from '../schema.js';
import { inventoryMappings, type InventoryKey } from './inventory-rows.js';

export type { InventoryKey } from './inventory-rows.js';
export type InventoryCounts = Readonly<Record<InventoryKey, number>>;

export interface AssetFilter {
  readonly portId?: string;
  readonly facilityId?: string;
  readonly kind?: AssetKind;
  /** Matches the maker id exactly, or a case-insensitive part of the maker name. */
  readonly maker?: string;
}

export interface ImportLogEntry {
  readonly id: string;
  readonly at: string;
  readonly sources: readonly string[];
  readonly counts: Partial<InventoryCounts>;
}

/** Known ids per referenced table, for referential checks before writing. */
export interface KnownIds {
  readonly organisations: ReadonlySet<string>;
  readonly ports: ReadonlySet<string>;
  readonly facilities: ReadonlySet<string>;
  readonly assets: ReadonlySet<string>;
}

// Rows go in multi-row inserts of at most this many bound values: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS = 30_000;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// The mappings are heterogeneous; this view lets one loop handle them all.
interface AnyMapping {
  readonly key: InventoryKey;
  readonly table: keyof Database;
  readonly keyColumns: readonly string[];
  toRow(v: unknown, d: DialectName): Record<string, unknown>;
  fromRow(r: unknown): unknown;
  sortKey(v: unknown): string;
}
const mappings = inventoryMappings as unknown as readonly AnyMapping[];

/**
 * The inventory (everything in a core `Dataset`) in the store. Pass a transaction as `db` to make
 * several calls atomic: `db.transaction().execute((trx) => inventoryRepository(trx, dialect).upsert(ds))`.
 */
export function inventoryRepository(db: Kysely<Database>, dialect: DialectName) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- table names come from the mapping list
  const anyDb = db as unknown as Kysely<any>;

  return {
    /** Inserts or replaces (by primary key) every record of `ds`, in dependency order. */
    async upsert(ds: Partial<Pick<Dataset, InventoryKey>>, onRows?: (n: number) => void): Promise<void> {
      for (const m of mappings) {
        const values: readonly unknown[] = ds[m.key] ?? [];
        if (values.length === 0) continue;
        const rows = values.map((v) => m.toRow(v, dialect));
        const updatable = Object.keys(rows[0] ?? {}).filter((c) => !m.keyColumns.includes(c));
        const chunkSize = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0] ?? { x: 0 }).length));
        for (let i = 0; i < rows.length; i += chunkSize) {
          const chunk = rows.slice(i, i + chunkSize);
          await anyDb
            .insertInto(m.table)
            .values(chunk)
            .onConflict((oc) =>
              oc
                .columns([...m.keyColumns])
                .doUpdateSet(Object.fromEntries(updatable.map((c) => [c, sql.ref(`excluded.${c}`)]))),
            )
            .execute();
          onRows?.(chunk.length);
        }
      }
    },

    /** The whole inventory, each table sorted by its key (code-unit order, the same on both dialects). */
    async load(): Promise<Dataset> {
      const out: Record<string, unknown[]> = {};
      for (const m of mappings) {
        const rows = await anyDb.selectFrom(m.table).selectAll().execute();
        const values = rows.map((r) => m.fromRow(r));
        const keyed = values.map((v) => [m.sortKey(v), v] as const).sort((a, b) => byCodeUnits(a[0], b[0]));
        // `parameters` is optional in the Dataset: absent rather than empty keeps exports identical.
        if (m.key !== 'parameters' || keyed.length > 0) out[m.key] = keyed.map(([, v]) => v);
      }
      return Dataset.parse({ formatVersion: 1, ...out });
    },

    async counts(): Promise<InventoryCounts> {
      const out: Partial<Record<InventoryKey, number>> = {};
      for (const m of mappings) {
        const r = await anyDb
          .selectFrom(m.table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst();
        out[m.key] = decodeCount(r?.n);
      }
      return out as InventoryCounts;
    },

    async isEmpty(): Promise<boolean> {
      const c = await this.counts();
      return Object.values(c).every((n) => n === 0);
    },

    async knownIds(): Promise<KnownIds> {
      const ids = async (table: 'organisations' | 'ports' | 'facilities' | 'assets') =>
        new Set((await db.selectFrom(table).select('id').execute()).map((r) => r.id));
      return {
        organisations: await ids('organisations'),
        ports: await ids('ports'),
        facilities: await ids('facilities'),
        assets: await ids('assets'),
      };
    },

    async listFacilities(filter: { readonly portId?: string } = {}): Promise<Facility[]> {
      let q = db.selectFrom('facilities').selectAll();
      if (filter.portId !== undefined) q = q.where('port_id', '=', filter.portId);
      const rows = await q.execute();
      return rows.map((r) => inventoryMappings[4].fromRow(r)).sort((a, b) => byCodeUnits(a.id, b.id));
    },

    async listAssets(filter: AssetFilter = {}): Promise<Asset[]> {
      let q = db.selectFrom('assets').selectAll('assets');
      if (filter.portId !== undefined) {
        q = q
          .innerJoin('facilities', 'facilities.id', 'assets.facility_id')
          .where('facilities.port_id', '=', filter.portId);
      }
      if (filter.facilityId !== undefined) q = q.where('assets.facility_id', '=', filter.facilityId);
      if (filter.kind !== undefined) q = q.where('assets.kind', '=', filter.kind);
      if (filter.maker !== undefined) {
        const needle = `%${filter.maker.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const maker = filter.maker;
        q = q.where((eb) =>
          eb.or([
            eb('assets.maker_id', '=', maker),
            sql<boolean>`lower(${sql.ref('assets.maker_name')}) like ${needle} escape '\\'`,
          ]),
        );
      }
      const rows = await q.execute();
      return rows.map((r) => inventoryMappings[6].fromRow(r)).sort((a, b) => byCodeUnits(a.id, b.id));
    },

    async logImport(entry: {
      readonly at: Date;
      readonly sources: readonly string[];
      readonly counts: Partial<InventoryCounts>;
    }) {
      const id = randomUUID();
      await db
        .insertInto('import_log')
        .values({
          id,
          at: encodeTimestamp(entry.at),
          sources: encodeJson(entry.sources),
          counts: encodeJson(entry.counts),
        })
        .execute();
      return id;
    },

    async importLog(): Promise<ImportLogEntry[]> {
      const rows = await db.selectFrom('import_log').selectAll().execute();
      return rows
        .map((r) => ({
          id: r.id,
          at: decodeTimestamp(r.at),
          sources: decodeJson(r.sources) as string[],
          counts: decodeJson(r.counts) as Partial<InventoryCounts>,
        }))
        .sort((a, b) => byCodeUnits(a.at, b.at));
    },
  };
}

export type InventoryRepository = ReturnType<typeof inventoryRepository>;
