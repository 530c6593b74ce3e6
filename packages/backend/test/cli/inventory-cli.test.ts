import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli.js';

const cli = (...args: string[]) => runCli(args);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'portguard-cli-'));
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('PORTGUARD_DB', '');
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});
const at = (name: string) => path.join(dir, name);

describe('portguard inventory commands', () => {
  it('every command explains itself with an example', async () => {
    for (const cmd of [
      ['init'],
      ['import'],
      ['export'],
      ['template'],
      ['facilities', 'list'],
      ['assets', 'list'],
      ['summary'],
      ['start'],
    ]) {
      const r = await cli(...cmd, '--help');
      expect([cmd.join(' '), r.code, r.err]).toEqual([cmd.join(' '), 0, '']);
      expect(r.out).toMatch(/Example:\n {2}\$ (portguard|npm) /);
    }
  });

  it('template → fill in → import --dry-run → import → list, filter and export', async () => {
    const db = at('mine.db');
    const t = await cli('template', '--format', 'csv', '--out', at('tpl'));
    expect(t.code).toBe(0);
    const header = readFileSync(at('tpl/assets.csv'), 'utf8').trim().split(',');
    const row = (values: Record<string, string>) => header.map((h) => values[h] ?? '').join(',');
    writeFileSync(
      at('facilities.csv'),
      'id,kind,name,portId\nfac-a,container-terminal,Terminal A,\nfac-b,container-terminal,Terminal B,\n',
    );
    writeFileSync(
      at('assets.csv'),
      [
        header.join(','),
        row({ id: 'c1', facilityId: 'fac-a', kind: 'sts-crane', makerName: 'ZPMC' }),
        row({ id: 'c2', facilityId: 'fac-b', kind: 'rtg', makerName: 'Konecranes' }),
      ].join('\n'),
    );

    const dry = await cli('--db', db, 'import', at('facilities.csv'), at('assets.csv'), '--dry-run');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toContain('nothing was written');
    expect(JSON.parse((await cli('--db', db, 'facilities', 'list', '--json')).out)).toEqual([]);

    const real = await cli('--db', db, 'import', at('facilities.csv'), at('assets.csv'));
    expect(real.code).toBe(0);
    expect(real.out).toContain('Imported 4 records (2 facilities, 2 assets)');

    const ids = async (...args: string[]) =>
      (JSON.parse((await cli('--db', db, 'assets', 'list', ...args, '--json')).out) as { id: string }[]).map(
        (a) => a.id,
      );
    expect(await ids()).toEqual(['c1', 'c2']);
    expect(await ids('--kind', 'rtg')).toEqual(['c2']);
    expect(await ids('--maker', 'zpmc')).toEqual(['c1']);
    expect(await ids('--facility', 'fac-b')).toEqual(['c2']);

    const table = await cli('--db', db, 'assets', 'list');
    expect(table.out).toMatch(/c1\s+│ fac-a/);

    expect((await cli('--db', db, 'export', '--out', at('out.json'))).code).toBe(0);
    const exported = JSON.parse(readFileSync(at('out.json'), 'utf8')) as {
      formatVersion: number;
      assets: unknown[];
    };
    expect([exported.formatVersion, exported.assets.length]).toEqual([1, 2]);
  });

  it('a file with bad rows 3 and 17 exits 2, names both rows, and writes nothing', async () => {
    const db = at('bad.db');
    const lines = ['id,kind,name'];
    for (let r = 2; r <= 18; r++)
      lines.push(r === 3 ? `f${r},nonsense,X` : r === 17 ? `bad id ${r},other,X` : `f${r},other,X`);
    writeFileSync(at('facilities-bad.csv'), lines.join('\n'));
    const r = await cli('--db', db, 'import', '--table', 'facilities', at('facilities-bad.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('2 problems in 2 rows; nothing was written');
    expect(r.err).toMatch(/facilities-bad\.csv row 3, column kind: "nonsense"/);
    expect(r.err).toMatch(/facilities-bad\.csv row 17, column id: "bad id 17": expected an id/);
    expect(JSON.parse((await cli('--db', db, 'facilities', 'list', '--json')).out)).toEqual([]);

    const asJson = await cli(
      '--db',
      db,
      'import',
      '--json',
      '--table',
      'facilities',
      at('facilities-bad.csv'),
    );
    expect(asJson.code).toBe(2);
    expect((JSON.parse(asJson.out) as { issues: { row: number }[] }).issues.map((i) => i.row)).toEqual([
      3, 17,
    ]);
  });

  it('rejects missing files and bad option values with exit code 2', async () => {
    expect((await cli('--db', at('x.db'), 'import', at('nope.csv'))).code).toBe(2);
    expect((await cli('--db', at('x.db'), 'assets', 'list', '--kind', 'spaceship')).code).toBe(2);
    expect((await cli('--db', at('x.db'), 'export', '--out', at('x.txt'))).code).toBe(2);
  });

  it('start loads the bundled dataset once and prints the national summary', async () => {
    const db = at('start.db');
    const first = await cli('--db', db, 'start', '--no-serve');
    expect(first.code).toBe(0);
    expect(first.err).toContain('from the bundled national dataset');
    expect(first.out).toMatch(/National summary, \d{4}/);
    expect(first.out).toMatch(/│ NATIONAL\s+│ \d+ ports/);
    const again = await cli('--db', db, 'summary', '--json');
    const s = JSON.parse(again.out) as {
      national: { stsCranes: number; untrustedCranes: number; ports: number };
    };
    expect(s.national.stsCranes).toBeGreaterThan(100);
    expect(s.national.untrustedCranes).toBeGreaterThan(0);
    expect(s.national.untrustedCranes).toBeLessThanOrEqual(s.national.stsCranes);
    const init = await cli('--db', db, 'init');
    expect(init.out).toContain('nothing was loaded');
  });
});
