/**
 * npm run bench:api — autocannon against a real `portguard serve` child process on 127.0.0.1, with the bundled
 * dataset in a fresh SQLite file. Prints requests/s and p99 latency per dashboard read at 50 connections, next to a trivial
 * /health route measured in the same run as the baseline. Options: --duration S (default 5), --connections N (50).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { addUser, issueApiToken, login, sessionPrincipal } from '../src/auth/service.js';
import { loadConfig } from '../src/config/config.js';
import { loadBundledDataset } from '../src/dataset/load.js';
import { createContext, createLogger } from '../src/services/context.js';
import { loadBundledIfEmpty } from '../src/services/inventory.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
};
const duration = arg('duration', 5);
const connections = arg('connections', 50);

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-bench-api-'));
const file = path.join(dir, 'bench.db');
const ctx = await createContext({ config: loadConfig({}, { db: file }), log: createLogger('silent') });
await loadBundledIfEmpty(ctx, loadBundledDataset);
const now = new Date();
const password = 'benchmark password 123';

async function tokenFor(
  username: string,
  role: 'admin' | 'port-operator',
  portIds: string[] = [],
): Promise<string> {
  await addUser(ctx.store, { username: 'bench' }, { username, password, role, portIds }, now);
  const s = await login(ctx.store, username, password, now);
  const p = (await sessionPrincipal(ctx.store, s.sessionSecret, now))!.principal;
  return (await issueApiToken(ctx.store, p, 'bench', now)).token;
}

const firstPort = await ctx.store.db
  .selectFrom('facilities')
  .select('port_id')
  .where('kind', '=', 'container-terminal')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const adminToken = await tokenFor('bench-admin', 'admin');
const operatorToken = await tokenFor('bench-operator', 'port-operator', [firstPort.port_id!]);
const someAsset = await ctx.store.db
  .selectFrom('assets')
  .select('id')
  .where('kind', '=', 'sts-crane')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const assetCount = (
  await ctx.store.db
    .selectFrom('assets')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
).n;

await ctx.close();

// The server runs in its own process, as in production, so that the load generator does not share its event loop.
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const server = spawn(
  process.execPath,
  [...process.execArgv, main, '--db', file, 'serve', '--port', '0', '--no-dataset'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORTGUARD_LOG_LEVEL: 'warn' },
  },
);
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  server.once('exit', (code) => reject(new Error(`portguard serve exited with ${String(code)}: ${out}`)));
});

// Server CPU time per request (user + system, from /proc): less sensitive than req/s to other load on the machine.
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function serverCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/${String(server.pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
  } catch {
    return undefined;
  }
}

interface Row {
  name: string;
  reqPerSec: number;
  cpuUs: number | undefined;
  p99: number;
  p50: number;
  non2xx: number;
  errors: number;
}

async function measure(name: string, url: string, token?: string): Promise<Row> {
  const cpu0 = serverCpuMs();
  const r = await autocannon({
    url: `${base}${url}`,
    connections,
    duration,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const cpu1 = serverCpuMs();
  return {
    name,
    reqPerSec: r.requests.average,
    cpuUs: cpu0 === undefined || cpu1 === undefined ? undefined : ((cpu1 - cpu0) * 1000) / r.requests.sent,
    p99: r.latency.p99,
    p50: r.latency.p50,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

// Warm up JIT, statement caches and the argon2-free token path.
await autocannon({
  url: `${base}/api/assets?limit=100`,
  connections: 10,
  duration: 1,
  headers: { authorization: `Bearer ${adminToken}` },
});

const rows: Row[] = [];
rows.push(await measure('GET /health (baseline)', '/health'));
rows.push(await measure('GET /api/assets?limit=100 (admin)', '/api/assets?limit=100', adminToken));
rows.push(await measure('GET /api/assets?limit=100 (port-operator)', '/api/assets?limit=100', operatorToken));
rows.push(
  await measure('GET /api/assets?kind=sts-crane&limit=20', '/api/assets?kind=sts-crane&limit=20', adminToken),
);
rows.push(await measure('GET /api/facilities?limit=100', '/api/facilities?limit=100', adminToken));
rows.push(await measure(`GET /api/assets/${someAsset.id}`, `/api/assets/${someAsset.id}`, adminToken));

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const pad = (s: string, n: number) => s.padEnd(n);
process.stdout.write(
  `\nbench:api — SQLite, bundled dataset (${String(assetCount)} assets), ${connections} connections, ${duration} s per route, Bearer-token auth\n\n`,
);
process.stdout.write(
  `${pad('route', 46)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'server CPU µs/req'.padStart(19)}\n`,
);
for (const r of rows) {
  process.stdout.write(
    `${pad(r.name, 46)}${r.reqPerSec.toFixed(0).padStart(10)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${String(r.non2xx + r.errors).padStart(9)}${(r.cpuUs === undefined ? 'n/a' : r.cpuUs.toFixed(0)).padStart(19)}\n`,
  );
}
const listing = rows[1]!;
const health = rows[0]!;
process.stdout.write(
  `\nasset listing vs /health: ${((listing.reqPerSec / health.reqPerSec) * 100).toFixed(0)}% of the baseline throughput\n` +
    `goal (asset listing, admin): >= 2000 req/s and p99 < 50 ms -> ${listing.reqPerSec >= 2000 && listing.p99 < 50 ? 'MET' : 'NOT MET'}` +
    ` (${listing.reqPerSec.toFixed(0)} req/s, p99 ${listing.p99.toFixed(1)} ms)\n` +
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )} on ${String(availableParallelism())} cores (req/s and p99 fall when others share the machine; CPU µs/req much less)\n`,
);
