import type { NetworkZone, ZoneKind } from '@portguard/core';
import type { Kysely } from 'kysely';
import { decodeJson, decodeTimestamp, encodeJson, type JsonColumn, type TimestampColumn } from '../quirks.js';
import type { Database } from '../schema.js';

declare module '../schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the zones table
  interface Database extends ZoneTables {}
}

export interface ZoneTables {
  network_zones: {
    name: string;
    kind: string;
    cidrs: JsonColumn;
    facility_id: string | null;
    declared_at: TimestampColumn;
  };
}

export interface StoredZone extends NetworkZone {
  readonly kind: ZoneKind;
  readonly declaredAt: string;
}

const fromRow = (r: {
  name: string;
  kind: string;
  cidrs: unknown;
  facility_id: string | null;
  declared_at: unknown;
}): StoredZone => ({
  name: r.name,
  kind: r.kind as ZoneKind,
  cidrs: decodeJson(r.cidrs) as string[],
  ...(r.facility_id === null ? {} : { facilityId: r.facility_id }),
  declaredAt: decodeTimestamp(r.declared_at),
});

/** Declared network zones, by name. */
export function zoneRepository(db: Kysely<Database>) {
  return {
    /** Adds the zones, replacing any of the same name; run it in a transaction (see declareZones). */
    async declare(zones: readonly (NetworkZone & { kind: ZoneKind })[], at: string): Promise<StoredZone[]> {
      if (zones.length === 0) return [];
      const names = zones.map((z) => z.name);
      const before = await this.byName(names);
      await db.deleteFrom('network_zones').where('name', 'in', names).execute();
      await db
        .insertInto('network_zones')
        .values(
          zones.map((z) => ({
            name: z.name,
            kind: z.kind,
            cidrs: encodeJson(z.cidrs),
            facility_id: z.facilityId ?? null,
            declared_at: at,
          })),
        )
        .execute();
      return before;
    },

    async byName(names: readonly string[]): Promise<StoredZone[]> {
      if (names.length === 0) return [];
      const rows = await db
        .selectFrom('network_zones')
        .selectAll()
        .where('name', 'in', names)
        .orderBy('name')
        .execute();
      return rows.map(fromRow);
    },

    async list(): Promise<StoredZone[]> {
      const rows = await db.selectFrom('network_zones').selectAll().orderBy('name').execute();
      return rows.map(fromRow);
    },

    async remove(names: readonly string[]): Promise<number> {
      if (names.length === 0) return 0;
      const r = await db.deleteFrom('network_zones').where('name', 'in', names).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type ZoneRepository = ReturnType<typeof zoneRepository>;
