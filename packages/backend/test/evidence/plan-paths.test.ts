import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  doNothingPlan,
  planningProblemFromDataset,
  type Dataset,
  type Plan,
  type PlanningProblem,
} from '@portguard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { addUser, issueApiToken, login, sessionPrincipal } from '../../src/auth/service.js';
import { loadConfig } from '../../src/config/config.js';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { inventoryRepository, type DbHandle } from '../../src/db/index.js';
import { trackingRepository } from '../../src/db/repositories/tracking.js';
import { exposureByAssetFromStore } from '../../src/evidence/planning.js';
import { importEvidence } from '../../src/evidence/service.js';
import { buildServer } from '../../src/http/server.js';
import { planSolveJob } from '../../src/jobs/kinds/plan-solve.js';
import { simulationRunJob, type SimulationJobResult } from '../../src/jobs/kinds/simulation-run.js';
import { createContext, createLogger, systemClock, type Context } from '../../src/services/context.js';
import { resolveScenario, simulatePlans } from '../../src/simulation/service.js';
import { approveBaseline, replan } from '../../src/tracking/service.js';
import { runCli } from '../support/cli.js';

// Every path that plans from the store weighs a crane by the exposure of the stored evidence (issue #8).
const crane = 'sts-lax-apm-terminals-pier-400-11'; // ZPMC; its PLC is 10.40.1.10 in the bundled dataset
const START = '2027-01';
const dir = mkdtempSync(path.join(tmpdir(), 'portguard-plan-paths-'));
const dbFile = path.join(dir, 'store.db');
const config = loadConfig({ PORTGUARD_DB: dbFile });
let ctx: Context;

/** The bundled dataset cut down to the crane's terminal, so that every planner path runs in a second or two. */
function oneTerminal(): Dataset {
  const ds = loadBundledDataset();
  const facilityId = ds.assets.find((a) => a.id === crane)!.facilityId;
  const assets = ds.assets.filter((a) => a.facilityId === facilityId);
  const ids = new Set<string>(assets.map((a) => a.id));
  const facility = ds.facilities.find((f) => f.id === facilityId)!;
  return {
    ...ds,
    ports: ds.ports.filter((p) => p.id === facility.portId),
    facilities: [facility],
    capacities: ds.capacities.filter((c) => c.facilityId === facilityId),
    assets,
    components: ds.components.filter((c) => ids.has(c.assetId)),
  };
}

const riskOf = (problem: PlanningProblem, craneId = crane) =>
  problem.terminals.flatMap((t) => t.groups).find((g) => g.craneIds.includes(craneId))?.riskPerCranePeriod;
/** Nothing can be commissioned in the first period, so its risk is a function of the weights alone. */
const firstPeriodRisk = (plan: Pick<Plan, 'riskByPeriod'>) => plan.riskByPeriod[0]!;

let plain: PlanningProblem;
let exposed: PlanningProblem;

beforeAll(async () => {
  ctx = await createContext({ config });
  const dataset = oneTerminal();
  await inventoryRepository(ctx.store.db, ctx.store.dialect).upsert(dataset);
  // A baseline approved before any evidence: its weights carry no exposure.
  const before = planningProblemFromDataset(dataset, { startMonth: START, years: 6 });
  if (!before.ok) throw new Error('planning problem not built');
  plain = before.value;
  await approveBaseline(ctx, cliPrincipal('cli:test'), {
    name: 'before evidence',
    problem: plain,
    plan: doNothingPlan(plain),
  });

  const conn = path.join(dir, 'conn.log');
  const flow = (ts: number, port: number) =>
    JSON.stringify({
      ts,
      uid: `C${ts}`,
      'id.orig_h': '10.40.1.10',
      'id.orig_p': 40000 + port,
      'id.resp_h': '89.160.20.156',
      'id.resp_p': port,
      proto: 'tcp',
      orig_bytes: 250_000,
      resp_bytes: 18_000,
      conn_state: 'SF',
    });
  writeFileSync(conn, `${[flow(1767225600, 502), flow(1767225700, 1194)].join('\n')}\n`);
  await importEvidence(ctx, [conn]);

  const exposureByAsset = await exposureByAssetFromStore(ctx.store, dataset);
  expect(exposureByAsset?.[crane]).toBeGreaterThan(1);
  const after = planningProblemFromDataset(dataset, {
    startMonth: START,
    years: 6,
    exposureByAsset: exposureByAsset!,
  });
  if (!after.ok) throw new Error('planning problem not built');
  exposed = after.value;
  expect(riskOf(exposed)).toBeGreaterThan(riskOf(plain)!);
}, 60_000);

afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const jobInput = <P>(payload: P, store: DbHandle) => ({
  payload,
  store,
  access: { kind: 'all' } as const,
  now: () => new Date(),
  progress: () => {},
});

