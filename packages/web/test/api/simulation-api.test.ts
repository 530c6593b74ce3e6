// Simulations (backend routes/simulations.ts, job kind simulation.run) through real HTTP, per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startDashboardServer, type DashboardServer } from '../support/dashboard-server.js';
import { signIn } from '../support/api-client.js';

let server: DashboardServer;
let call: Awaited<ReturnType<typeof signIn>>;

async function until(user: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const r = await call(user, 'GET', `/api/simulations/${id}`);
    if (r.body.status === 'succeeded' || r.body.status === 'failed') return r;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`simulation ${id} did not finish`);
}

beforeAll(async () => {
  server = await startDashboardServer();
  call = await signIn(server, ['admin', 'office', 'operator', 'auditor'], PASSWORD);
}, 60_000);
afterAll(() => server?.close());

describe('simulation API', () => {
  it('lists the built-in scenarios to everyone', async () => {
    const r = await call('operator', 'GET', '/api/scenarios');
    expect(r.status).toBe(200);
    expect(r.body.items.map((s: { name: string }) => s.name)).toContain('budget-cut-year-2');
  });

  it('refuses unknown scenarios, invalid inline scenarios and roles that may not start one', async () => {
    const unknown = await call('office', 'POST', '/api/simulations', { scenario: 'no-such' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].path).toEqual(['body', 'scenario']);
    const inline = await call('office', 'POST', '/api/simulations', {
      scenario: { name: 'Bad Name', description: 'x' },
    });
    expect(inline.status).toBe(400);
    expect(inline.body.issues[0].path.slice(0, 3)).toEqual(['body', 'scenario', 'name']);
    for (const user of ['operator', 'auditor'])
      expect((await call(user, 'POST', '/api/simulations', { scenario: 'as-planned' })).status).toBe(403);
  });

  it('runs an inline scenario; the same seed gives the same report', async () => {
    const body = {
      scenario: {
        name: 'my-slip',
        description: 'Trusted makers three months late',
        supplierSlips: [{ suppliers: 'all', months: { min: 3, mode: 3, max: 3 } }],
      },
      runs: 20,
      seed: 11,
      plans: ['greedy'],
    };
    const a = await call('admin', 'POST', '/api/simulations', body);
    const b = await call('admin', 'POST', '/api/simulations', body);
    expect(a.status, JSON.stringify(a.body)).toBe(202);
    const [ra, rb] = [await until('admin', a.body.id), await until('admin', b.body.id)];
    expect(ra.body.status, ra.body.error).toBe('succeeded');
    expect(ra.body.request.scenario).toBe('my-slip');
    expect(ra.body.report.scenario).toBe('my-slip');
    expect(rb.body.report).toEqual(ra.body.report);
  }, 300_000);

  it('runs a simulation as a job; everyone reads it, an operator only their own terminals', async () => {
    const started = await call('office', 'POST', '/api/simulations', {
      scenario: 'supplier-slip-6-months',
      runs: 60,
      seed: 7,
      plans: ['greedy', 'do-nothing'],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await until('office', started.body.id);
    expect(done.body.status, done.body.error).toBe('succeeded');
    const report = done.body.report;
    expect(report.runs).toBe(60);
    expect(report.plans.map((p: { plan: string }) => p.plan)).toEqual(['greedy', 'do-nothing']);
    const fan = report.plans[0].fan.shortfallTeu;
    expect(fan.p50).toHaveLength(report.periods);
    for (let i = 0; i < report.periods; i++) {
      expect(fan.p10[i]).toBeLessThanOrEqual(fan.p50[i]);
      expect(fan.p50[i]).toBeLessThanOrEqual(fan.p90[i]);
    }
    expect(report.comparisons[0].baseline).toBe('greedy');
    // A six-month slip delays completion: P90 no earlier than P50.
    const c = report.plans[0].completionMonth;
    if (c.p50 && c.p90) expect(c.p90 >= c.p50).toBe(true);

    const facilities: string[] = (await call('operator', 'GET', '/api/facilities?limit=1000')).body.items.map(
      (f: { id: string }) => f.id,
    );
    const op = await call('operator', 'GET', `/api/simulations/${started.body.id}`);
    expect(op.status).toBe(200);
    expect(op.body.report.comparisons).toEqual([]);
    for (const p of op.body.report.plans) {
      expect(p.fan).toBeNull();
      expect(p.national).toBeNull();
      expect(p.terminals.length).toBeGreaterThan(0);
      for (const t of p.terminals) expect(facilities).toContain(t.terminalId);
    }
    const all = report.plans[0].terminals.length;
    expect(all).toBeGreaterThan(op.body.report.plans[0].terminals.length);

    const list = await call('auditor', 'GET', '/api/simulations');
    expect(list.body.items[0]).toMatchObject({
      id: started.body.id,
      request: { scenario: 'supplier-slip-6-months' },
    });
    const overview = await call('office', 'GET', '/api/dashboard/overview');
    expect(overview.body.simulation).toMatchObject({ id: started.body.id, plan: 'greedy' });
    expect((await call('office', 'GET', '/api/simulations/nope')).status).toBe(404);
  }, 300_000);
});
