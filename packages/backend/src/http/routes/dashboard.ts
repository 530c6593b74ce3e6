import {
  DashboardOverview,
  DashboardPort,
  DashboardSite,
  FindingList,
  FindingReviewRequest,
  FindingView,
  IdParam,
  LIFECYCLE_STEPS,
  PlanRunList,
  PlanRunRequest,
  PlanRunView,
  periodMonthLabel,
  PortGuardError,
  ProgramView,
  type Access,
  type ReviewStatus,
  facilityOfPlanningTerminal,
  kindOfPlanningTerminal,
} from '@portguard/core';
import { z } from 'zod';
import { audited } from '../../audit/audited.js';
import { createInProcessJobQueue, type JobQueue } from '../../jobs/queue.js';
import { requireRole, requireWrite } from '../../auth/principal.js';
import { createFindingsService, scopedDataset } from '../../services/dashboard.js';
import { planRunService } from '../../services/plan-runs.js';
import { simulationService } from '../../services/simulations.js';
import { nationalSummary } from '../../services/summary.js';
import { reportScopeFor, trackStatusFor } from '../../services/tracking-scope.js';
import { buildStatusReport, SLIPPAGE_HEADER, type ReportTable } from '../../tracking/report.js';
import { getBaseline, replan } from '../../tracking/service.js';
import { principal } from '../auth-hook.js';
import type { ServerContext } from '../context.js';
import type { RouteModule } from './types.js';

const tags = ['dashboard'];

/**
 * Aggregates for the web dashboard: national overview, port pages, findings with reviews, plan runs. Every read
 * goes through the caller's access; plan runs are national (admin, program-office) and shown scoped.
 */
