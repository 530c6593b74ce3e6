import { generateProblem, greedyPlan, type PlanningProblem } from '@portguard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { approveBaseline } from '../../src/tracking/service.js';
import { contextFor } from '../support/context.js';
import { forEachDialect } from '../support/databases.js';
import { dbConfigOf, harness, type Harness } from '../http/fixture.js';

const NAMES: Record<string, string> = { T0001: 'fac-a1', T0002: 'fac-a2', T0003: 'fac-b1' };

/** A generated problem whose terminals are the fixture's facilities. */
function fixtureProblem(): PlanningProblem {
  const p = generateProblem({
    terminals: 3,
    cranes: 6,
    suppliers: 2,
    years: 8,
    seed: 4,
    startMonth: '2026-01',
  });
  return {
    ...p,
    terminals: p.terminals.map((t) => ({
      ...t,
      id: NAMES[t.id]!,
      groups: t.groups.map((g) => ({ ...g, craneIds: g.craneIds.map((id) => `${NAMES[t.id]!}:${id}`) })),
    })),
  };
}

forEachDialect((_dialect, open) => {
  describe('tracking routes', () => {
    let h: Harness;
    let craneA = '';
    let craneB = '';
    beforeAll(async () => {
      const store = await open();
      h = await harness(store, dbConfigOf(store, process.env.PORTGUARD_TEST_PG_URL));
      const problem = fixtureProblem();
      const plan = greedyPlan(problem);
      await approveBaseline(contextFor(store), cliPrincipal(), { name: 'B1', problem, plan });
      craneA = problem.terminals.find((t) => t.id === 'fac-a1')!.groups[0]!.craneIds[0]!;
      craneB = problem.terminals.find((t) => t.id === 'fac-b1')!.groups[0]!.craneIds[0]!;
    });
    afterAll(() => h?.close());
    const as = (user: string) => ({ authorization: `Bearer ${h.tokens[user]}` });
    const step = (user: string, craneId: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/tracking/steps',
        headers: { ...as(user), 'content-type': 'application/json' },
        payload: { craneId, event: 'contracted', date: '2026-03-15', evidence: 'contract 7' },
      });

    it('records a step only on cranes the caller may write, and audits it', async () => {
      expect((await step('op-b1', craneA)).statusCode).toBe(404);
      expect((await step('auditor', craneB)).statusCode).toBe(403);
      const ok = await step('op-b1', craneB);
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ craneId: craneB, event: 'contracted', recordedBy: 'op-b1' });
      expect((await step('op-b1', craneB)).statusCode).toBe(400);
      const audit = await h.store.db
        .selectFrom('audit_log')
        .select(['action', 'actor', 'facility_id'])
        .where('action', '=', 'track.record')
        .execute();
      expect(audit).toEqual([{ action: 'track.record', actor: 'op-b1', facility_id: 'fac-b1' }]);
    });

    it('records a supplier forecast only on cranes the caller may write, checked and audited', async () => {
      // After the previous test's contract of craneB; the clock is the real one.
      const ahead = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
      const forecast = (user: string, craneId: string, arrivalDate = ahead) =>
        h.app.inject({
          method: 'POST',
          url: '/api/tracking/forecasts',
          headers: { ...as(user), 'content-type': 'application/json' },
          payload: { craneId, arrivalDate, reason: 'vessel slot lost', evidence: 'letter 9' },
        });
      expect((await forecast('op-a', craneB)).statusCode).toBe(404);
      expect((await forecast('auditor', craneB)).statusCode).toBe(403);
      const past = await forecast('op-b1', craneB, '2026-03-20');
      expect(past.statusCode).toBe(400);
      expect(past.body).toContain('before today');
      const ok = await forecast('op-b1', craneB);
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({
        craneId: craneB,
        event: 'forecast',
        date: ahead,
        note: 'vessel slot lost',
        evidence: 'letter 9',
        recordedBy: 'op-b1',
      });
      const audit = await h.store.db
        .selectFrom('audit_log')
        .select(['action', 'actor', 'facility_id'])
        .where('action', '=', 'track.forecast')
        .execute();
      expect(audit).toEqual([{ action: 'track.forecast', actor: 'op-b1', facility_id: 'fac-b1' }]);
    });

    it('shows status and calendars scoped to the caller', async () => {
      const mine = (await h.app.inject({ url: '/api/tracking/status', headers: as('op-a') })).json() as {
        rows: { terminalId: string }[];
        total: unknown;
      };
      expect(mine.rows.map((r) => r.terminalId).sort()).toEqual(['fac-a1', 'fac-a2']);
      expect(mine.total).toBeNull();
      const cal = await h.app.inject({ url: '/api/tracking/ical/fac-b1', headers: as('op-b1') });
      expect(cal.statusCode).toBe(200);
      expect(cal.headers['content-type']).toContain('text/calendar');
      expect(cal.body).toContain(`UID:${craneB}.contracted@portguard\r\n`);
      expect(cal.body).toContain('DTSTART;VALUE=DATE:20260315\r\n');
      expect((await h.app.inject({ url: '/api/tracking/ical/fac-b1', headers: as('op-a') })).statusCode).toBe(
        404,
      );
      // A port id selects its facilities through the inventory.
      const portA = (
        await h.app.inject({ url: '/api/tracking/status?port=port-a', headers: as('office') })
      ).json() as {
        rows: { terminalId: string }[];
      };
      expect(portA.rows.map((r) => r.terminalId).sort()).toEqual(['fac-a1', 'fac-a2']);
      expect((await h.app.inject({ url: '/api/tracking/ical/port-a', headers: as('op-a') })).statusCode).toBe(
        200,
      );
      expect(
        (await h.app.inject({ url: '/api/tracking/ical/port-a', headers: as('op-b1') })).statusCode,
      ).toBe(404);
      const list = (
        await h.app.inject({ url: '/api/tracking/baselines', headers: as('auditor') })
      ).json() as {
        items: { name: string }[];
      };
      expect(list.items.map((b) => b.name)).toEqual(['B1']);
      expect((await h.app.inject({ url: '/api/tracking/baselines' })).statusCode).toBe(401);
    });
  });
});
