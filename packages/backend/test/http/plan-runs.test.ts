import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PlanRunView } from '@portguard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { loadBundledIfEmpty } from '../../src/services/inventory.js';
import { addUsersWithTokens, startSqliteServer } from '../support/sqlite-server.js';

/**
 * Dashboard plan runs are plan.solve jobs stored in the database: a greedy-only run started on one server is
 * listed and shown by a new server (new app, new queue, new connection) over the same SQLite file.
 */
const PORT = 'port-long-beach';
const dir = mkdtempSync(path.join(tmpdir(), 'portguard-plan-runs-'));
const file = path.join(dir, 'runs.db');
const tokens: Record<string, string> = {};

const startServer = () => startSqliteServer(file, tokens);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dashboard plan runs survive a restart', () => {
  let runId = '';
  let before: PlanRunView;

  beforeAll(async () => {
    const first = await startServer();
    try {
      await loadBundledIfEmpty(first.ctx, () => loadBundledDataset());
      await addUsersWithTokens(
        first.ctx,
        [
          { username: 'office', role: 'program-office' },
          { username: 'operator', role: 'port-operator', portIds: [PORT] },
        ],
        'plan runs password',
        tokens,
      );
      const started = await first.call('office', 'POST', '/api/dashboard/plans', {
        methods: ['greedy', 'do-nothing'],
        startMonth: '2027-01',
      });
      expect(started.status).toBe(202);
      runId = (started.body as PlanRunView).id;
      let run = started.body as PlanRunView;
      for (let i = 0; i < 240 && (run.status === 'queued' || run.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 250));
        run = (await first.call('office', 'GET', `/api/dashboard/plans/${runId}`)).body as PlanRunView;
      }
      expect(run.error).toBeNull();
      expect(run.status).toBe('succeeded');
      before = run;
    } finally {
      await first.close();
    }
  }, 120_000);

  it('a new server over the same database lists and shows the greedy run', async () => {
    const second = await startServer();
    try {
      const list = (await second.call('office', 'GET', '/api/dashboard/plans')).body as {
        items: Array<{ id: string; status: string; plans: Array<{ method: string }> }>;
      };
      expect(list.items.map((r) => r.id)).toContain(runId);
      const listed = list.items.find((r) => r.id === runId)!;
      expect(listed.status).toBe('succeeded');
      expect(listed.plans.map((p) => p.method)).toEqual(['greedy', 'do-nothing']);

      const shown = await second.call('office', 'GET', `/api/dashboard/plans/${runId}`);
      expect(shown.status).toBe(200);
      const after = shown.body as PlanRunView;
      expect(after.params.methods).toEqual(['greedy', 'do-nothing']);
      expect(after.periods).toEqual(before.periods);
      const greedy = after.plans.find((p) => p.method === 'greedy')!;
      expect(greedy.replacements.length).toBeGreaterThan(0);
      expect(greedy.replacements).toEqual(before.plans.find((p) => p.method === 'greedy')!.replacements);

      // Still the dashboard's current plan, and still cut to an operator's terminals after the restart.
      const overview = (await second.call('office', 'GET', '/api/dashboard/overview')).body as {
        plan: { runId: string } | null;
      };
      expect(overview.plan?.runId).toBe(runId);
      const facilities = (
        (await second.call('operator', 'GET', '/api/facilities?limit=1000')).body as {
          items: Array<{ id: string }>;
        }
      ).items.map((f) => f.id);
      const seen = (await second.call('operator', 'GET', `/api/dashboard/plans/${runId}`))
        .body as PlanRunView;
      const mine = seen.plans.find((p) => p.method === 'greedy')!;
      expect(mine.totalCostCents).toBeNull();
      expect(mine.replacements.length).toBeGreaterThan(0);
      expect(mine.replacements.length).toBeLessThan(greedy.replacements.length);
      for (const r of mine.replacements) expect(facilities).toContain(r.terminalId);
    } finally {
      await second.close();
    }
  });

  it('an unknown run id is a 404', async () => {
    const second = await startServer();
    try {
      expect((await second.call('office', 'GET', '/api/dashboard/plans/job-nope')).status).toBe(404);
      expect((await second.call('office', 'GET', '/api/dashboard/plans/not-a-run')).status).toBe(404);
    } finally {
      await second.close();
    }
  });
});
