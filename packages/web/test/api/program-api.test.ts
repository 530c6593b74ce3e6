// Program tracking for the dashboard (GET /api/dashboard/program) and report downloads (GET /api/tracking/report),
// over real HTTP with an approved baseline and a few recorded steps.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERATOR_PORT,
  OTHER_PORT,
  PASSWORD,
  startDashboardServer,
  type DashboardServer,
} from '../support/dashboard-server.js';

let server: DashboardServer;
const cookies: Record<string, string> = {};

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
