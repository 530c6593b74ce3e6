// Starts the real server (buildServer) on 127.0.0.1 over a fresh SQLite file seeded with the bundled dataset and one
// user per role, and builds the dashboard with Vite's JS API when dist/ is missing or older than its sources.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { addUser } from '../../../backend/src/auth/service.js';
import { loadConfig } from '../../../backend/src/config/config.js';
import { loadBundledDataset } from '../../../backend/src/dataset/load.js';
import { buildServer } from '../../../backend/src/http/server.js';
import { createJobQueue } from '../../../backend/src/jobs/queue.js';
import { createContext, createLogger } from '../../../backend/src/services/context.js';
import { loadBundledIfEmpty } from '../../../backend/src/services/inventory.js';
import { runPlanning } from '../../../backend/src/services/plan.js';
import { inventoryRepository } from '../../../backend/src/db/index.js';
import { cliPrincipal } from '../../../backend/src/auth/principal.js';
import { approveBaseline, recordStep } from '../../../backend/src/tracking/service.js';
import type { Context } from '../../../backend/src/services/context.js';

export const WEB_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PASSWORD = 'e2e correct horse battery';
export const OPERATOR_PORT = 'port-long-beach';
export const OTHER_PORT = 'port-los-angeles';
/** An illustrative emergency operations center of the bundled dataset, outside any port. */
export const EOC_SITE = 'fac-eoc-gulf-coast';
export const USERS = [
  { username: 'admin', role: 'admin' },
  { username: 'office', role: 'program-office' },
  { username: 'operator', role: 'port-operator', portIds: [OPERATOR_PORT] },
  { username: 'auditor', role: 'auditor' },
  { username: 'eoc', role: 'port-operator', facilityIds: [EOC_SITE] },
] as const;

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

/** Builds packages/web/dist unless it is newer than every source file. Returns whether it built. */
export async function ensureWebBuilt(): Promise<boolean> {
  const index = path.join(WEB_ROOT, 'dist/index.html');
  const sources = Math.max(
    newest(path.join(WEB_ROOT, 'src')),
    statSync(path.join(WEB_ROOT, 'index.html')).mtimeMs,
    statSync(path.join(WEB_ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return false;
  await build({ root: WEB_ROOT, configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

export interface DashboardServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Approves the greedy plan (from January of this year) as baseline "e2e", then records a few steps: the
 * first replacements funded and contracted in the plan's first month, one with a payment. Returns their ids.
 */
export async function approveTestBaseline(ctx: Context): Promise<string[]> {
  const dataset = await inventoryRepository(ctx.store.db, ctx.store.dialect).load();
  const startMonth = `${ctx.clock.now().getUTCFullYear()}-01`;
  const run = await runPlanning(dataset, { startMonth, years: 10, methods: ['greedy'] });
  const plan = run.plans[0]!;
  await approveBaseline(ctx, cliPrincipal('e2e'), { name: 'e2e', problem: run.problem, plan });
  const cranes = [...plan.replacements]
    .sort((a, b) => a.contractPeriod - b.contractPeriod)
    .slice(0, 4)
    .map((r) => r.craneId);
  const date = `${startMonth}-15`;
  for (const [i, craneId] of cranes.entries()) {
    await recordStep(ctx, cliPrincipal('e2e'), { craneId, event: 'funded', date });
    if (i < 3) await recordStep(ctx, cliPrincipal('e2e'), { craneId, event: 'contracted', date });
  }
  await recordStep(ctx, cliPrincipal('e2e'), {
    craneId: cranes[0]!,
    event: 'paid',
    date,
    amountCents: 100_000_000,
  });
  return cranes;
}

export async function startDashboardServer(
  options: { readonly baseline?: boolean } = {},
): Promise<DashboardServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'portguard-web-'));
  const file = path.join(dir, 'e2e.db');
  const ctx = await createContext({
    config: loadConfig({}, { db: file }),
    db: { kind: 'sqlite', file },
    log: createLogger('silent'),
  });
  await loadBundledIfEmpty(ctx, () => loadBundledDataset());
  const now = ctx.clock.now();
  for (const u of USERS) await addUser(ctx.store, { username: 'e2e' }, { ...u, password: PASSWORD }, now);
  if (options.baseline) await approveTestBaseline(ctx);
  const jobs = await createJobQueue({ store: ctx.store, dbConfig: { kind: 'sqlite', file }, log: ctx.log });
  const app = await buildServer({ ...ctx, jobs }, { secureCookies: false, loginRateLimit: 1000 });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    close: async () => {
      await app.close();
      await jobs.close();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