export const dashboardRoutes: RouteModule = (app, ctx: ServerContext) => {
  const { findings: findingsFor } = createFindingsService(ctx);
  const planRuns = planRunService(ctx);
  // Without a job queue (a server built for tests or embedding), plan runs still become stored plan.solve jobs.
  let inProcess: JobQueue | undefined;
  const planJobs = (): JobQueue =>
    ctx.jobs ??
    (inProcess ??= createInProcessJobQueue({ store: ctx.store, log: ctx.log, clock: () => ctx.clock.now() }));
  app.addHook('onClose', async () => {
    await inProcess?.close();
  });
  const simulations = simulationService(ctx);

  /** P10/P50/P90 completion of the newest simulation: of its optimized plan, else its first (baseline) plan. */
  async function simulationHeadline(access: Access) {
    const sim = await simulations.latest(access);
    const report = sim?.report;
    if (!sim || !report) return null;
    const p = report.plans.find((x) => x.plan === 'optimized') ?? report.plans[0];
    if (!p) return null;
    return {
      id: sim.id,
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
        response: { 200: DashboardOverview },
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
      const view = (await planRuns.latest(access)) ?? null;
      const current =
        view?.plans.find((p) => p.method === 'milp') ?? view?.plans.find((p) => p.method === 'greedy');
      const assetsAt = new Map<string, number>();
      for (const a of ds.assets) assetsAt.set(a.facilityId, (assetsAt.get(a.facilityId) ?? 0) + 1);
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
        sites: ds.facilities
          .filter((f) => f.portId === undefined || !ds.ports.some((p) => p.id === f.portId))
          .map((f) => ({
            facilityId: f.id as string,
            name: f.name,
            kind: f.kind as string,
            assets: assetsAt.get(f.id) ?? 0,
          })),
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
    {
      schema: {
        tags,
        description: 'One port: terminals, equipment, latest plan rows.',
        params: IdParam,
        response: { 200: DashboardPort },
      },
    },
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
      return {
        port,
        summary: nationalSummary({ ...ds, facilities }, ctx.clock.now().getUTCFullYear()).national,
        facilities,
        assets,
        findings,
        // A facility's units of another kind (cameras) are in the Gantt, not in the TEU capacity chart.
        plan: await currentPlanRows(access, fids, (terminalId) => fids.has(terminalId)),
      };
    },
  );

  /** The current plan's replacements at these facilities, and its capacity rows of the terminals `charted` keeps. */
  async function currentPlanRows(
    access: Access,
    facilityIds: ReadonlySet<string>,
    charted: (terminalId: string) => boolean,
  ) {
    const view = (await planRuns.latest(access)) ?? null;
    const plan =
      view?.plans.find((p) => p.method === 'milp') ?? view?.plans.find((p) => p.method === 'greedy');
    if (!view || !plan) return null;
    const here = (terminalId: string) => facilityIds.has(facilityOfPlanningTerminal(terminalId));
    return {
      runId: view.id,
      name: plan.name,
      periods: view.periods,
      replacements: plan.replacements.filter((r) => here(r.terminalId)),
      capacity: plan.capacity.filter((c) => here(c.terminalId) && charted(c.terminalId)),
    };
  }

  app.get(
    '/api/dashboard/sites/:id',
    {
      schema: {
        tags,
        description:
          'One facility (an emergency operations center, a government site, a terminal): equipment, findings, and the current plan\'s rows for its cranes and for each kind of its other assets (`facility~kind`, one unit per "TEU").',
        params: IdParam,
        response: { 200: DashboardSite },
      },
    },
    async (request) => {
      const access = principal(request).access;
      const ds = await scopedDataset(ctx, access);
      const facility = ds.facilities.find((f) => f.id === request.params.id);
      if (!facility) throw new PortGuardError('not_found', `no facility ${request.params.id}`);
      const findings = (await findingsFor(access)).filter((f) => f.subject.facilityId === facility.id);
      const plan = await currentPlanRows(access, new Set([facility.id]), () => true);
      const planned = [...new Set(plan?.capacity.map((c) => c.terminalId))].sort();
      return {
        facility,
        assets: ds.assets.filter((a) => a.facilityId === facility.id),
        findings,
        plan,
        planned: planned.map((terminalId) => ({ terminalId, kind: kindOfPlanningTerminal(terminalId) })),
      };
    },
  );

  app.get(
    '/api/dashboard/findings',
    {
      schema: {
        tags,
        description: 'Screening findings over the visible inventory, with their latest review.',
        response: { 200: FindingList },
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
        body: FindingReviewRequest,
        response: { 200: FindingView },
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
          'Program tracking against the latest baseline: counts by lifecycle step (total, by port, by terminal), slippage per terminal and crane (delivery slip recorded and forecast by the supplier), the supplier forecasts in effect, spend vs baseline per fiscal year, remaining risk vs the baseline burn-down. National, or ?port= (port operators: their port).',
        querystring: z.object({ port: z.string().min(1).optional() }).strict(),
        response: { 200: ProgramView },
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
      // A facility's units of another kind (facility~kind) are named after it, with their kind.
      const nameOf = (terminalId: string): string => {
        const name = facilityName.get(facilityOfPlanningTerminal(terminalId));
        const kind = kindOfPlanningTerminal(terminalId);
        return name === undefined ? terminalId : kind === null ? name : `${name} (${kind})`;
      };
      const ports = ds.ports
        .filter((p) => ds.facilities.some((f) => f.portId === p.id && inBaseline.has(f.id)))
        .map((p) => ({ id: p.id, name: p.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const port = request.query.port ?? (access.kind === 'all' ? undefined : ports[0]?.id);
      const scope = await reportScopeFor(ctx, access, port);
      const run = await replan(ctx, { method: 'greedy' });
      const report = await buildStatusReport(ctx, scope, run);
      const status = await trackStatusFor(ctx, access, port);
      const terminals = status.rows.map((r) => ({
        ...r,
        name: nameOf(r.terminalId),
      }));
      const byPort = new Map<string, { counts: Record<string, number>; terminals: number }>();
      for (const t of terminals) {
        const id = facilityPort.get(facilityOfPlanningTerminal(t.terminalId)) ?? '(no port)';
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
      const [sT, sB, sC, sS, sL, sE, sF] = SLIPPAGE_HEADER.map((h) => column(slip, h));
      // Cranes and forecasts of the scope: the terminals of the report's (scoped) Slippage table.
      const inScope = new Set(slip.rows.map((r) => String(sT!(r))));
      const problem = run.actual.problem;
      const month = (p: number | null) =>
        p === null ? null : periodMonthLabel(problem.startMonth, problem.granularity, p);
      const supplierName = new Map(problem.suppliers.map((x) => [x.id, x.name]));
      const supplierOf = new Map(
        run.plan.replacements.map((x) => [x.craneId, supplierName.get(x.supplierId) ?? x.supplierId]),
      );
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
          total: status.total?.counts ?? null,
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
          forecastLate: num(sF!(r)) ?? 0,
        })),
        cranes: run.comparison.cranes
          .filter((c) => inScope.has(c.terminalId))
          .map((c) => ({
            craneId: c.craneId,
            terminalId: c.terminalId,
            step: c.step,
            supplier: supplierOf.get(c.craneId) ?? null,
            baselineInService: month(c.baselineInService),
            currentInService: month(c.currentInService),
            source: c.source,
            slipPeriods: c.slipPeriods,
            deliverySlipPeriods: c.deliverySlipPeriods,
            forecastSlipPeriods: c.forecastSlipPeriods,
          })),
        forecasts: run.comparison.forecasts
          .filter((f) => inScope.has(f.terminalId))
          .map((f) => ({
            craneId: f.craneId,
            terminalId: f.terminalId,
            supplier: supplierOf.get(f.craneId) ?? null,
            baselineArrival: month(f.baselineArrival),
            arrivalDate: f.arrivalDate,
            slipPeriods: f.slipPeriods,
            reason: f.reason,
            evidence: f.evidence,
            recordedBy: f.recordedBy,
            recordedAt: f.recordedAt,
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

  app.post(
    '/api/dashboard/plans',
    {
      schema: {
        tags,
        description:
          'Run the planner in the background (admin, program-office) as a plan.solve job, stored like every job: greedy and do-nothing take seconds, MILP up to its time limit (a MILP run also computes greedy). Poll GET /api/dashboard/plans/{id}.',
        body: PlanRunRequest,
        response: { 202: PlanRunView },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      requireRole(p, 'admin', 'program-office');
      return reply.status(202).send(await planRuns.start(planJobs(), p, request.body));
    },
  );

  app.get(
    '/api/dashboard/plans',
    { schema: { tags, description: 'Plan runs, newest first.', response: { 200: PlanRunList } } },
    async (request) => ({ items: await planRuns.list(principal(request).access) }),
  );

  app.get(
    '/api/dashboard/plans/:id',
    {
      schema: {
        tags,
        description: 'One plan run with its plans, scoped to the caller.',
        params: IdParam,
        response: { 200: PlanRunView },
      },
    },
    async (request) => {
      const run = await planRuns.get(principal(request).access, request.params.id);
      if (!run) throw new PortGuardError('not_found', `no plan run ${request.params.id}`);
      return run;
    },
  );
};
