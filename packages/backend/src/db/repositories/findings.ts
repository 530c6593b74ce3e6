import {
  severityRank,
  type Finding,
  type FindingsDiff,
  type ReviewStatus,
  type Severity,
} from '@portguard/core';
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
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the screening tables
  interface Database extends FindingTables {}
}

export interface FindingTables {
  screening_runs: {
    id: string;
    list_version: string;
    screened_at: TimestampColumn;
    findings: number;
    diff_json: JsonColumn;
  };
  findings: {
    id: string;
    run_id: string;
    subject_kind: string;
    subject_id: string;
    facility_id: string | null;
    entity_id: string;
    severity: string;
    severity_rank: number;
    score: number;
    basis: string;
    status: string;
    list_version: string;
    finding_json: JsonColumn;
  };
  finding_reviews: {
    finding_id: string;
    at: TimestampColumn;
    status: string;
    reviewer: string;
    note: string;
  };
}

export interface ScreeningRun {
  readonly id: string;
  readonly listVersion: string;
  readonly screenedAt: string;
  readonly findings: number;
  readonly diff: FindingsDiffSummary;
}

/** What a run changed, by finding id (the full findings are in the findings table). */
export interface FindingsDiffSummary {
  readonly fromVersion: string | null;
  readonly toVersion: string | null;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly id: string; readonly fields: readonly string[] }[];
  readonly unchanged: number;
}

export const summariseDiff = (d: FindingsDiff): FindingsDiffSummary => ({
  fromVersion: d.fromVersion,
  toVersion: d.toVersion,
  added: d.added.map((f) => f.id),
  removed: d.removed.map((f) => f.id),
  changed: d.changed.map((c) => ({ id: c.after.id, fields: c.fields })),
  unchanged: d.unchanged,
});

export interface FindingFilter {
  readonly status?: ReviewStatus['status'];
  readonly minSeverity?: Severity;
  readonly facilityIds?: readonly string[];
}

const noteOf = (r: ReviewStatus) =>
  r.status === 'accepted-risk' ? r.justification : r.status === 'false-positive' ? r.reason : '';

/** Findings persistence: rows <-> Finding values, nothing else. */
export function findingsRepository(db: Kysely<Database>) {
  return {
    /** Replaces the current findings with a run's, in one transaction, and records the run. */
    async saveRun(
      run: { id: string; at: Date; listVersion: string; diff: FindingsDiffSummary },
      findings: readonly Finding[],
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('findings').execute();
        for (let i = 0; i < findings.length; i += 200) {
          const rows = findings.slice(i, i + 200).map((f) => ({
            id: f.id,
            run_id: run.id,
            subject_kind: f.subject.kind,
            subject_id: f.subject.id,
            facility_id: f.subject.facilityId ?? null,
            entity_id: f.entity.organisationId,
            severity: f.severity,
            severity_rank: severityRank(f.severity),
            score: f.score,
            basis: f.basis,
            status: f.review.status,
            list_version: f.listVersion,
            finding_json: encodeJson(f),
          }));
          await trx.insertInto('findings').values(rows).execute();
        }
        await trx
          .insertInto('screening_runs')
          .values({
            id: run.id,
            list_version: run.listVersion,
            screened_at: encodeTimestamp(run.at),
            findings: findings.length,
            diff_json: encodeJson(run.diff),
          })
          .execute();
      });
    },

    async list(filter: FindingFilter = {}): Promise<Finding[]> {
      let q = db.selectFrom('findings').select('finding_json');
      if (filter.status !== undefined) q = q.where('status', '=', filter.status);
      if (filter.minSeverity !== undefined)
        q = q.where('severity_rank', '>=', severityRank(filter.minSeverity));
      if (filter.facilityIds !== undefined)
        q = q.where(
          'facility_id',
          'in',
          filter.facilityIds.length > 0 ? [...filter.facilityIds] : ['\u0000'],
        );
      const rows = await q.orderBy('severity_rank', 'desc').orderBy('id').execute();
      return rows.map((r) => decodeJson(r.finding_json) as Finding);
    },

    async get(id: string): Promise<Finding | undefined> {
      const r = await db
        .selectFrom('findings')
        .select('finding_json')
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? (decodeJson(r.finding_json) as Finding) : undefined;
    },

    /** Sets a finding's review status and appends it to the review history. */
    async review(id: string, review: ReviewStatus, at: Date, reviewer: string): Promise<Finding | undefined> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .selectFrom('findings')
          .select('finding_json')
          .where('id', '=', id)
          .executeTakeFirst();
        if (!r) return undefined;
        const updated: Finding = { ...(decodeJson(r.finding_json) as Finding), review };
        await trx
          .updateTable('findings')
          .set({ status: review.status, finding_json: encodeJson(updated) })
          .where('id', '=', id)
          .execute();
        await trx
          .insertInto('finding_reviews')
          .values({
            finding_id: id,
            at: encodeTimestamp(at),
            status: review.status,
            reviewer,
            note: noteOf(review),
          })
          .execute();
        return updated;
      });
    },

    async reviews(id: string): Promise<{ at: string; status: string; reviewer: string; note: string }[]> {
      const rows = await db
        .selectFrom('finding_reviews')
        .selectAll()
        .where('finding_id', '=', id)
        .orderBy('at')
        .execute();
      return rows.map((r) => ({
        at: decodeTimestamp(r.at),
        status: r.status,
        reviewer: r.reviewer,
        note: r.note,
      }));
    },

    async lastRun(): Promise<ScreeningRun | undefined> {
      const r = await db
        .selectFrom('screening_runs')
        .selectAll()
        .orderBy('screened_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return r
        ? {
            id: r.id,
            listVersion: r.list_version,
            screenedAt: decodeTimestamp(r.screened_at),
            findings: Number(r.findings),
            diff: decodeJson(r.diff_json) as FindingsDiffSummary,
          }
        : undefined;
    },
  };
}

export type FindingsRepository = ReturnType<typeof findingsRepository>;
