import {
  buildReport,
  findBuiltinScenario,
  MAX_MILP_REPLAN_RUNS,
  type Dataset,
  type SimulationView,
} from '@portguard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { inventoryRepository, type DbHandle } from '../../src/db/index.js';
import { planningInputFromStore } from '../../src/evidence/planning.js';
import { simulationRunJob } from '../../src/jobs/kinds/simulation-run.js';
import { runPlanning } from '../../src/services/plan.js';
import { runSimulation } from '../../src/simulation/pool.js';
import type { ReplannerName } from '../../src/simulation/replanners.js';
import { onSqlite } from '../support/databases.js';
import { dbConfigOf, harness, type Harness } from './fixture.js';

/**
 * Issue #5: POST /api/simulations takes the re-planner of the replan policy (heuristic, greedy or the planner
 * itself, 'milp'), refuses a 'milp' simulation of more than MAX_MILP_REPLAN_RUNS runs, and the finished job says
 * which re-planner ran. The store holds the bundled dataset's Baltimore and Boston (two terminals, 21 cranes) beside
 * the fixture's world, so that a 'milp' re-plan takes a fraction of a second yet differs from the heuristic one.
 */
const PORTS = ['port-baltimore', 'port-boston'];

async function twoPorts(): Promise<Dataset> {
  const all = await loadBundledDataset();
  const facilities = all.facilities.filter((f) => f.portId !== undefined && PORTS.includes(f.portId));
  const fids = new Set(facilities.map((f) => f.id));
  const assets = all.assets.filter((a) => fids.has(a.facilityId));
  const aids = new Set(assets.map((a) => a.id));
  return {
    ...all,
    ports: all.ports.filter((p) => PORTS.includes(p.id)),
    facilities,
    capacities: all.capacities.filter((c) => fids.has(c.facilityId)),
    assets,
    components: all.components.filter((c) => aids.has(c.assetId)),
  };
}

const crisis = {
  scenario: 'western-pacific-crisis-2027',
  seed: 3,
  plans: ['greedy', 'do-nothing'] as const,
  startMonth: '2027-01',
  years: 5,
  policy: 'replan' as const,
};

/** What the job should compute, computed here without the job: the store's plans replayed with `replanner`. */
async function direct(store: DbHandle, runs: number, replanner: ReplannerName) {
  const { dataset, exposureByAsset } = await planningInputFromStore(store);
  const run = await runPlanning(dataset, {
    startMonth: crisis.startMonth,
    years: crisis.years,
    methods: ['greedy', 'do-nothing'],
    ...(exposureByAsset === undefined ? {} : { exposureByAsset }),
  });
  const plans = run.plans.map((p) => ({ name: p.method, replacements: p.replacements }));
  const scenario = findBuiltinScenario(crisis.scenario)!;
  const spec = { problem: run.problem, scenario, plans, seed: crisis.seed, policy: crisis.policy };
  const block = await runSimulation(spec, { runs, workers: 0, replanner, replanTimeSeconds: 1 });
  return buildReport(run.problem, block, crisis);
}

