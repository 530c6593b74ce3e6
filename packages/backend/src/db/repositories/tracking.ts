import {
  upgradeStoredPlan,
  type BudgetRevision,
  type Plan,
  type PlanningProblem,
  type StepInput,
  type StepRecord,
  type StoredPlan,
  type TrackEvent,
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
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the tracking tables
  interface Database extends TrackingTables {}
}

export interface TrackingTables {
  track_steps: {
    seq: number;
    crane_id: string;
    event: string;
    date: string;
    amount_cents: number | null;
    supplier_id: string | null;
    evidence: string | null;
    note: string | null;
    correction_reason: string | null;
    recorded_by: string;
    recorded_at: TimestampColumn;
  };
  baselines: {
    name: string;
    approved_at: TimestampColumn;
    approved_by: string;
    note: string;
    problem_json: JsonColumn;
    plan_json: JsonColumn;
  };
  budget_revisions: {
    seq: number;
    program_id: string;
    fiscal_year: number;
    amount_cents: number;
    reason: string;
    recorded_by: string;
    recorded_at: TimestampColumn;
  };
}

export interface BaselineSummary {
  readonly name: string;
  readonly approvedAt: string;
  readonly approvedBy: string;
  readonly note: string;
}

/** An approved plan with the problem it was made for; never updated once stored. */
export interface Baseline extends BaselineSummary {
  readonly problem: PlanningProblem;
  readonly plan: Plan;
}

export interface RecordedBudgetRevision extends BudgetRevision {
  readonly seq: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

type Row = TrackingTables['track_steps'];
const toRecord = (r: Row): StepRecord => ({
  seq: Number(r.seq),
  craneId: r.crane_id,
  event: r.event as TrackEvent,
  date: r.date,
  recordedBy: r.recorded_by,
  recordedAt: decodeTimestamp(r.recorded_at),
  ...(r.amount_cents === null ? {} : { amountCents: Number(r.amount_cents) }),
  ...(r.supplier_id === null ? {} : { supplierId: r.supplier_id }),
  ...(r.evidence === null ? {} : { evidence: r.evidence }),
  ...(r.note === null ? {} : { note: r.note }),
  ...(r.correction_reason === null ? {} : { correction: { reason: r.correction_reason } }),
});

/** Rows <-> tracking values. Steps and budget revisions are append-only; baselines are insert-only. */
export function trackingRepository(db: Kysely<Database>) {
  return {
    async steps(craneId?: string): Promise<StepRecord[]> {
      let q = db.selectFrom('track_steps').selectAll().orderBy('seq');
      if (craneId !== undefined) q = q.where('crane_id', '=', craneId);
      return (await q.execute()).map(toRecord);
    },
    async appendStep(input: StepInput, recordedBy: string, at: Date): Promise<StepRecord> {
      const last = await db
        .selectFrom('track_steps')
        .select((e) => e.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      const row: Row = {
        seq,
        crane_id: input.craneId,
        event: input.event,
        date: input.date,
        amount_cents: input.amountCents ?? null,
        supplier_id: input.supplierId ?? null,
        evidence: input.evidence ?? null,
        note: input.note ?? null,
        correction_reason: input.correction?.reason ?? null,
        recorded_by: recordedBy,
        recorded_at: encodeTimestamp(at),
      };
      await db.insertInto('track_steps').values(row).execute();
      return toRecord(row);
    },
    async baselineNames(): Promise<BaselineSummary[]> {
      const rows = await db
        .selectFrom('baselines')
        .select(['name', 'approved_at', 'approved_by', 'note'])
        .orderBy('approved_at')
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        name: r.name,
        approvedAt: decodeTimestamp(r.approved_at),
        approvedBy: r.approved_by,
        note: r.note,
      }));
    },
    async baseline(name: string): Promise<Baseline | null> {
      const r = await db.selectFrom('baselines').selectAll().where('name', '=', name).executeTakeFirst();
      if (!r) return null;
      return {
        name: r.name,
        approvedAt: decodeTimestamp(r.approved_at),
        approvedBy: r.approved_by,
        note: r.note,
        problem: decodeJson(r.problem_json) as PlanningProblem,
        plan: upgradeStoredPlan(decodeJson(r.plan_json) as StoredPlan),
      };
    },
    async insertBaseline(b: Baseline): Promise<void> {
      await db
        .insertInto('baselines')
        .values({
          name: b.name,
          approved_at: b.approvedAt,
          approved_by: b.approvedBy,
          note: b.note,
          problem_json: encodeJson(b.problem),
          plan_json: encodeJson(b.plan),
        })
        .execute();
    },
    async budgetRevisions(): Promise<RecordedBudgetRevision[]> {
      const rows = await db.selectFrom('budget_revisions').selectAll().orderBy('seq').execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        programId: r.program_id,
        fiscalYear: Number(r.fiscal_year),
        amountCents: Number(r.amount_cents),
        reason: r.reason,
        recordedBy: r.recorded_by,
        recordedAt: decodeTimestamp(r.recorded_at),
      }));
    },
    async appendBudgetRevision(
      b: BudgetRevision,
      recordedBy: string,
      at: Date,
    ): Promise<RecordedBudgetRevision> {
      const last = await db
        .selectFrom('budget_revisions')
        .select((e) => e.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      await db
        .insertInto('budget_revisions')
        .values({
          seq,
          program_id: b.programId,
          fiscal_year: b.fiscalYear,
          amount_cents: b.amountCents,
          reason: b.reason,
          recorded_by: recordedBy,
          recorded_at: encodeTimestamp(at),
        })
        .execute();
      return { ...b, seq, recordedBy, recordedAt: at.toISOString() };
    },
  };
}
export type TrackingRepository = ReturnType<typeof trackingRepository>;
