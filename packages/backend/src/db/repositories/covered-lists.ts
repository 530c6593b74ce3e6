import { CoveredListRelease } from '@portguard/core';
import type { Kysely } from 'kysely';
import {
  decodeJson,
  decodeTimestamp,
  encodeJson,
  encodeTimestamp,
  type JsonColumn,
  type TimestampColumn,
} from '../quirks.js';
import type { Database } from '../schema.js';

declare module '../schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the covered-list table
  interface Database extends CoveredListTables {}
}

export interface CoveredListTables {
  covered_list_versions: {
    version: string;
    published_at: string;
    source: string;
    imported_at: TimestampColumn;
    organisations: number;
    designations: number;
    ownership_links: number;
    release_json: JsonColumn;
  };
}

export interface CoveredListVersion {
  readonly version: string;
  readonly publishedAt: string;
  readonly source: string;
  readonly importedAt: string;
  readonly organisations: number;
  readonly designations: number;
  readonly ownershipLinks: number;
}

/** Covered-list releases: rows <-> releases. The newest is the latest published, then the latest imported. */
export function coveredListsRepository(db: Kysely<Database>) {
  const newestFirst = () =>
    db
      .selectFrom('covered_list_versions')
      .orderBy('published_at', 'desc')
      .orderBy('imported_at', 'desc')
      .orderBy('version', 'desc');
  return {
    async save(release: CoveredListRelease, at: Date): Promise<void> {
      await db
        .insertInto('covered_list_versions')
        .values({
          version: release.version,
          published_at: release.publishedAt,
          source: release.source,
          imported_at: encodeTimestamp(at),
          organisations: release.organisations.length,
          designations: release.designations.length,
          ownership_links: release.ownershipLinks.length,
          release_json: encodeJson(release),
        })
        .execute();
    },

    async versions(): Promise<CoveredListVersion[]> {
      const rows = await newestFirst()
        .select([
          'version',
          'published_at',
          'source',
          'imported_at',
          'organisations',
          'designations',
          'ownership_links',
        ])
        .execute();
      return rows.map((r) => ({
        version: r.version,
        publishedAt: r.published_at,
        source: r.source,
        importedAt: decodeTimestamp(r.imported_at),
        organisations: Number(r.organisations),
        designations: Number(r.designations),
        ownershipLinks: Number(r.ownership_links),
      }));
    },

    /** One stored release, or the newest when no version is given. */
    async get(version?: string): Promise<CoveredListRelease | undefined> {
      let q = newestFirst().select('release_json');
      if (version !== undefined) q = q.where('version', '=', version);
      const r = await q.executeTakeFirst();
      return r ? CoveredListRelease.parse(decodeJson(r.release_json)) : undefined;
    },
  };
}

export type CoveredListsRepository = ReturnType<typeof coveredListsRepository>;
