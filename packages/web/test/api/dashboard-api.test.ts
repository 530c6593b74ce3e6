// The dashboard's API (backend routes/dashboard.ts) through real HTTP, per role: scoping, rights, plan runs.
import type { PlanRunView } from '@portguard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERATOR_PORT,
  OTHER_PORT,
  PASSWORD,
  startDashboardServer,
  type DashboardServer,
} from '../support/dashboard-server.js';
import { signIn } from '../support/api-client.js';

let server: DashboardServer;
let call: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  server = await startDashboardServer();
  call = await signIn(server, ['admin', 'office', 'operator', 'auditor'], PASSWORD);
}, 60_000);
afterAll(() => server?.close());

describe('dashboard API', () => {
  it('overview: national for the program office, own port only for an operator', async () => {
    const office = await call('office', 'GET', '/api/dashboard/overview');
    expect(office.status).toBe(200);
    expect(office.body.ports.length).toBeGreaterThan(20);
    expect(office.body.national.untrustedCranes).toBeGreaterThan(0);
    const op = await call('operator', 'GET', '/api/dashboard/overview');
    expect(op.body.scope).toBe('facilities');
    expect(op.body.ports.map((p: { portId: string }) => p.portId)).toEqual([OPERATOR_PORT]);
    expect(op.body.national.stsCranes).toBe(op.body.ports[0].stsCranes);
  });

  it('port page: an operator reaches their port and gets 404 for another', async () => {
    expect((await call('operator', 'GET', `/api/dashboard/ports/${OPERATOR_PORT}`)).status).toBe(200);
    const other = await call('operator', 'GET', `/api/dashboard/ports/${OTHER_PORT}`);
    expect(other.status).toBe(404);
    expect((await call('office', 'GET', `/api/dashboard/ports/${OTHER_PORT}`)).status).toBe(200);
  });

  it('findings: an operator sees only findings on their facilities; auditors cannot review', async () => {
    const facilities = (await call('operator', 'GET', '/api/facilities?limit=1000')).body.items.map(
      (f: { id: string }) => f.id,
    );
    const mine = (await call('operator', 'GET', '/api/dashboard/findings')).body.items;
    expect(mine.length).toBeGreaterThan(0);
    for (const f of mine) expect(facilities).toContain(f.subject.facilityId);
    const all = (await call('office', 'GET', '/api/dashboard/findings')).body.items;
    expect(all.length).toBeGreaterThan(mine.length);

    const id = encodeURIComponent(mine[0].id);
    const denied = await call('auditor', 'POST', `/api/dashboard/findings/${id}/review`, {
      status: 'false-positive',
      note: 'x',
    });
    expect(denied.status).toBe(403);
    const noReason = await call('operator', 'POST', `/api/dashboard/findings/${id}/review`, {
      status: 'accepted-risk',
      note: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toEqual(['note']);
    const ok = await call('operator', 'POST', `/api/dashboard/findings/${id}/review`, {
      status: 'accepted-risk',
      note: 'compensating network controls',
    });
    expect(ok.status).toBe(200);
    const after = (await call('office', 'GET', '/api/dashboard/findings')).body.items.find(
      (f: { id: string }) => f.id === mine[0].id,
    );
    expect(after.review).toMatchObject({ status: 'accepted-risk', reviewer: 'operator' });
    const audit = await call('office', 'GET', '/api/audit?limit=5');
    expect(JSON.stringify(audit.body)).toContain('finding.review');
  });

  it('plan runs: office starts one; an operator cannot, and sees only their terminals', async () => {
    expect((await call('operator', 'POST', '/api/dashboard/plans', { methods: ['greedy'] })).status).toBe(
      403,
    );
    const bad = await call('office', 'POST', '/api/dashboard/plans', {
      methods: ['greedy'],
      startMonth: '2027-13',
    });
    expect(bad.status).toBe(400);
    const started = await call('office', 'POST', '/api/dashboard/plans', {
      methods: ['greedy', 'do-nothing'],
    });
    expect(started.status).toBe(202);
    let run = started.body;
    for (let i = 0; i < 120 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      run = (await call('office', 'GET', `/api/dashboard/plans/${run.id}`)).body;
    }
    expect(run.status).toBe('succeeded');
    const greedy = run.plans.find((p: { method: string }) => p.method === 'greedy');
    expect(greedy.replacements.length).toBeGreaterThan(0);
    expect(greedy.totalCostCents).toBeGreaterThan(0);

    const facilities = (await call('operator', 'GET', '/api/facilities?limit=1000')).body.items.map(
      (f: { id: string }) => f.id,
    );
    const seen = (await call('operator', 'GET', `/api/dashboard/plans/${run.id}`)).body;
    const g = seen.plans.find((p: { method: string }) => p.method === 'greedy');
    expect(g.totalCostCents).toBeNull();
    expect(g.replacements.length).toBeGreaterThan(0);
    expect(g.replacements.length).toBeLessThan(greedy.replacements.length);
    for (const r of g.replacements) expect(facilities).toContain(r.terminalId);
    const port = (await call('operator', 'GET', `/api/dashboard/ports/${OPERATOR_PORT}`)).body;
    expect(port.plan.replacements.length).toBe(g.replacements.length);
  });

  it('MILP runs go through the persisted plan.solve job and become the current plan', async () => {
    const started = await call('office', 'POST', '/api/dashboard/plans', {
      methods: ['milp'],
      timeLimitSeconds: 2,
      startMonth: '2027-04',
    });
    expect(started.status).toBe(202);
    expect(started.body.id).toMatch(/^job-/);
    const run = await finished(started.body);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.periods[0]).toBe('2027-04');
    expect(run.plans.map((p: { method: string }) => p.method).sort()).toEqual(['greedy', 'milp']);
    const list = (await call('office', 'GET', '/api/dashboard/plans')).body.items;
    expect(list[0].id).toBe(run.id);
    const overview = (await call('office', 'GET', '/api/dashboard/overview')).body;
    expect(overview.plan.runId).toBe(run.id);
    expect(overview.plan.name).toMatch(/MILP/);
    const job = await call('office', 'GET', `/api/jobs/${run.id.slice(4)}`);
    expect(job.body.kind).toBe('plan.solve');
  }, 120_000);

  it("takes the planner's options: a deadline no plan can meet is infeasible and explained; a soft floor absorbs a shortfall", async () => {
    const milpOf = (run: PlanRunView) =>
      run.plans.find((p) => p.method === 'milp') as PlanRunView['plans'][number];
    const due = await call('office', 'POST', '/api/dashboard/plans', {
      methods: ['milp'],
      timeLimitSeconds: 2,
      startMonth: '2027-01',
      deadline: '2028-06',
      mipGap: 0.01,
    });
    expect(due.status).toBe(202);
    const dueRun = await finished(due.body);
    expect(dueRun.status).toBe('succeeded');
    expect(dueRun.params).toMatchObject({ deadline: '2028-06', mipGap: 0.01 });
    expect(milpOf(dueRun).status).toBe('infeasible');
    expect(milpOf(dueRun).infeasibility?.reasons.some((r) => r.kind === 'deadline')).toBe(true);

    // Over 15 years demand outgrows a terminal's cranes: infeasible with a hard floor, a priced shortfall with a soft one.
    const long = { methods: ['milp'], timeLimitSeconds: 2, startMonth: '2027-01', years: 15 };
    const hard = await finished((await call('office', 'POST', '/api/dashboard/plans', long)).body);
    expect(milpOf(hard).status).toBe('infeasible');
    const soft = await finished(
      (await call('office', 'POST', '/api/dashboard/plans', { ...long, softFloor: true })).body,
    );
    expect(soft.params.softFloor).toBe(true);
    expect(milpOf(soft).status).toBe('feasible');
    const wrong = await call('office', 'POST', '/api/dashboard/plans', { ...long, deadline: '2028-13' });
    expect(wrong.status).toBe(400);
  }, 120_000);

  it('searches the earliest deadline as a job (program office only): each probe reported, what is proven said', async () => {
    const job = (params: Record<string, unknown>, who: 'office' | 'operator' = 'office') =>
      call(who, 'POST', '/api/jobs', { kind: 'plan.earliest-deadline', params });
    expect((await job({ startMonth: '2027-01' }, 'operator')).status).toBe(403);
    expect((await job({ startMonth: '2027-13' })).status).toBe(400);
    expect((await job({ startMonth: '2027-01', deadline: '2030-01' })).status).toBe(400);
    // No money at all: no plan replaces a crane, and the exact LP proves the horizon's last month impossible.
    const started = await job({ startMonth: '2027-01', budgetScale: 0, timeLimitSeconds: 10 });
    expect(started.status).toBe(202);
    let view = started.body.job;
    for (let i = 0; i < 240 && (view.status === 'queued' || view.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      view = (await call('office', 'GET', `/api/jobs/${view.id}`)).body;
    }
    expect(view.status).toBe('succeeded');
    expect(view.result).toEqual({
      earliest: null,
      impossibleBy: '2036-12',
      exact: false,
      probes: [{ month: '2036-12', outcome: 'impossible', seconds: expect.any(Number) }],
    });
    expect(view.message).toMatch(/^probe 1 \(at most \d+\): 2036-12 is impossible$/);
  }, 120_000);

  it('plans by week when asked: one label per week (its first day), completion as a month', async () => {
    const weekly = await finished(
      (
        await call('office', 'POST', '/api/dashboard/plans', {
          methods: ['greedy'],
          startMonth: '2027-01',
          years: 2,
          granularity: 'week',
        })
      ).body,
    );
    expect(weekly.status).toBe('succeeded');
    expect(weekly.params.granularity).toBe('week');
    expect(weekly.granularity).toBe('week');
    expect(weekly.periods.length).toBeGreaterThan(100);
    expect(weekly.periods.slice(0, 2)).toEqual(['2027-01-01', '2027-01-08']);
    expect(new Set(weekly.periods).size).toBe(weekly.periods.length);
    const greedy = weekly.plans.find((p) => p.method === 'greedy')!;
    expect(greedy.untrustedByPeriod).toHaveLength(weekly.periods.length);
    if (greedy.completionPeriod !== null)
      expect(greedy.completionMonth).toBe(weekly.periods[greedy.completionPeriod]!.slice(0, 7));
    const monthly = await finished(
      (await call('office', 'POST', '/api/dashboard/plans', { methods: ['greedy'], years: 2 })).body,
    );
    expect(monthly.granularity).toBe('month');
    expect(monthly.periods).toHaveLength(24);
    expect(monthly.periods[0]).toBe('2027-01');
    expect(monthly.params.granularity).toBeUndefined();
    const wrong = await call('office', 'POST', '/api/dashboard/plans', {
      methods: ['greedy'],
      granularity: 'day',
    });
    expect(wrong.status).toBe(400);
  }, 120_000);
});

/** The run once its job has left the queue (polled every 250 ms, at most a minute). */
async function finished(started: PlanRunView): Promise<PlanRunView> {
  let run = started;
  for (let i = 0; i < 240 && (run.status === 'queued' || run.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    run = (await call('office', 'GET', `/api/dashboard/plans/${run.id}`)).body as PlanRunView;
  }
  return run;
}
