import {
  Dataset,
  PortGuardError,
  type Access,
  type Asset,
  type AssetPatch,
  type AssetSummary,
  type Component,
  type Facility,
  type ProvenanceMap,
} from '@portguard/core';
import type SQLite from 'better-sqlite3';
import { sql, type CompiledQuery, type Kysely, type SelectQueryBuilder } from 'kysely';
import { sqliteConnectionOf } from '../create-db.js';
import { decodeCount, decodeJson } from '../quirks.js';
import type { Database } from '../schema.js';
import {
  assets as assetRows,
  components as componentRows,
  facilities as facilityRows,
  inventoryMappings,
  type InventoryKey,
} from './inventory-rows.js';

/**
 * Inventory reads and writes for callers with limited rights. Every function takes the caller's Access and
 * applies it in SQL; an id outside the caller's facilities behaves exactly like an id that does not exist.
 */

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

export interface ScopedAssetFilter {
  readonly facilityId?: string;
  readonly portId?: string;
  readonly kind?: string;
  readonly status?: string;
  readonly maker?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the builder's selection differs per caller
function scope<Q extends SelectQueryBuilder<Database, any, any>>(
  q: Q,
  access: Access,
  column: string,
): Q | undefined {
  if (access.kind === 'all') return q;
  if (access.ids.length === 0) return undefined;
  return q.where(sql.ref(column), 'in', [...access.ids]) as Q;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The part of the inventory the caller may see, read with the scope in SQL: their facilities, those facilities'
 * capacities, assets and components, and the ports those facilities are in. Reference data that screening and
 * planning need (organisations, ownership links, designations, suppliers, funding programs, parameters) is whole.
 * Tables are sorted by key as in `inventoryRepository.load()`, which this equals for `{ kind: 'all' }`.
 *
 * @example const ds = await loadScopedDataset(ctx.store.db, principal.access);
 */
export async function loadScopedDataset(db: Kysely<Database>, access: Access): Promise<Dataset> {
  const ids = access.kind === 'all' ? undefined : [...access.ids];
  const visibleAssets = (ids: string[]) =>
    db.selectFrom('assets').select('assets.id').where('assets.facility_id', 'in', ids);
  const visiblePorts = (ids: string[]) =>
    db
      .selectFrom('facilities')
      .select('facilities.port_id')
      .where('facilities.id', 'in', ids)
      .where('facilities.port_id', 'is not', null);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- table names come from the mapping list
  const anyDb = db as unknown as Kysely<any>;
  // Per facility-scoped table: the column and the ids it must be in; other tables are reference data.
  const scoped: Partial<Record<InventoryKey, (ids: string[]) => ReturnType<typeof anyDb.selectFrom>>> = {
    ports: (ids) => anyDb.selectFrom('ports').where('ports.id', 'in', visiblePorts(ids)),
    facilities: (ids) => anyDb.selectFrom('facilities').where('facilities.id', 'in', ids),
    capacities: (ids) => anyDb.selectFrom('capacities').where('capacities.facility_id', 'in', ids),
    assets: (ids) => anyDb.selectFrom('assets').where('assets.facility_id', 'in', ids),
    components: (ids) =>
      anyDb.selectFrom('components').where('components.asset_id', 'in', visibleAssets(ids)),
  };
  const out: Record<string, unknown[]> = {};
  for (const m of inventoryMappings) {
    const only = scoped[m.key];
    let rows: unknown[];
    if (ids === undefined || only === undefined) rows = await anyDb.selectFrom(m.table).selectAll().execute();
    else rows = ids.length === 0 ? [] : await only(ids).selectAll().execute();
    const fromRow = m.fromRow as (r: unknown) => unknown;
    const sortKey = m.sortKey as (v: unknown) => string;
    const keyed = rows.map((r) => fromRow(r)).map((v) => [sortKey(v), v] as const);
    keyed.sort((a, b) => byCodeUnits(a[0], b[0]));
    if (m.key !== 'parameters' || keyed.length > 0) out[m.key] = keyed.map(([, v]) => v);
  }
  return Dataset.parse({ formatVersion: 1, ...out });
}

export async function listFacilitiesScoped(
  db: Kysely<Database>,
  access: Access,
  filter: { readonly portId?: string },
  page: Paging,
): Promise<{ items: Facility[]; total: number }> {
  let q = db.selectFrom('facilities');
  if (filter.portId !== undefined) q = q.where('port_id', '=', filter.portId);
  const scoped = scope(q, access, 'facilities.id');
  if (!scoped) return { items: [], total: 0 };
  const list = scoped
    .select([
      'facilities.id',
      'facilities.kind',
      'facilities.name',
      'facilities.port_id',
      'facilities.lat',
      'facilities.lon',
      'facilities.operator',
      'facilities.operator_id',
      'facilities.region',
      'facilities.provenance',
    ])
    .orderBy('facilities.id')
    .limit(page.limit)
    .offset(page.offset);
  const connection = sqliteConnectionOf(db);
  const rows = connection
    ? rawRows(connection, list.compile()).map(facilityRowFromValues)
    : await list.execute();
  return { items: rows.map(facilityFromRow), total: await totalOf(scoped, page, rows.length) };
}

/** Values in the order listFacilitiesScoped selects them. */
function facilityRowFromValues(v: readonly unknown[]): Database['facilities'] {
  const [id, kind, name, port_id, lat, lon, operator, operator_id, region, provenance] = v;
  return {
    id,
    kind,
    name,
    port_id,
    lat,
    lon,
    operator,
    operator_id,
    region,
    provenance,
  } as Database['facilities'];
}

export async function getFacilityScoped(
  db: Kysely<Database>,
  access: Access,
  id: string,
): Promise<Facility | undefined> {
  const scoped = scope(db.selectFrom('facilities').where('id', '=', id), access, 'facilities.id');
  const row = scoped && (await scoped.selectAll().executeTakeFirst());
  return row ? facilityRows.fromRow(row) : undefined;
}

export async function listAssetsScoped(
  db: Kysely<Database>,
  access: Access,
  filter: ScopedAssetFilter,
  page: Paging,
): Promise<{ items: AssetSummary[]; total: number }> {
  let q = db.selectFrom('assets');
  if (filter.portId !== undefined) {
    q = q.where(
      'assets.facility_id',
      'in',
      db.selectFrom('facilities').select('id').where('port_id', '=', filter.portId),
    );
  }
  if (filter.facilityId !== undefined) q = q.where('assets.facility_id', '=', filter.facilityId);
  if (filter.kind !== undefined) q = q.where('assets.kind', '=', filter.kind);
  if (filter.status !== undefined) q = q.where('assets.status', '=', filter.status);
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
  const scoped = scope(q, access, 'assets.facility_id');
  if (!scoped) return { items: [], total: 0 };
  const list = scoped
    .select([
      'assets.id',
      'assets.facility_id',
      'assets.kind',
      'assets.maker_id',
      'assets.maker_name',
      'assets.model',
      'assets.serial',
      'assets.year_commissioned',
      'assets.status',
      'assets.size_class',
      'assets.criticality',
    ])
    .orderBy('assets.id')
    .limit(page.limit)
    .offset(page.offset);
  const connection = sqliteConnectionOf(db);
  if (connection) {
    const items = rawRows(connection, list.compile()).map(summaryFromValues);
    if (page.offset === 0 && items.length < page.limit) return { items, total: items.length };
    const count = scoped.select((eb) => eb.fn.countAll<number>().as('n')).compile();
    return { items, total: decodeCount(rawRows(connection, count)[0]?.[0]) };
  }
  const rows = await list.execute();
  return { items: rows.map(summaryFromRow), total: await totalOf(scoped, page, rows.length) };
}

/**
 * The one place a repository bypasses Kysely's executor: the asset and facility listings are the API's hottest
 * reads, and on SQLite better-sqlite3 spends ~1.2 µs per row building a row object and Kysely re-prepares the
 * statement on every call. The query is still built and compiled by Kysely (same SQL, same parameters, same Access scoping);
 * only its execution runs here, as a cached statement returning arrays. better-sqlite3 is synchronous on the
 * one connection, so this sees the same data as Kysely's queries, and a statement re-prepares itself after a
 * schema change.
 */
function rawRows(connection: SQLite.Database, query: CompiledQuery): unknown[][] {
  let cache = statementCache.get(connection);
  if (!cache) {
    cache = new Map();
    statementCache.set(connection, cache);
  }
  let statement = cache.get(query.sql);
  if (!statement) {
    // The SQL varies with the filters and with the number of facility ids in a caller's scope.
    if (cache.size >= 128) cache.clear();
    statement = connection.prepare(query.sql).raw(true);
    cache.set(query.sql, statement);
  }
  return statement.all(...query.parameters) as unknown[][];
}
const statementCache = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** A short first page is the whole result; otherwise count. */
async function totalOf(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any filtered selection
  q: SelectQueryBuilder<Database, any, any>,
  page: Paging,
  rows: number,
): Promise<number> {
  if (page.offset === 0 && rows < page.limit) return rows;
  const r = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return decodeCount((r as { n: unknown }).n);
}

export async function getAssetScoped(
  db: Kysely<Database>,
  access: Access,
  id: string,
): Promise<{ asset: Asset; components: Component[] } | undefined> {
  const scoped = scope(db.selectFrom('assets').where('assets.id', '=', id), access, 'assets.facility_id');
  const row = scoped && (await scoped.selectAll('assets').executeTakeFirst());
  if (!row) return undefined;
  const comps = await db
    .selectFrom('components')
    .selectAll()
    .where('asset_id', '=', id)
    .orderBy('id')
    .execute();
  return { asset: assetRows.fromRow(row), components: comps.map((c) => componentRows.fromRow(c)) };
}

/** Applies a patch to an asset the caller can see; returns the values before and after. */
export async function updateAssetScoped(
  db: Kysely<Database>,
  access: Access,
  id: string,
  patch: AssetPatch,
): Promise<{ before: Asset; after: Asset }> {
  const current = await getAssetScoped(db, access, id);
  if (!current) throw new PortGuardError('not_found', `no asset ${id}`);
  const set: Partial<Database['assets']> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.model !== undefined) set.model = patch.model;
  if (patch.serial !== undefined) set.serial = patch.serial;
  if (patch.criticality !== undefined) set.criticality = patch.criticality;
  if (patch.yearCommissioned !== undefined) set.year_commissioned = patch.yearCommissioned;
  if (Object.keys(set).length > 0) {
    let u = db.updateTable('assets').set(set).where('id', '=', id);
    if (access.kind === 'facilities') u = u.where('facility_id', 'in', [...access.ids]);
    await u.execute();
  }
  const after = await getAssetScoped(db, access, id);
  if (!after) throw new PortGuardError('not_found', `no asset ${id}`);
  return { before: current.asset, after: after.asset };
}

/** As inventory-rows' facility mapping, without its per-row zod parse (rows were validated when written). */
function facilityFromRow(r: Database['facilities']): Facility {
  const f: Record<string, unknown> = { id: r.id, kind: r.kind, name: r.name };
  if (r.port_id !== null) f.portId = r.port_id;
  if (r.lat !== null && r.lon !== null) f.location = { lat: r.lat, lon: r.lon };
  if (r.operator !== null) f.operator = r.operator;
  if (r.operator_id !== null) f.operatorId = r.operator_id;
  if (r.region !== null) f.region = r.region;
  f.provenance = provenanceOf(r.provenance);
  return f as Facility;
}

// Decoded provenance maps by their stored JSON text, deeply frozen: the same text gives the same object on every
// listing, so it is parsed and key-sorted once, and the response writer writes it once (see http/serializer.ts).
const provenanceByText = new Map<string, ProvenanceMap>();
const MAX_CACHED_PROVENANCE = 4096;

function provenanceOf(stored: unknown): ProvenanceMap {
  if (typeof stored !== 'string') return deepFreeze((decodeJson(stored) ?? {}) as ProvenanceMap);
  let p = provenanceByText.get(stored);
  if (!p) {
    p = deepFreeze((decodeJson(stored) ?? {}) as ProvenanceMap);
    if (provenanceByText.size >= MAX_CACHED_PROVENANCE) provenanceByText.clear();
    provenanceByText.set(stored, p);
  }
  return p;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

type SummaryRow = Omit<Database['assets'], 'provenance'>;

/**
 * Listing rows skip the per-row zod parse of the inventory mapping (rows were validated when written) and the
 * provenance column; the response schema still validates what is sent.
 */
function summaryFromRow(r: SummaryRow): AssetSummary {
  return summaryFromValues([
    r.id,
    r.facility_id,
    r.kind,
    r.maker_id,
    r.maker_name,
    r.model,
    r.serial,
    r.year_commissioned,
    r.status,
    r.size_class,
    r.criticality,
  ]);
}

/** Values in the order listAssetsScoped selects them. */
function summaryFromValues(v: readonly unknown[]): AssetSummary {
  const [id, facilityId, kind, makerId, makerName, model, serial, year, status, sizeClass, criticality] = v;
  const a: Record<string, unknown> = { id, facilityId, kind, status, criticality };
  if (makerId !== null) a.makerId = makerId;
  if (makerName !== null) a.makerName = makerName;
  if (model !== null) a.model = model;
  if (serial !== null) a.serial = serial;
  if (year !== null) a.yearCommissioned = Number(year);
  if (sizeClass !== null) a.sizeClass = sizeClass;
  return a as AssetSummary;
}
