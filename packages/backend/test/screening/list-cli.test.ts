import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoveredListRelease } from '@portguard/core';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { loadCoveredList } from '../../src/dataset/load.js';
import { runCli } from '../support/cli.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'portguard-list-cli-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const writeRelease = (dir: string, name: string, release: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(release));
  return file;
};

interface ScreenJson {
  listVersion: string;
  findings: { id: string; listVersion: string; designations: { id: string }[] }[];
  changes: {
    fromVersion: string | null;
    added: string[];
    removed: string[];
    changed: { id: string; fields: string[] }[];
  };
}

describe('portguard list import, then screen', () => {
  it('screens against the newest imported version and reports the findings an added alias and a removed designation change', async () => {
    const dir = tempDir();
    const db = join(dir, 'lists.db');
    const bundled = loadCoveredList();
    const v1: CoveredListRelease = { ...bundled, version: '2027.01', publishedAt: '2027-01-05' };
    const dropped = bundled.designations.find((d) => d.organisationId === 'ce-dahua')!;
    const v2: CoveredListRelease = {
      ...bundled,
      version: '2027.02',
      publishedAt: '2027-02-05',
      // The bundled dataset has Kocks Krane cranes that no listed name matches.
      organisations: bundled.organisations.map((o) =>
        o.id === 'ce-zpmc' ? { ...o, aliases: [...o.aliases, 'Kocks Krane'] } : o,
      ),
      designations: bundled.designations.filter((d) => d.id !== dropped.id),
    };

    expect((await runCli(['--db', db, 'list', 'import', writeRelease(dir, 'v1.json', v1)])).code).toBe(0);
    const first = await runCli(['--db', db, 'screen', '--no-mac', '--json']);
    expect(first.code).toBe(0);
    const r1 = JSON.parse(first.out) as ScreenJson;
    expect(r1.listVersion).toBe('2027.01');
    expect(new Set(r1.findings.map((f) => f.listVersion))).toEqual(new Set(['2027.01']));
    expect(r1.findings.some((f) => f.id.includes('kocks'))).toBe(false);

    const v2File = writeRelease(dir, 'v2.json', v2);
    const dry = await runCli(['--db', db, 'list', 'import', v2File, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('+ name of ce-zpmc: Kocks Krane');
    expect(dry.out).toContain(`- designation ${dropped.id}`);
    const stillV1 = JSON.parse((await runCli(['--db', db, 'list', 'versions', '--json'])).out) as {
      version: string;
      current: boolean;
    }[];
    expect(stillV1.find((v) => v.current)?.version).toBe('2027.01');

    expect((await runCli(['--db', db, 'list', 'import', v2File])).code).toBe(0);
    const second = await runCli(['--db', db, 'screen', '--no-mac', '--json']);
    expect(second.code).toBe(0);
    const r2 = JSON.parse(second.out) as ScreenJson;
    expect(r2.listVersion).toBe('2027.02');
    expect(r2.changes.fromVersion).toBe('2027.01');
    expect(new Set(r2.findings.map((f) => f.listVersion))).toEqual(new Set(['2027.02']));

    const kocks = r2.changes.added.filter((id) => id.endsWith(':ce-zpmc'));
    expect(kocks.length).toBeGreaterThan(0);
    for (const id of kocks) expect(r2.findings.find((f) => f.id === id)).toBeDefined();

    const dahua = r1.findings.filter((f) => f.designations.some((d) => d.id === dropped.id));
    expect(dahua.length).toBeGreaterThan(0);
    const changed = new Map(r2.changes.changed.map((c) => [c.id, c.fields]));
    for (const f of dahua) expect(changed.get(f.id)).toContain('designations');
    for (const f of r2.findings) expect(f.designations.map((d) => d.id)).not.toContain(dropped.id);

    const human = await runCli(['--db', db, 'list', 'versions']);
    expect(human.out).toMatch(/2027\.02.*yes/);
    const shown = JSON.parse((await runCli(['--db', db, 'list', 'show', '2027.01', '--json'])).out) as {
      version: string;
    };
    expect(shown.version).toBe('2027.01');
  }, 60_000);

  it('refuses a bad release with every problem by path, exit 2, and stores nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'bad.db');
    const bundled = loadCoveredList();
    const raw = JSON.parse(JSON.stringify(bundled)) as {
      version: string;
      organisations: Record<string, unknown>[];
      ownershipLinks: Record<string, unknown>[];
      designations: Record<string, unknown>[];
    };
    raw.organisations[1] = { ...raw.organisations[1], legalName: '' };
    raw.ownershipLinks[0] = { ...raw.ownershipLinks[0], childId: 'ce-missing' };
    raw.designations.push({ ...raw.designations[0] });
    const r = await runCli(['--db', db, 'list', 'import', writeRelease(dir, 'bad.json', raw)]);
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.err).toContain('nothing was written');
    expect(r.err).toContain('organisations.1.legalName');
    expect(r.err).toContain('ownershipLinks.0.childId');
    expect(r.err).toContain('"ce-missing"');
    expect(r.err).toMatch(/designations\.\d+\.id: duplicate designation id/);
    expect(r.err).toContain(`version: version "${bundled.version}" is already stored`);
    const versions = JSON.parse((await runCli(['--db', db, 'list', 'versions', '--json'])).out) as {
      version: string;
    }[];
    expect(versions.map((v) => v.version)).toEqual([bundled.version]);

    const ok = writeRelease(dir, 'ok.json', { ...bundled, version: 'x-1' });
    expect((await runCli(['--db', db, 'list', 'import', ok])).code).toBe(0);
    const again = await runCli(['--db', db, 'list', 'import', ok]);
    expect(again.code).toBe(ExitCode.invalidInput);
    expect(again.err).toContain('version "x-1" is already stored');
  });

  it('every list command has help with an example', async () => {
    for (const sub of ['import', 'show', 'versions']) {
      const h = await runCli(['list', sub, '--help']);
      expect(h.out).toContain('Example:');
      expect(h.out).toContain(`portguard list ${sub}`);
    }
  });
});