describe('stored evidence raises the crane’s risk', () => {
  it('in the dashboard’s plan.solve job', async () => {
    const result = (await planSolveJob.run(
      jobInput({ startMonth: START, years: 6, timeLimitSeconds: 2 }, ctx.store),
    )) as { plans: Plan[] };
    const greedy = result.plans.find((p) => p.method === 'greedy')!;
    expect(firstPeriodRisk(greedy)).toBeCloseTo(firstPeriodRisk(doNothingPlan(exposed)), 9);
    expect(firstPeriodRisk(greedy)).toBeGreaterThan(firstPeriodRisk(doNothingPlan(plain)));
  }, 60_000);

  it('in the simulation.run job', async () => {
    const result = (await simulationRunJob.run(
      jobInput(
        {
          scenario: resolveScenario('budget-cut-year-2'),
          runs: 2,
          seed: 1,
          plans: ['do-nothing' as const],
          startMonth: START,
          years: 6,
          policy: 'frozen' as const,
          timeLimitSeconds: 1,
        },
        ctx.store,
      ),
    )) as SimulationJobResult;
    const risk0 = result.report.plans[0]!.fan.riskRemaining.p50[0]!;
    expect(risk0).toBeCloseTo(firstPeriodRisk(doNothingPlan(exposed)), 6);
    expect(risk0).toBeGreaterThan(firstPeriodRisk(doNothingPlan(plain)));
  }, 60_000);

  it('in the simulation service (portguard simulate)', async () => {
    const outcome = await simulatePlans(config, {
      scenario: resolveScenario('budget-cut-year-2'),
      source: { kind: 'dataset', prefer: 'database' },
      startMonth: START,
      years: 6,
      plans: ['do-nothing'],
      planFiles: [],
      runs: 2,
      seed: 1,
      workers: 0,
      policy: 'frozen',
      timeLimitSeconds: 1,
    });
    expect(riskOf(outcome.problem)).toBe(riskOf(exposed));
  }, 60_000);

  it('in a baseline approved from the CLI, which records the multipliers it used', async () => {
    const r = await runCli([
      '--db',
      dbFile,
      'baseline',
      'approve',
      '--name',
      'with evidence',
      '--method',
      'greedy',
      '--start',
      START,
    ]);
    expect(r.code, r.err).toBe(0);
    const saved = await trackingRepository(ctx.store.db).baseline('with evidence');
    expect(riskOf(saved!.problem)).toBe(riskOf(exposed));
    expect(saved!.problem.options.exposureByAsset?.[crane]).toBeGreaterThan(1);
  }, 60_000);

  it('in a re-plan from a baseline approved before the evidence, and only once after it', async () => {
    const fromOld = await replan(ctx, { baseline: 'before evidence' });
    // The baseline's weights are rounded to 1e-6 before the multiplier applies.
    expect(riskOf(fromOld.actual.problem)).toBeCloseTo(riskOf(exposed)!, 5);
    expect(riskOf(fromOld.actual.problem)).toBeGreaterThan(riskOf(plain)!);
    const fromNew = await replan(ctx, { baseline: 'with evidence' });
    const saved = await trackingRepository(ctx.store.db).baseline('with evidence');
    expect(riskOf(fromNew.actual.problem)).toBe(riskOf(saved!.problem));
  }, 60_000);

  it('in a plan run started from the dashboard (no job queue)', async () => {
    const now = new Date();
    await addUser(
      ctx.store,
      { username: 'test' },
      { username: 'office', role: 'program-office', password: 'correct horse battery staple' },
      now,
    );
    const session = await login(ctx.store, 'office', 'correct horse battery staple', now);
    const principal = (await sessionPrincipal(ctx.store, session.sessionSecret, now))!.principal;
    const token = (await issueApiToken(ctx.store, principal, 'test', now)).token;
    const app = await buildServer(
      {
        store: ctx.store,
        config,
        log: createLogger('silent'),
        clock: systemClock,
        close: () => Promise.resolve(),
      },
      { secureCookies: false },
    );
    try {
      const headers = { authorization: `Bearer ${token}` };
      const started = await app.inject({
        method: 'POST',
        url: '/api/dashboard/plans',
        headers,
        payload: { methods: ['greedy'], startMonth: START, years: 6 },
      });
      expect(started.statusCode, started.body).toBe(202);
      const id = (started.json() as { id: string }).id;
      let run: { status: string; plans: { riskByPeriod: number[] }[]; error: string | null };
      for (;;) {
        run = (await app.inject({ method: 'GET', url: `/api/dashboard/plans/${id}`, headers })).json();
        if (run.status === 'succeeded' || run.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(run.error).toBeNull();
      expect(firstPeriodRisk(run.plans[0]!)).toBeCloseTo(firstPeriodRisk(doNothingPlan(exposed)), 9);
    } finally {
      await app.close();
    }
  }, 60_000);
});
