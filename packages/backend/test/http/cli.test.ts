import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-srv-cli-'));
const db = path.join(dir, 'pg.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const cli = (args: string[]) => runCli(['--db', db, ...args]);

function sql(statement: string): void {
  const conn = new SQLite(db);
  try {
    conn.prepare(statement).run();
  } finally {
    conn.close();
  }
}

describe('portguard user / audit', () => {
  it('creates users with a one-time password and refuses bad scopes', async () => {
    const admin = await cli(['user', 'add', 'alice', '--role', 'admin', '--json']);
    expect(admin.code, admin.err).toBe(0);
    const out = JSON.parse(admin.out) as { user: { role: string }; password: string };
    expect(out.user.role).toBe('admin');
    expect(out.password).toHaveLength(20);
    expect((await cli(['user', 'add', 'alice', '--role', 'auditor'])).code).toBe(2);
    const noScope = await cli(['user', 'add', 'bob', '--role', 'port-operator']);
    expect(noScope.code).toBe(2);
    expect(noScope.err).toContain('port-operator needs at least one');
    const unknown = await cli(['user', 'add', 'bob', '--role', 'port-operator', '--port', 'port-atlantis']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no port port-atlantis');
    expect((await cli(['user', 'add', 'carol', '--role', 'auditor'])).code).toBe(0);
    expect((await cli(['user', 'add', 'dave', '--role', 'program-office'])).code).toBe(0);
    const list = JSON.parse((await cli(['user', 'list', '--json'])).out) as Array<{ username: string }>;
    expect(list.map((u) => u.username)).toEqual(['alice', 'carol', 'dave']);
  });

  it('audit verify passes on an intact log', async () => {
    const r = await cli(['audit', 'verify']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('intact: 3 entries');
  });

  it('audit verify names an entry edited in SQL', async () => {
    sql(`update audit_log set after_json = replace(after_json, 'program-office', 'admin') where seq = 3`);
    const r = await cli(['audit', 'verify', '--json']);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out) as { ok: boolean; problems: Array<{ seq: number; message: string }> };
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([
      { seq: 3, message: 'entry 3 was edited: its content no longer matches its hash' },
    ]);
  });

  it('audit verify names a deleted entry', async () => {
    sql(`delete from audit_log where seq = 2`);
    const r = await cli(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('entries 2..2 are missing (deleted)');
  });

  it('every command documents an example', async () => {
    for (const c of [
      ['serve'],
      ['worker'],
      ['user', 'add'],
      ['user', 'list'],
      ['audit', 'verify'],
      ['audit', 'list'],
    ]) {
      const r = await cli([...c, '--help']);
      expect(r.out, c.join(' ')).toContain('Example:');
    }
  });

  it('worker refuses to run without PostgreSQL', async () => {
    const r = await cli(['worker']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('DATABASE_URL');
  });
});
