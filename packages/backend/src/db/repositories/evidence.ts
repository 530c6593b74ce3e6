import type { Issue, ObservationSnapshot } from '@portguard/core';
import type { Kysely } from 'kysely';
import {
  decodeBool,
  decodeJson,
  decodeTimestamp,
  encodeBool,
  encodeJson,
  type BoolColumn,
  type DialectName,
  type JsonColumn,
  type TimestampColumn,
} from '../quirks.js';
import type { Database } from '../schema.js';

declare module '../schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the evidence tables
  interface Database extends EvidenceTables {}
}

export interface EvidenceTables {
  evidence_imports: {
    id: string;
    facility_id: string | null;
    file: string;
    sha256: string;
    format: string | null;
    imported_at: TimestampColumn;
    records: number;
    refused: BoolColumn;
    issues: JsonColumn;
    meta: JsonColumn;
    observations: JsonColumn;
  };
}

export interface EvidenceImport {
  readonly id: string;
  readonly facilityId: string | null;
  readonly file: string;
  readonly sha256: string;
  readonly format: string | null;
  readonly importedAt: string;
  readonly records: number;
  readonly refused: boolean;
  readonly issues: readonly Issue[];
  readonly meta: Readonly<Record<string, unknown>>;
}

export function evidenceRepository(db: Kysely<Database>, dialect: DialectName) {
  return {
    async save(entry: EvidenceImport, observations: ObservationSnapshot): Promise<void> {
      await db
        .insertInto('evidence_imports')
        .values({
          id: entry.id,
          facility_id: entry.facilityId,
          file: entry.file,
          sha256: entry.sha256,
          format: entry.format,
          imported_at: entry.importedAt,
          records: entry.records,
          refused: encodeBool(dialect, entry.refused),
          issues: encodeJson(entry.issues),
          meta: encodeJson(entry.meta),
          observations: encodeJson(observations),
        })
        .execute();
    },

    async list(filter: { readonly facilityId?: string } = {}): Promise<EvidenceImport[]> {
      let q = db
        .selectFrom('evidence_imports')
        .select([
          'id',
          'facility_id',
          'file',
          'sha256',
          'format',
          'imported_at',
          'records',
          'refused',
          'issues',
          'meta',
        ]);
      if (filter.facilityId !== undefined) q = q.where('facility_id', '=', filter.facilityId);
      const rows = await q.orderBy('imported_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        facilityId: r.facility_id,
        file: r.file,
        sha256: r.sha256,
        format: r.format,
        importedAt: decodeTimestamp(r.imported_at),
        records: Number(r.records),
        refused: decodeBool(r.refused),
        issues: decodeJson(r.issues) as Issue[],
        meta: decodeJson(r.meta) as Record<string, unknown>,
      }));
    },

    /** Accepted (not refused) imports. */
    async count(): Promise<number> {
      const row = await db
        .selectFrom('evidence_imports')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('refused', '=', encodeBool(dialect, false))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Folded observations of every accepted import (of one facility when given), oldest first. */
    async observations(filter: { readonly facilityId?: string } = {}): Promise<ObservationSnapshot[]> {
      let q = db
        .selectFrom('evidence_imports')
        .select(['observations'])
        .where('refused', '=', encodeBool(dialect, false));
      if (filter.facilityId !== undefined) q = q.where('facility_id', '=', filter.facilityId);
      const rows = await q.orderBy('imported_at').orderBy('id').execute();
      return rows.map((r) => decodeJson(r.observations) as ObservationSnapshot);
    },
  };
}

export type EvidenceRepository = ReturnType<typeof evidenceRepository>;
