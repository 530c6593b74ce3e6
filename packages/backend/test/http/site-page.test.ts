import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DashboardOverview, DashboardSite } from '@portguard/core';
import { cameraSiteDataset } from '@portguard/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadBundledIfEmpty } from '../../src/services/inventory.js';
import { addUsersWithTokens, planRunToEnd, startSqliteServer } from '../support/sqlite-server.js';

/**
 * An emergency operations center outside any port, with three covered cameras of five and a trusted camera supplier:
 * its manager finds it on the overview and sees its page, with the plan's rows for its cameras; nobody else does.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'portguard-site-'));
const file = path.join(dir, 'site.db');
const tokens: Record<string, string> = {};
let server: Awaited<ReturnType<typeof startSqliteServer>>;

beforeAll(async () => {
  server = await startSqliteServer(file, tokens);
  await loadBundledIfEmpty(server.ctx, () => cameraSiteDataset({ cameraOffer: true }));
  await addUsersWithTokens(
    server.ctx,
    [
      { username: 'office', role: 'program-office' },
      { username: 'eoc', role: 'port-operator', facilityIds: ['eoc-1'] },
      { username: 'cranes', role: 'port-operator', facilityIds: ['term-a'] },
    ],
    'an emergency operations center',
    tokens,
  );
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a site page', () => {
  it("shows the center's manager its cameras' floor and schedule under the current plan, and nobody else", async () => {
    const { started, run } = await planRunToEnd(server, 'office', {
      methods: ['greedy'],
      startMonth: '2027-01',
      years: 5,
    });
    expect(started).toBe(202);
    expect(run.status).toBe('succeeded');

    const overview = (await server.call('eoc', 'GET', '/api/dashboard/overview')).body as z.infer<
      typeof DashboardOverview
    >;
    expect(overview.ports).toEqual([]);
    expect(overview.sites).toEqual([
      { facilityId: 'eoc-1', name: 'County EOC', kind: 'emergency-operations-center', assets: 5 },
    ]);

    const site = await server.call('eoc', 'GET', '/api/dashboard/sites/eoc-1');
    expect(site.status).toBe(200);
    const page = site.body as z.infer<typeof DashboardSite>;
    expect(page.facility.name).toBe('County EOC');
    expect(page.assets).toHaveLength(5);
    expect(page.findings.map((f) => f.subject.assetId).sort()).toEqual(['cam-1', 'cam-2', 'cam-3']);
    expect(page.plan?.replacements.map((r) => r.craneId).sort()).toEqual(['cam-1', 'cam-2', 'cam-3']);
    const rows = page.plan?.capacity ?? [];
    expect(new Set(rows.map((c) => c.terminalId))).toEqual(new Set(['eoc-1~cctv-camera']));
    expect(rows).toHaveLength(page.plan?.periods.length ?? -1);
    expect(page.planned).toEqual([{ terminalId: 'eoc-1~cctv-camera', kind: 'cctv-camera' }]);
    // The floor is every camera, and it holds; the covered ones go, one by one.
    for (const c of rows) {
      expect(c.demand).toBe(5);
      expect(c.cranesInService).toBeGreaterThanOrEqual(5);
    }
    expect(rows[0]?.untrustedInService).toBe(3);
    expect(rows.at(-1)?.untrustedInService).toBe(0);

    expect((await server.call('cranes', 'GET', '/api/dashboard/sites/eoc-1')).status).toBe(404);
    const cranes = (await server.call('cranes', 'GET', '/api/dashboard/overview')).body as z.infer<
      typeof DashboardOverview
    >;
    // The test's terminal is in no port either: a site of its own, and the only one its user has.
    expect(cranes.sites.map((x) => x.facilityId)).toEqual(['term-a']);
    // A terminal's own page has its cranes' rows.
    const terminal = (await server.call('cranes', 'GET', '/api/dashboard/sites/term-a')).body as z.infer<
      typeof DashboardSite
    >;
    expect(new Set(terminal.plan?.capacity.map((c) => c.terminalId))).toEqual(new Set(['term-a']));
    expect(terminal.planned).toEqual([{ terminalId: 'term-a', kind: null }]);
  }, 120_000);
});
