// Program tracking for the dashboard (GET /api/dashboard/program) and report downloads (GET /api/tracking/report),
// over real HTTP with an approved baseline and a few recorded steps.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiResponse } from '../support/api-client.js';
import {
  OPERATOR_PORT,
  OTHER_PORT,
  PASSWORD,
  startDashboardServer,
  type DashboardServer,
} from '../support/dashboard-server.js';

let server: DashboardServer;
const cookies: Record<string, string> = {};
let call: (user: string, method: string, url: string, body?: unknown) => Promise<ApiResponse>;

async function get(user: string, url: string) {
  const res = await fetch(server.url + url, { headers: { cookie: cookies[user]! } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}
const json = (r: { bytes: Uint8Array }) => JSON.parse(new TextDecoder().decode(r.bytes)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  server = await startDashboardServer({ baseline: true });
  for (const username of ['office', 'operator', 'auditor']) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    cookies[username] = res.headers.get('set-cookie')!.split(';')[0]!;
  }
  call = await signIn(server, ['office', 'operator', 'auditor'], PASSWORD);
}, 120_000);
afterAll(() => server?.close());

describe('program API', () => {
  it('national board, slippage, spend and risk vs the baseline', async () => {
    const r = await get('auditor', '/api/dashboard/program');
    expect(r.status).toBe(200);
    const p = json(r);
    expect(p.baseline.name).toBe('e2e');
    expect(p.scope).toBe('national');
    expect(p.board.total.contracted).toBe(3);
    expect(p.board.total.funded).toBe(1);
    const byPort = p.board.byPort.reduce(
      (a: number, x: { counts: { contracted: number } }) => a + x.counts.contracted,
      0,
    );
    expect(byPort).toBe(3);
    expect(p.board.byPort.length).toBeGreaterThan(5);
    expect(p.slippage.length).toBe(p.board.byTerminal.length);
    expect(p.spend.length).toBeGreaterThan(0);
    expect(p.risk.baseline).toHaveLength(p.risk.periods.length);
    expect(p.risk.baseline[0]).toBeGreaterThan(0);
  }, 60_000);

  it('a port operator sees their port only', async () => {
    const mine = json(await get('operator', '/api/dashboard/program'));
    expect(mine.scope).toBe(OPERATOR_PORT);
    expect(mine.board.byPort.map((x: { portId: string }) => x.portId)).toEqual([OPERATOR_PORT]);
    expect(mine.ports.map((x: { id: string }) => x.id)).toEqual([OPERATOR_PORT]);
    expect((await get('operator', `/api/dashboard/program?port=${OTHER_PORT}`)).status).toBe(404);
    expect((await get('operator', `/api/tracking/report?format=csv&port=${OTHER_PORT}`)).status).toBe(404);
    expect((await get('operator', '/api/tracking/report?format=csv')).status).toBe(403);
    const csv = await get('operator', `/api/tracking/report?format=csv&port=${OPERATOR_PORT}`);
    expect(csv.status).toBe(200);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text).toMatch(/^# Status report: port port-long-beach/);
    expect(text).not.toMatch(/fac-lax|los-angeles/i);
  }, 60_000);

  it('records a supplier forecast and shows it per crane, per terminal and in the forecasts list', async () => {
    type Crane = { craneId: string; terminalId: string; step: string; forecastSlipPeriods: number | null };
    type Forecast = {
      craneId: string;
      terminalId: string;
      supplier: string | null;
      baselineArrival: string | null;
      arrivalDate: string;
      slipPeriods: number | null;
      reason: string;
      evidence: string | null;
      recordedBy: string;
    };
    const before = (await call('office', 'GET', '/api/dashboard/program')).body;
    expect(before.forecasts).toEqual([]);
    expect(before.cranes.length).toBe(
      before.board.byTerminal.reduce(
        (a: number, t: { counts: Record<string, number> }) =>
          a + Object.values(t.counts).reduce((x, y) => x + y, 0),
        0,
      ),
    );
    const contracted = (before.cranes as Crane[]).filter((c) => c.step === 'contracted');
    expect(contracted).toHaveLength(3);
    const crane = contracted[0]!;
    const planned = (before.cranes as Crane[]).find((c) => c.step === 'planned')!;
    // Far enough ahead to be after today and after any baseline arrival of a crane contracted this January.
    const arrivalDate = `${new Date().getUTCFullYear() + 4}-06-15`;
    const body = {
      craneId: crane.craneId,
      arrivalDate,
      reason: 'e2e: main girder rework',
      evidence: 'letter 42',
    };

    expect((await call('auditor', 'POST', '/api/tracking/forecasts', body)).status).toBe(403);
    const noContract = await call('office', 'POST', '/api/tracking/forecasts', {
      ...body,
      craneId: planned.craneId,
    });
    expect(noContract.status).toBe(400);
    const saved = await call('office', 'POST', '/api/tracking/forecasts', body);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      craneId: crane.craneId,
      event: 'forecast',
      date: arrivalDate,
      recordedBy: 'office',
    });

    const after = (await call('office', 'GET', '/api/dashboard/program')).body;
    expect(after.forecasts).toHaveLength(1);
    const f = after.forecasts[0] as Forecast;
    expect(f).toMatchObject({
      craneId: crane.craneId,
      terminalId: crane.terminalId,
      arrivalDate,
      reason: body.reason,
      evidence: 'letter 42',
      recordedBy: 'office',
    });
    expect(f.supplier).toBeTruthy();
    const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
    expect(f.slipPeriods).toBe(monthIndex(arrivalDate) - monthIndex(f.baselineArrival!));
    expect(f.slipPeriods).toBeGreaterThan(0);
    const c = (after.cranes as Crane[]).find((x) => x.craneId === crane.craneId)!;
    expect(c.forecastSlipPeriods).toBe(f.slipPeriods);
    const t = after.slippage.find((x: { terminalId: string }) => x.terminalId === crane.terminalId);
    expect(t.forecastLate).toBe(1);
    expect(after.slippage.reduce((a: number, x: { forecastLate: number }) => a + x.forecastLate, 0)).toBe(1);

    // The operator sees the forecast only when the crane is at their port, and cannot record one elsewhere.
    const mine = (await call('operator', 'GET', '/api/dashboard/program')).body;
    const own = new Set(mine.board.byTerminal.map((x: { terminalId: string }) => x.terminalId));
    expect(mine.forecasts.map((x: Forecast) => x.craneId)).toEqual(
      own.has(crane.terminalId) ? [crane.craneId] : [],
    );
    expect((mine.cranes as Crane[]).every((x) => own.has(x.terminalId))).toBe(true);
    if (!own.has(crane.terminalId))
      expect((await call('operator', 'POST', '/api/tracking/forecasts', body)).status).toBe(404);
  }, 60_000);

  it('downloads CSV, XLSX and PDF', async () => {
    const csv = await get('office', '/api/tracking/report?format=csv');
    expect(csv.type).toMatch(/text\/csv/);
    expect(new TextDecoder().decode(csv.bytes)).toMatch(/# Progress/);
    const xlsx = await get('office', '/api/tracking/report?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(String.fromCharCode(xlsx.bytes[0]!, xlsx.bytes[1]!)).toBe('PK');
    if (!existsSync('/usr/bin/chromium')) return;
    const pdf = await get('office', `/api/tracking/report?format=pdf&port=${OPERATOR_PORT}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 4))).toBe('%PDF');
  }, 120_000);
});
