import {
  allAccess,
  canSeeFacility,
  periodMonthLabel,
  screenDataset,
  screeningContext,
  type Access,
  type Dataset,
  type Finding,
  type Plan,
  type PlanningProblem,
  type ReviewStatus,
} from '@portguard/core';
import { z } from 'zod';
import { listAudit } from '../db/repositories/audit-log.js';
import { loadScopedDataset } from '../db/repositories/scoped-inventory.js';
import { currentCoveredList } from '../screening/covered-lists.js';
import { trackStatus, type StatusRow } from '../tracking/service.js';
import type { Context } from './context.js';

/** The caller's part of the inventory (scoped in SQL): their facilities, assets, components; reference data whole. */
export const scopedDataset = (ctx: Pick<Context, 'store'>, access: Access): Promise<Dataset> =>
  loadScopedDataset(ctx.store.db, access);

const scopeKey = (access: Access) => (access.kind === 'all' ? '*' : [...access.ids].sort().join(','));
const MAX_CACHED_SCOPES = 64;

/**
 * Screening findings over what a caller may see, with their latest review. Screening runs on the caller's scoped
 * inventory only, so another port's rows are never loaded; results are cached per scope until the covered list,
 * an import or an asset edit (all audited) changes.
 *
 * @example const { findings } = createFindingsService(ctx); const items = await findings(principal.access);
 */
export function createFindingsService(ctx: Pick<Context, 'store'>) {
  const cache = new Map<string, { key: string; findings: Finding[] }>();

  async function findings(access: Access): Promise<Finding[]> {
    const ds = await scopedDataset(ctx, access);
    const lastChange = async (entity: string) =>
      (await listAudit(ctx.store.db, allAccess, { limit: 1, entity }))[0]?.seq ?? 0;
    const coveredList = (await currentCoveredList(ctx)).release;
    const key = `${coveredList.version}:${ds.assets.length}:${ds.components.length}:${await lastChange('import')}:${await lastChange('asset')}`;
    const scope = scopeKey(access);
    let screened = cache.get(scope);
    if (!screened || screened.key !== key) {
      screened = { key, findings: screenDataset(ds, screeningContext(coveredList)) };
      cache.delete(scope);
      if (cache.size >= MAX_CACHED_SCOPES) cache.delete(cache.keys().next().value ?? '');
      cache.set(scope, screened);
    }
    const reviews = new Map<string, ReviewStatus>();
    for (const e of await listAudit(ctx.store.db, access, { limit: 100000, entity: 'finding' }))
      if (!reviews.has(e.entityId)) reviews.set(e.entityId, e.after as ReviewStatus);
    return (
      screened.findings
        // National subjects (suppliers, organisations) have no facility: only callers who see everything get them.
        .filter((f) =>
          f.subject.facilityId === undefined
            ? access.kind === 'all'
            : canSeeFacility(access, f.subject.facilityId),
        )
        .map((f) => ({ ...f, review: reviews.get(f.id) ?? f.review }))
    );
  }

  return { findings };
}

/** Tracking status rows of the caller's terminals; the total only when every row of the scope is theirs. */
export async function visibleTrackStatus(
  ctx: Context,
  access: Access,
  port?: string,
): Promise<{ rows: StatusRow[]; total: StatusRow['counts'] | null }> {
  const status = await trackStatus(ctx, port);
  const rows = status.rows.filter((r) => canSeeFacility(access, r.terminalId));
  return { rows, total: rows.length === status.rows.length ? status.total.counts : null };
}

export const PlanParams = z
  .object({
    methods: z
      .array(z.enum(['milp', 'greedy', 'do-nothing']))
      .min(1)
      .default(['greedy', 'do-nothing']),
    startMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' })
      .default('2027-01'),
    years: z.number().int().min(1).max(20).default(10),
    budgetScale: z.number().min(0).max(10).default(1),
    timeLimitSeconds: z.number().min(1).max(600).default(20),
  })
  .strict();
export type PlanParams = z.infer<typeof PlanParams>;

/** A national plan run (admin, program-office), in process or from a plan.solve job. */
export interface PlanRunRecord {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly params: PlanParams;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
  finishedAt: string | null;
  problem: PlanningProblem | null;
  plans: readonly Plan[];
}

/**
 * A plan run as one caller may see it: only their terminals' rows; national figures (cost, risk, spend,
 * infeasibility) only with access to all. Runs are solved on the whole inventory by design.
 */
export function planRunView(run: PlanRunRecord, access: Access) {
  const problem = run.problem;
  const labels = problem
    ? Array.from({ length: problem.periods }, (_, i) =>
        periodMonthLabel(problem.startMonth, problem.granularity, i),
      )
    : [];
  const all = access.kind === 'all';
  const plans = run.plans.map((p) => {
    const capacity = p.capacity.filter((c) => canSeeFacility(access, c.terminalId));
    const untrustedByPeriod = labels.map(() => 0);
    for (const c of capacity)
      untrustedByPeriod[c.period] = (untrustedByPeriod[c.period] ?? 0) + c.untrustedInService;
    return {
      name: p.name,
      method: p.method,
      status: p.status,
      gap: p.gap,
      solveSeconds: p.solveSeconds,
      completionPeriod: p.completionPeriod,
      completionMonth: p.completionPeriod === null ? null : (labels[p.completionPeriod] ?? null),
      totalCostCents: all ? p.totalCostCents : null,
      riskByPeriod: all ? p.riskByPeriod : null,
      spend: all ? p.spend : [],
      untrustedByPeriod,
      replacements: p.replacements.filter((r) => canSeeFacility(access, r.terminalId)),
      capacity,
      infeasibility: all ? (p.infeasibility ?? null) : null,
    };
  });
  return {
    id: run.id,
    status: run.status,
    progress: run.progress,
    message: run.message,
    error: run.error,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    params: run.params,
    periods: labels,
    plans,
  };
}
