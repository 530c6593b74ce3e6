import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { addUser, issueApiToken, login, sessionPrincipal } from '../../src/auth/service.js';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { inventoryRepository, type DbHandle } from '../../src/db/index.js';
import { forEachDialect } from '../support/databases.js';

/**
 * A plan job survives its server: `portguard serve` is killed (SIGKILL) while the job runs, a new server starts,
 * and the job completes exactly once (one outcome, one audit entry). SQLite: the new server queues the orphan
 * again; PostgreSQL: pg-boss delivers it again after the attempt expires.
 */
const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function serve(
  args: { global: string[]; serve: string[] },
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', main, ...args.global, 'serve', '--port', '0', '--no-dataset', ...args.serve],
    {
      cwd: root,
      env: { ...process.env, PORTGUARD_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, base: m[1]! });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${String(code)}: ${out}${err}`)));
  });
}

async function tokenFor(store: DbHandle): Promise<string> {
  const now = new Date();
  await addUser(
    store,
    { username: 'test' },
    { username: 'planner', password: 'restart test password', role: 'program-office' },
    now,
  );
  const s = await login(store, 'planner', 'restart test password', now);
  return (
    await issueApiToken(store, (await sessionPrincipal(store, s.sessionSecret, now))!.principal, 'test', now)
  ).token;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDialect((dialect, open) => {
  it('kill -9 during a plan job, restart: the job completes exactly once', { timeout: 240_000 }, async () => {
    const store = await open();
    await inventoryRepository(store.db, store.dialect).upsert(loadBundledDataset());
    const token = await tokenFor(store);
    const auth = { authorization: `Bearer ${token}` };
    let args = { global: [] as string[], serve: [] as string[] };
    let env: NodeJS.ProcessEnv = {};
    if (dialect === 'sqlite') {
      args = { global: ['--db', store.where], serve: [] };
      env = { DATABASE_URL: '' };
    } else {
      const url = new URL(process.env.PORTGUARD_TEST_PG_URL!);
      url.searchParams.set('options', `-c search_path=${store.schema!}`);
      env = { DATABASE_URL: url.toString() };
      args = { global: [], serve: ['--job-timeout', '15'] };
    }

    const first = await serve(args, env);
    const submitted = await fetch(`${first.base}/api/jobs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'plan.solve',
        params: { startMonth: '2027-01', years: 4, timeLimitSeconds: 5 },
      }),
    });
    expect(submitted.status).toBe(202);
    const { job } = (await submitted.json()) as { job: { id: string } };
    const status = async (base: string) =>
      (await (await fetch(`${base}/api/jobs/${job.id}`, { headers: auth })).json()) as {
        status: string;
        attempts: number;
        error: string | null;
        result: { plans: Array<{ name: string }> } | null;
      };

    for (let i = 0; i < 300 && (await status(first.base)).status !== 'running'; i++) await sleep(100);
    expect((await status(first.base)).status).toBe('running');
    await sleep(500);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await serve(args, env);
    let s = await status(second.base);
    for (let i = 0; i < 1200 && s.status !== 'succeeded' && s.status !== 'failed'; i++) {
      await sleep(150);
      s = await status(second.base);
    }
    expect(s.error).toBeNull();
    expect(s.status).toBe('succeeded');
    expect(s.attempts).toBeGreaterThanOrEqual(2);
    expect(s.result!.plans.map((p) => p.name)).toContain('Optimised (MILP)');
    // Give any duplicate delivery time to show itself, then count outcomes.
    await sleep(2000);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    const outcomes = await store.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'job')
      .where('entity_id', '=', job.id)
      .execute();
    expect(outcomes.map((o) => o.action)).toEqual(['job.succeeded']);
  });
});
