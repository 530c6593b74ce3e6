import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Dataset, Port, type PlanRunView } from '@portguard/core';
import { cameraSiteDataset } from '@portguard/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledIfEmpty } from '../../src/services/inventory.js';
import { addUsersWithTokens, planRunToEnd, startSqliteServer } from '../support/sqlite-server.js';

/**
 * A port whose terminal has covered cranes and whose emergency operations center has covered cameras, with a
 * trusted camera supplier: the dashboard plans the cameras as the center's unit (eoc-1~cctv-camera), shows them on
 * the port page's Gantt but not in its TEU capacity, and only to users who may see the center.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'portguard-units-'));
const file = path.join(dir, 'units.db');
const tokens: Record<string, string> = {};
const PASSWORD = 'units of other kinds';
let server: Awaited<ReturnType<typeof startSqliteServer>>;

beforeAll(async () => {
  server = await startSqliteServer(file, tokens);
  const base = cameraSiteDataset({ cameraOffer: true });
  const dataset = Dataset.parse({
    ...base,
    ports: [Port.parse({ id: 'port-x', name: 'Port X', state: 'CA', location: { lat: 33, lon: -118 } })],
    facilities: base.facilities.map((f) => ({ ...f, portId: 'port-x' })),
  });
  await loadBundledIfEmpty(server.ctx, () => dataset);
  await addUsersWithTokens(
    server.ctx,
    [
      { username: 'office', role: 'program-office' },
      { username: 'port', role: 'port-operator', portIds: ['port-x'] },
      { username: 'cranes', role: 'port-operator', facilityIds: ['term-a'] },
    ],
    PASSWORD,
    tokens,
  );
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a facility's cameras in the dashboard", () => {
  it('are planned, shown on the Gantt of their port, and only to whoever may see their facility', async () => {
    const { started, run } = await planRunToEnd(server, 'office', {
      methods: ['greedy'],
      startMonth: '2027-01',
      years: 5,
    });
    expect(started).toBe(202);
    expect(run.status).toBe('succeeded');
    const terminalsOf = (view: PlanRunView) =>
      [...new Set(view.plans[0]!.replacements.map((r) => r.terminalId))].sort();
    expect(terminalsOf(run)).toEqual(['eoc-1~cctv-camera', 'term-a']);
    // The burn-down counts the cranes, not the cameras.
    expect(run.plans[0]!.untrustedByPeriod[0]).toBe(2);

    const page = (await server.call('port', 'GET', '/api/dashboard/ports/port-x')).body as {
      plan: { replacements: { terminalId: string }[]; capacity: { terminalId: string }[] };
    };
    expect(page.plan.replacements.filter((r) => r.terminalId === 'eoc-1~cctv-camera')).toHaveLength(3);
    expect(page.plan.replacements.filter((r) => r.terminalId === 'term-a')).toHaveLength(2);
    expect(new Set(page.plan.capacity.map((c) => c.terminalId))).toEqual(new Set(['term-a']));

    const cranesOnly = (await server.call('cranes', 'GET', `/api/dashboard/plans/${run.id}`))
      .body as PlanRunView;
    expect(terminalsOf(cranesOnly)).toEqual(['term-a']);
    const port = (await server.call('port', 'GET', `/api/dashboard/plans/${run.id}`)).body as PlanRunView;
    expect(terminalsOf(port)).toEqual(['eoc-1~cctv-camera', 'term-a']);
  }, 120_000);
});
