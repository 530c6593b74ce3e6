import type { Plan } from '@portguard/core';
import { legacyStoredPlanFixture } from '@portguard/core/testing';
import { describe, expect, it } from 'vitest';
import { insertJob } from '../../src/db/repositories/jobs.js';
import { trackingRepository } from '../../src/db/repositories/tracking.js';
import { planRunService } from '../../src/services/plan-runs.js';
import { onSqlite } from '../support/databases.js';

/** Plans stored before the capacity rows' amounts were named for their measure are read back renamed. */
const { problem, plan, legacy: legacyPlan } = legacyStoredPlanFixture();

const withoutUndefined = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

onSqlite((open) => {
  describe('stored plans with the old capacity field names', () => {
    it('a tracking baseline reads back with capacity, demand and shortfall', async () => {
      const store = await open();
      const repo = trackingRepository(store.db);
      await repo.insertBaseline({
        name: 'FY27 approved',
        approvedAt: '2026-11-26T12:00:00.000Z',
        approvedBy: 'office',
        note: '',
        problem,
        plan: legacyPlan as unknown as Plan,
      });
      const read = await repo.baseline('FY27 approved');
      expect(read?.plan.capacity).toHaveLength(plan.capacity.length);
      expect(read?.plan.capacity.some((c) => 'capacityTeu' in c)).toBe(false);
      expect(read?.plan).toEqual(withoutUndefined(plan));
    });

    it("a plan.solve job's plans read back with capacity, demand and shortfall", async () => {
      const store = await open();
      const job = await insertJob(
        store.db,
        {
          kind: 'plan.solve',
          payload: { startMonth: '2027-01', methods: ['greedy'] },
          createdBy: 'office',
          access: { kind: 'all' },
        },
        new Date('2026-11-26T12:00:00Z'),
      );
      await store.db
        .updateTable('jobs')
        .set({
          status: 'succeeded',
          progress: 1,
          result_json: JSON.stringify({ plans: [legacyPlan], problem: { periods: problem.periods } }),
          finished_at: '2026-11-26T12:01:00.000Z',
        })
        .where('id', '=', job.id)
        .execute();
      const run = await planRunService({ store }).get({ kind: 'all' }, `job-${job.id}`);
      const rows = run?.plans[0]?.capacity ?? [];
      expect(rows).toHaveLength(plan.capacity.length);
      expect(rows).toEqual(plan.capacity);
    });
  });
});
