import {
  canSeePlanningTerminal,
  kindOfPlanningTerminal,
  periodDateLabel,
  periodMonthLabel,
  PortGuardError,
  upgradeStoredPlan,
  type Access,
  type Plan,
  type PlanRunRequest,
  type PlanRunView,
  type StoredPlan,
} from '@portguard/core';
import type { Principal } from '../auth/principal.js';
import { listJobIdsOfKind, loadJobForRun } from '../db/repositories/jobs.js';
import type { Context } from './context.js';
import type { JobSubmitter } from './simulations.js';

const KIND = 'plan.solve';
/** Run ids are `job-<job id>`: the plan.solve job that computed them. */
const PREFIX = 'job-';
const METHODS = ['milp', 'greedy', 'do-nothing'] as const;

/** A national plan run (admin, program-office): a plan.solve job row, whatever it asked for. */
interface PlanRunRecord {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly params: PlanRunRequest;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly progress: number;
  readonly message: string | null;
  readonly error: string | null;
  readonly finishedAt: string | null;
  readonly granularity: 'month' | 'week';
  readonly periods: { readonly startMonth: string; readonly count: number } | null;
  readonly plans: readonly Plan[];
}

/**
 * A plan run as one caller may see it: only their terminals' rows; national figures (cost, risk, spend,
 * infeasibility) only with access to all. Runs are solved on the whole inventory by design.
 */
function planRunView(run: PlanRunRecord, access: Access): PlanRunView {
  const { granularity, periods } = run;
  const label = granularity === 'week' ? periodDateLabel : periodMonthLabel;
  const labels = periods
    ? Array.from({ length: periods.count }, (_, i) => label(periods.startMonth, granularity, i))
    : [];
  const all = access.kind === 'all';
  const plans = run.plans.map((p) => {
    const capacity = p.capacity.filter((c) => canSeePlanningTerminal(access, c.terminalId));
    // STS cranes: a facility's units of another kind (cameras) are counted on its site page, by kind.
    const untrustedByPeriod = labels.map(() => 0);
    for (const c of capacity)
      if (kindOfPlanningTerminal(c.terminalId) === null)
        untrustedByPeriod[c.period] = (untrustedByPeriod[c.period] ?? 0) + c.untrustedInService;
    return {
      name: p.name,
      method: p.method,
      status: p.status,
      gap: p.gap,
      solveSeconds: p.solveSeconds,
      completionPeriod: p.completionPeriod,
      completionMonth:
        p.completionPeriod === null || periods === null || p.completionPeriod >= periods.count
          ? null
          : periodMonthLabel(periods.startMonth, granularity, p.completionPeriod),
      totalCostCents: all ? p.totalCostCents : null,
      riskByPeriod: all ? [...p.riskByPeriod] : null,
      spend: all ? [...p.spend] : [],
      untrustedByPeriod,
      replacements: p.replacements.filter((r) => canSeePlanningTerminal(access, r.terminalId)),
      capacity,
      infeasibility: all && p.infeasibility ? { ...p.infeasibility } : null,
    };
  }) as PlanRunView['plans'];
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
    granularity,
    periods: labels,
    plans,
  };
}

const services = new WeakMap<object, ReturnType<typeof build>>();

/**
 * Dashboard plan runs. Every run, greedy-only ones included, is a plan.solve job: a row in `jobs` that outlives
 * the server, run in a worker thread by the job queue. Views are cut to the caller's `Access` here, not in routes.
 *
 * @example const runs = planRunService(ctx); const view = await runs.get(principal.access, 'job-…');
 */
export function planRunService(ctx: Pick<Context, 'store'>) {
  let s = services.get(ctx.store);
  if (!s) services.set(ctx.store, (s = build(ctx)));
  return s;
}

const num = (x: unknown, d: number) => (typeof x === 'number' ? x : d);

