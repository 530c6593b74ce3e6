import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const main = path.join(root, 'packages/backend/src/cli/main.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'portguard-start-'));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it(
  'start prints the national summary, then serves the API with a one-time admin login',
  { timeout: 120_000 },
  async () => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', main, '--db', path.join(dir, 'start.db'), 'start', '--port', '0'],
      { cwd: root, env: { ...process.env, PORTGUARD_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      proc.stdout!.on('data', (b: Buffer) => {
        text += b.toString();
        if (/password: \S+/.test(text)) resolve(text);
      });
      proc.once('exit', (code) => reject(new Error(`start exited with ${String(code)}: ${text}`)));
    });
    expect(out).toMatch(/National summary, \d{4}/);
    const base = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    const username = /user: +(\S+)/.exec(out)![1]!;
    const password = /password: +(\S+)/.exec(out)![1]!;

    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/assets`)).status).toBe(401);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);

    proc.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    expect(code).toBe(0);
  },
);