onSqlite((open) => {
  describe('simulations with a chosen re-planner', () => {
    let h: Harness;
    let store: DbHandle;
    beforeAll(async () => {
      store = await open();
      await inventoryRepository(store.db, store.dialect).upsert(await twoPorts());
      h = await harness(store, dbConfigOf(store, undefined));
    });
    afterAll(() => h?.close());

    const post = (body: object) =>
      h.app.inject({
        method: 'POST',
        url: '/api/simulations',
        headers: { authorization: `Bearer ${h.tokens.office}` },
        payload: body,
      });
    const get = async (id: string) =>
      (
        await h.app.inject({
          method: 'GET',
          url: `/api/simulations/${id}`,
          headers: { authorization: `Bearer ${h.tokens.office}` },
        })
      ).json<SimulationView>();
    async function finished(id: string): Promise<SimulationView> {
      for (let i = 0; i < 1200; i++) {
        const v = await get(id);
        if (v.status === 'succeeded' || v.status === 'failed') return v;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`simulation ${id} did not finish`);
    }
    it(`refuses a milp re-plan of more than ${MAX_MILP_REPLAN_RUNS} runs, naming the field`, async () => {
      const r = await post({ ...crisis, runs: MAX_MILP_REPLAN_RUNS + 1, replanSolver: 'milp' });
      expect(r.statusCode).toBe(400);
      const body = r.json<{ issues: Array<{ path: string[]; message: string }> }>();
      expect(body.issues).toHaveLength(1);
      expect(body.issues[0]!.path).toEqual(['body', 'runs']);
      expect(body.issues[0]!.message).toMatch(/at most 200 runs with replanSolver milp.*got 201/);
      // The heuristic re-planner has no such limit.
      const heuristic = await post({ ...crisis, runs: MAX_MILP_REPLAN_RUNS + 1, scenario: 'as-planned' });
      expect(heuristic.statusCode, heuristic.body).toBe(202);
    });

    it('the job payload refuses the same, whoever submits it', () => {
      const payload = { ...crisis, scenario: {}, plans: ['greedy'], timeLimitSeconds: 10 };
      const ok = simulationRunJob.payload.safeParse({
        ...payload,
        runs: MAX_MILP_REPLAN_RUNS,
        replanSolver: 'milp',
      });
      expect(ok.success, JSON.stringify(ok.error?.issues)).toBe(true);
      const many = simulationRunJob.payload.safeParse({ ...payload, runs: 1000, replanSolver: 'milp' });
      expect(many.error?.issues.map((i) => i.path)).toEqual([['runs']]);
      const frozen = simulationRunJob.payload.safeParse({
        ...payload,
        runs: 2,
        policy: 'frozen',
        replanSolver: 'greedy',
      });
      expect(frozen.error?.issues.map((i) => i.path)).toEqual([['replanSolver']]);
      // Payloads stored before the choice existed still parse (and re-plan with the heuristic).
      expect(simulationRunJob.payload.safeParse({ ...payload, runs: 1000 }).success).toBe(true);
    });

    it('refuses a re-planner without the replan policy, an unknown one and a bad time limit', async () => {
      const frozen = await post({ ...crisis, runs: 2, policy: 'frozen', replanSolver: 'milp' });
      expect(frozen.statusCode).toBe(400);
      expect(frozen.json<{ issues: Array<{ path: string[] }> }>().issues[0]!.path).toEqual([
        'body',
        'replanSolver',
      ]);
      const unknown = await post({ ...crisis, runs: 2, replanSolver: 'simplex' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ issues: Array<{ path: string[] }> }>().issues[0]!.path).toEqual([
        'body',
        'replanSolver',
      ]);
      const time = await post({ ...crisis, runs: 2, replanSolver: 'milp', replanTimeSeconds: 0 });
      expect(time.statusCode).toBe(400);
      expect(time.json<{ issues: Array<{ path: string[] }> }>().issues[0]!.path).toEqual([
        'body',
        'replanTimeSeconds',
      ]);
    });

    it('runs a small milp simulation job; its result says the planner re-planned', async () => {
      const started = await post({ ...crisis, runs: 3, replanSolver: 'milp', replanTimeSeconds: 1 });
      expect(started.statusCode, started.body).toBe(202);
      const view = await finished(started.json<SimulationView>().id);
      expect(view.status, view.error ?? '').toBe('succeeded');
      expect(view.request).toMatchObject({ policy: 'replan', replanSolver: 'milp', replanTimeSeconds: 1 });
      const report = view.report!;
      expect(report.replanner).toEqual({ name: 'milp', timeLimitSeconds: 1 });
      // The crisis fires in 2027 in every run: one re-plan per run and plan.
      expect(report.replans).toBe(3 * 2);
      expect(report.clockBoundReplans).toBe(0);
      const delay = report.plans[0]!.national!.resourceDelayMonths!;
      expect(delay.p10).not.toBeNull();
      expect(delay.p10!).toBeLessThanOrEqual(delay.p90!);
      // The job re-planned with the planner: its measures are those of a 'milp' replay, not a heuristic one.
      const [milp, heuristic] = [await direct(store, 3, 'milp'), await direct(store, 3, 'heuristic')];
      expect(milp.plans[0]!.national, 'premise: the two re-planners differ here').not.toEqual(
        heuristic.plans[0]!.national,
      );
      expect(report.plans.map((p) => p.national)).toEqual(milp.plans.map((p) => p.national));

      const started2 = await post({ ...crisis, runs: 3 });
      const h2 = await finished(started2.json<SimulationView>().id);
      expect(h2.status, h2.error ?? '').toBe('succeeded');
      expect(h2.request).toMatchObject({ replanSolver: 'heuristic' });
      expect(h2.report!.replanner).toEqual({ name: 'heuristic', timeLimitSeconds: null });
      expect(h2.report!.plans.map((p) => p.national)).toEqual(heuristic.plans.map((p) => p.national));

      const frozen = await post({ ...crisis, runs: 3, policy: 'frozen' });
      const f = await finished(frozen.json<SimulationView>().id);
      expect(f.report!.replanner).toBeNull();
      expect(f.report!.replans).toBe(0);
    }, 300_000);
  });
});
