import { randomUUID } from 'node:crypto';
import {
  allAccess,
  IdParam,
  PortGuardError,
  type Access,
  type Plan,
  type PlanningProblem,
  type ReviewStatus,
  LIFECYCLE_STEPS,
} from '@portguard/core';
import { z } from 'zod';
import { audited } from '../../audit/audited.js';
import { requireRole, requireWrite, type Principal } from '../../auth/principal.js';
import { planningInputFromStore } from '../../evidence/planning.js';
import { loadJobForRun } from '../../db/repositories/jobs.js';
import {
  createFindingsService,
  PlanParams,
  planRunView as planView,
  scopedDataset,
  visibleTrackStatus,
  type PlanRunRecord,
} from '../../services/dashboard.js';
import { runPlanning, type PlanMethod } from '../../services/plan.js';
import { nationalSummary } from '../../services/summary.js';
import { buildStatusReport, type ReportTable } from '../../tracking/report.js';
import { getBaseline } from '../../tracking/service.js';
import { principal } from '../auth-hook.js';
import type { ServerContext } from '../context.js';
import { latestSimulation, simulationView } from './simulations.js';
import { reportScopeFor } from './tracking.js';
import type { RouteModule } from './types.js';

const tags = ['dashboard'];

const ReviewBody = z
  .object({
    status: z.enum(['open', 'accepted-risk', 'false-positive']),
    note: z.string().max(2000).default(''),
  })
  .strict();

/**
 * Aggregates for the web dashboard: national overview, port pages, findings with reviews, plan runs. Every read
 * goes through the caller's access; plan runs are national (admin, program-office) and shown scoped.
 */