function build(ctx: Pick<Context, 'store'>) {
  // Finished jobs never change: convert each once.
  const finished = new Map<string, PlanRunRecord>();

  async function load(jobId: string): Promise<PlanRunRecord | undefined> {
    const cached = finished.get(jobId);
    if (cached) return cached;
    const stored = await loadJobForRun(ctx.store.db, jobId);
    if (!stored || stored.view.kind !== KIND) return undefined;
    const v = stored.view;
    const payload = (stored.payload ?? {}) as Record<string, unknown>;
    const result = v.result as { plans?: StoredPlan[]; problem?: { periods?: number } } | null;
    const startMonth = typeof payload.startMonth === 'string' ? payload.startMonth : '2027-01';
    const granularity = payload.granularity === 'week' ? 'week' : 'month';
    const methods = Array.isArray(payload.methods)
      ? METHODS.filter((m) => (payload.methods as unknown[]).includes(m))
      : (['greedy', 'milp'] as const);
    const run: PlanRunRecord = {
      id: `${PREFIX}${v.id}`,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      params: {
        methods: [...methods],
        startMonth,
        years: num(payload.years, 10),
        budgetScale: num(payload.budgetScale, 1),
        timeLimitSeconds: num(payload.timeLimitSeconds, 10),
        ...(typeof payload.deadline === 'string' ? { deadline: payload.deadline } : {}),
        ...(typeof payload.softFloor === 'boolean' ? { softFloor: payload.softFloor } : {}),
        ...(typeof payload.mipGap === 'number' ? { mipGap: payload.mipGap } : {}),
        ...(granularity === 'week' ? { granularity } : {}),
      },
      status: v.status,
      progress: v.progress,
      message: v.message,
      error: v.error,
      finishedAt: v.finishedAt,
      granularity,
      periods: result?.problem?.periods !== undefined ? { startMonth, count: result.problem.periods } : null,
      plans: (result?.plans ?? []).map(upgradeStoredPlan),
    };
    if (v.status === 'succeeded' || v.status === 'failed') finished.set(jobId, run);
    return run;
  }

  async function newest(limit: number, status?: 'succeeded'): Promise<PlanRunRecord[]> {
    const ids = await listJobIdsOfKind(ctx.store.db, KIND, { limit, ...(status ? { status } : {}) });
    return (await Promise.all(ids.map(load))).filter((r): r is PlanRunRecord => r !== undefined);
  }

  async function get(access: Access, id: string): Promise<PlanRunView | undefined> {
    if (!id.startsWith(PREFIX)) return undefined;
    const run = await load(id.slice(PREFIX.length));
    return run && planRunView(run, access);
  }

  return {
    get,

    /** Newest first, without their per-period rows. */
    async list(access: Access, limit = 50) {
      return (await newest(limit)).map((r) => {
        const { plans, periods, ...rest } = planRunView(r, access);
        return {
          ...rest,
          periodCount: periods.length,
          plans: plans.map((x) => ({ name: x.name, method: x.method, status: x.status })),
        };
      });
    },

    /** The newest succeeded run as the caller may see it: the dashboard's current plan. */
    async latest(access: Access): Promise<PlanRunView | undefined> {
      const run = (await newest(1, 'succeeded'))[0];
      return run && planRunView(run, access);
    },

    /** Queues a plan.solve job for the request (the job kind checks the role); its run, queued. */
    async start(jobs: JobSubmitter | undefined, p: Principal, params: PlanRunRequest): Promise<PlanRunView> {
      if (!jobs) throw new PortGuardError('infrastructure', 'this server runs no job queue');
      // A MILP run always carries the greedy plan it is measured against.
      const methods = params.methods.includes('milp')
        ? METHODS.filter((m) => m === 'greedy' || params.methods.includes(m))
        : params.methods;
      const job = await jobs.submit(p, KIND, { ...params, methods });
      const view = await get(p.access, `${PREFIX}${job.id}`);
      if (!view) throw new PortGuardError('infrastructure', `job ${job.id} vanished`);
      return view;
    },
  };
}