export const dashboardRoutes: RouteModule = (app, ctx: ServerContext) => {
  const runs = new Map<string, PlanRunRecord>();
  const { findings: findingsFor } = createFindingsService(ctx);

  // Plan runs are national by design: solved on the whole inventory, started by admin or program-office only.
  const loadNationalDataset = () => planningInputFromStore(ctx.store);

  // Finished plan.solve jobs do not change: convert each once.
  const finishedJobs = new Map<string, PlanRunRecord>();

  /** A plan.solve job (persisted by the job queue) as a run; undefined for other kinds. */
  async function jobRun(id: string): Promise<PlanRunRecord | undefined> {
    const cached = finishedJobs.get(id);
    if (cached) return cached;
    const stored = await loadJobForRun(ctx.store.db, id);
    if (!stored || stored.view.kind !== 'plan.solve') return undefined;
    const v = stored.view;
    const payload = (stored.payload ?? {}) as Record<string, unknown>;
    const result = v.result as { plans?: Plan[]; problem?: { periods?: number } } | null;
    const startMonth = typeof payload.startMonth === 'string' ? payload.startMonth : '2027-01';
    const num = (x: unknown, d: number) => (typeof x === 'number' ? x : d);
    const run: PlanRunRecord = {
      id: `job-${v.id}`,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      params: {
        methods: ['greedy', 'milp'],
        startMonth,
        years: num(payload.years, 10),
        budgetScale: num(payload.budgetScale, 1),
        timeLimitSeconds: num(payload.timeLimitSeconds, 10),
      },
      status: v.status,
      progress: v.progress,
      message: v.message,
      error: v.error,
      finishedAt: v.finishedAt,
      problem:
        result?.problem?.periods !== undefined
          ? ({ startMonth, granularity: 'month', periods: result.problem.periods } as PlanningProblem)
          : null,
      plans: result?.plans ?? [],
    };
    if (v.status === 'succeeded' || v.status === 'failed') finishedJobs.set(id, run);
    return run;
  }

  /** In-process runs and plan.solve jobs, oldest first. Runs are national; views are scoped by the caller. */
  async function allRuns(): Promise<PlanRunRecord[]> {
    const jobs = ctx.jobs ? (await ctx.jobs.list(allAccess, 50)).filter((j) => j.kind === 'plan.solve') : [];
    const fromJobs = (await Promise.all(jobs.map((j) => jobRun(j.id)))).filter(
      (r): r is PlanRunRecord => r !== undefined,
    );
    return [...runs.values(), ...fromJobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  const latestRun = async (): Promise<PlanRunRecord | undefined> =>
    (await allRuns()).filter((r) => r.status === 'succeeded').at(-1);

  /** P10/P50/P90 completion of the newest simulation: of its optimized plan, else its first (baseline) plan. */
  async function simulationHeadline(access: Access) {
    const sim = await latestSimulation(ctx);
    const report = sim ? simulationView(sim, access).report : null;
    if (!sim || !report) return null;
    const p = report.plans.find((x) => x.plan === 'optimized') ?? report.plans[0];
    if (!p) return null;
    return {
      id: sim.view.id,
      scenario: report.scenario,
      runs: report.runs,
      plan: p.plan,
      completionMonth: p.completionMonth,
      completedShare: p.completedShare,
    };
  }

  app.get(
    '/api/dashboard/overview',
    {
      schema: {
        tags,
        description:
          'National (or, for a port operator, own-port) overview: ports on the map and headline figures.',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(),
      },
    },
    async (request) => {
      const access = principal(request).access;
      const ds = await scopedDataset(ctx, access);
      const year = request.query.year ?? ctx.clock.now().getUTCFullYear();
      const summary = nationalSummary(ds, year);
      const ports = summary.ports.map((s) => {
        const p = ds.ports.find((x) => x.id === s.portId);
        return { ...s, lat: p?.location.lat ?? 0, lon: p?.location.lon ?? 0 };
      });
      const run = await latestRun();
      const view = run ? planView(run, access) : null;
      const current =
        view?.plans.find((p) => p.method === 'milp') ?? view?.plans.find((p) => p.method === 'greedy');
      const budget =
        current && access.kind === 'all'
          ? {
              usedCents: current.spend.reduce((s, x) => s + x.federalCents, 0),
              availableCents: current.spend.reduce((s, x) => s + x.availableCents, 0),
            }
          : null;
      return {
        year,
        scope: access.kind,
        national: summary.national,
        ports,
        plan:
          view && current
            ? {
                runId: view.id,
                name: current.name,
                periods: view.periods,
                riskByPeriod: current.riskByPeriod,
                untrustedByPeriod: current.untrustedByPeriod,
                completionMonth: current.completionMonth,
                budget,
              }
            : null,
        simulation: await simulationHeadline(access),
      };
    },
  );

  app.get(
    '/api/dashboard/ports/:id',
    { schema: { tags, description: 'One port: terminals, equipment, latest plan rows.', params: IdParam } },
    async (request) => {
      const access = principal(request).access;
      const ds = await scopedDataset(ctx, access);
      const port = ds.ports.find((p) => p.id === request.params.id);
      if (!port) throw new PortGuardError('not_found', `no port ${request.params.id}`);
      const facilities = ds.facilities.filter((f) => f.portId === port.id);
      const fids = new Set<string>(facilities.map((f) => f.id));
      const assets = ds.assets.filter((a) => fids.has(a.facilityId));
      const findings = (await findingsFor(access)).filter(
        (f) => f.subject.facilityId !== undefined && fids.has(f.subject.facilityId),
      );
      const run = await latestRun();
      const view = run ? planView(run, access) : null;
      const plan =
        view?.plans.find((p) => p.method === 'milp') ?? view?.plans.find((p) => p.method === 'greedy');
      return {
        port,
        summary: nationalSummary({ ...ds, facilities }, ctx.clock.now().getUTCFullYear()).national,
        facilities,
        assets,
        findings,
        plan:
          view && plan
            ? {
                runId: view.id,
                name: plan.name,
                periods: view.periods,
                replacements: plan.replacements.filter((r) => fids.has(r.terminalId)),
                capacity: plan.capacity.filter((c) => fids.has(c.terminalId)),
              }
            : null,
      };
    },
  );

  app.get(
    '/api/dashboard/findings',
    {
      schema: {
        tags,
        description: 'Screening findings over the visible inventory, with their latest review.',
      },
    },
    async (request) => ({ items: await findingsFor(principal(request).access) }),
  );

  app.post(
    '/api/dashboard/findings/:id/review',
    {
      schema: {
        tags,
        description: 'Record a review decision (admin, program-office, port-operator for own facilities).',
        params: IdParam,
        body: ReviewBody,
      },
    },
    async (request) => {
      const p = principal(request);
      const access = requireWrite(p);
      const finding = (await findingsFor(access)).find((f) => f.id === request.params.id);
      if (!finding) throw new PortGuardError('not_found', `no finding ${request.params.id}`);
      const at = ctx.clock.now();
      const { status, note } = request.body;
      if (status !== 'open' && note.trim() === '')
        throw new PortGuardError('invalid_input', 'a justification or reason is required', [
          {
            code: 'required',
            path: ['note'],
            message: 'expected a justification (accepted-risk) or reason (false-positive)',
          },
        ]);
      const review: ReviewStatus =
        status === 'open'
          ? { status: 'open' }
          : status === 'accepted-risk'
            ? { status, reviewer: p.username, justification: note, at: at.toISOString() }
            : { status, reviewer: p.username, reason: note, at: at.toISOString() };
      await audited(ctx.store, p, at, async (_trx, record) => {
        await record({
          action: 'finding.review',
          entity: 'finding',
          entityId: finding.id,
          facilityId: finding.subject.facilityId ?? null,
          before: finding.review,
          after: review,
        });
      });
      return { ...finding, review };
    },
  );

  app.get(
    '/api/dashboard/program',
    {
      schema: {
        tags,
        description:
          'Program tracking against the latest baseline: counts by lifecycle step (total, by port, by terminal), slippage per terminal, spend vs baseline per fiscal year, remaining risk vs the baseline burn-down. National, or ?port= (port operators: their port).',
        querystring: z.object({ port: z.string().min(1).optional() }).strict(),
      },
    },
    async (request) => {
      const access = principal(request).access;
      const ds = await scopedDataset(ctx, access);
      let baseline;
      try {
        baseline = await getBaseline(ctx);
      } catch (e) {
        if (e instanceof PortGuardError && e.code === 'not_found')
          return { baseline: null, message: e.message, steps: LIFECYCLE_STEPS, ports: [] };
        throw e;
      }
      const inBaseline = new Set<string>(baseline.problem.terminals.map((t) => t.id));
      const facilityPort = new Map<string, string>(
        ds.facilities.flatMap((f) => (f.portId ? [[f.id, f.portId] as [string, string]] : [])),
      );
      const facilityName = new Map<string, string>(ds.facilities.map((f) => [f.id, f.name]));
      const ports = ds.ports
        .filter((p) => ds.facilities.some((f) => f.portId === p.id && inBaseline.has(f.id)))
        .map((p) => ({ id: p.id, name: p.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const port = request.query.port ?? (access.kind === 'all' ? undefined : ports[0]?.id);
      const scope = await reportScopeFor(ctx, access, port);
      const report = await buildStatusReport(ctx, scope);
      const status = await visibleTrackStatus(ctx, access, port);
      const terminals = status.rows.map((r) => ({
        ...r,
        name: facilityName.get(r.terminalId) ?? r.terminalId,
      }));
      const byPort = new Map<string, { counts: Record<string, number>; terminals: number }>();
      for (const t of terminals) {
        const id = facilityPort.get(t.terminalId) ?? '(no port)';
        const e = byPort.get(id) ?? {
          counts: Object.fromEntries(LIFECYCLE_STEPS.map((k) => [k, 0])),
          terminals: 0,
        };
        for (const k of LIFECYCLE_STEPS) e.counts[k] = (e.counts[k] ?? 0) + t.counts[k];
        e.terminals++;
        byPort.set(id, e);
      }
      const table = (name: string): ReportTable => {
        const t = report.tables.find((x) => x.name === name);
        if (!t) throw new PortGuardError('infrastructure', `the status report has no ${name} table`);
        return t;
      };
      const column = (t: ReportTable, header: string) => {
        const i = t.header.indexOf(header);
        if (i < 0) throw new PortGuardError('infrastructure', `the ${t.name} table has no ${header} column`);
        return (row: ReadonlyArray<string | number>) => row[i];
      };
      const num = (v: string | number | undefined) => (typeof v === 'number' ? v : null);
      const str = (v: string | number | undefined) => (v === undefined || v === '' ? null : String(v));
      const slip = table('Slippage');
      const [sT, sB, sC, sS, sL, sE] = [
        'terminal',
        'baseline completion',
        'current completion',
        'slip (periods)',
        'cranes late',
        'cranes early',
      ].map((h) => column(slip, h));
      const spend = table('Spend');
      const [fy, fb, fc] = ['fiscal year', 'baseline USD', 'current USD'].map((h) => column(spend, h));
      const risk = table('Risk');
      const [rp, rb, rc] = ['period', 'baseline remaining risk', 'current remaining risk'].map((h) =>
        column(risk, h),
      );
      const cents = (v: string | number | undefined) => Math.round((num(v) ?? 0) * 100);
      return {
        baseline: { name: report.baseline, approvedAt: baseline.approvedAt ?? null },
        message: null,
        asOf: report.asOf,
        scope: scope.kind === 'national' ? 'national' : scope.port,
        steps: LIFECYCLE_STEPS,
        ports,
        board: {
          total: status.total,
          byPort: [...byPort.entries()]
            .map(([id, e]) => ({ portId: id, name: ds.ports.find((p) => p.id === id)?.name ?? id, ...e }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          byTerminal: terminals,
        },
        slippage: slip.rows.map((r) => ({
          terminalId: String(sT!(r)),
          name: facilityName.get(String(sT!(r))) ?? String(sT!(r)),
          baselineCompletion: str(sB!(r)),
          currentCompletion: str(sC!(r)),
          slipPeriods: num(sS!(r)),
          late: num(sL!(r)) ?? 0,
          early: num(sE!(r)) ?? 0,
        })),
        spend: spend.rows.map((r) => ({
          fiscalYear: Number(fy!(r)),
          baselineCents: cents(fb!(r)),
          currentCents: cents(fc!(r)),
        })),
        risk: {
          periods: risk.rows.map((r) => String(rp!(r))),
          baseline: risk.rows.map((r) => num(rb!(r)) ?? 0),
          current: risk.rows.map((r) => num(rc!(r)) ?? 0),
        },
        missedMilestones: table('Milestones missed').rows.length,
      };
    },
  );

  const startRun = (p: Principal, params: PlanParams): PlanRunRecord => {
    const run: PlanRunRecord = {
      id: randomUUID(),
      createdBy: p.username,
      createdAt: ctx.clock.now().toISOString(),
      params,
      status: 'queued',
      progress: 0,
      message: 'queued',
      error: null,
      finishedAt: null,
      problem: null,
      plans: [],
    };
    runs.set(run.id, run);
    setImmediate(() => {
      void (async () => {
        try {
          run.status = 'running';
          run.progress = 0.1;
          run.message = 'loading the inventory';
          const { dataset: ds, exposureByAsset } = await loadNationalDataset();
          run.progress = 0.3;
          run.message = `planning: ${params.methods.join(', ')}`;
          const result = await runPlanning(ds, {
            ...(exposureByAsset === undefined ? {} : { exposureByAsset }),
            methods: params.methods as PlanMethod[],
            startMonth: params.startMonth,
            years: params.years,
            budgetScale: params.budgetScale,
            timeLimitSeconds: params.timeLimitSeconds,
          });
          run.problem = result.problem;
          run.plans = result.plans;
          run.status = 'succeeded';
          run.progress = 1;
          run.message = `${result.plans.length} plan(s)`;
        } catch (e) {
          run.status = 'failed';
          run.error = e instanceof Error ? e.message : String(e);
          run.message = 'failed';
        } finally {
          run.finishedAt = ctx.clock.now().toISOString();
        }
      })();
    });
    return run;
  };

  app.post(
    '/api/dashboard/plans',
    {
      schema: {
        tags,
        description:
          'Run the planner in the background (admin, program-office); with MILP and a job queue, as a plan.solve job. Poll GET /api/dashboard/plans/{id}.',
        body: PlanParams,
      },
    },
    async (request, reply) => {
      const p = principal(request);
      requireRole(p, 'admin', 'program-office');
      // With a job queue, MILP runs go through the persisted plan.solve job (greedy + MILP, in a worker thread).
      if (ctx.jobs && request.body.methods.includes('milp')) {
        const { startMonth, years, budgetScale, timeLimitSeconds } = request.body;
        const job = await ctx.jobs.submit(p, 'plan.solve', {
          startMonth,
          years,
          budgetScale,
          timeLimitSeconds,
        });
        const queued = await jobRun(job.id);
        if (queued) return reply.status(202).send(planView(queued, p.access));
      }
      const run = startRun(p, request.body);
      return reply.status(202).send(planView(run, p.access));
    },
  );

  app.get(
    '/api/dashboard/plans',
    { schema: { tags, description: 'Plan runs, newest first.' } },
    async (request) => {
      const access = principal(request).access;
      return {
        items: (await allRuns()).reverse().map((r) => {
          const { plans, periods, ...rest } = planView(r, access);
          return {
            ...rest,
            periodCount: periods.length,
            plans: plans.map((x) => ({ name: x.name, method: x.method, status: x.status })),
          };
        }),
      };
    },
  );

  app.get(
    '/api/dashboard/plans/:id',
    { schema: { tags, description: 'One plan run with its plans, scoped to the caller.', params: IdParam } },
    async (request) => {
      const id = request.params.id;
      const run = id.startsWith('job-') ? await jobRun(id.slice(4)) : runs.get(id);
      if (!run) throw new PortGuardError('not_found', `no plan run ${request.params.id}`);
      return planView(run, principal(request).access);
    },
  );
};
