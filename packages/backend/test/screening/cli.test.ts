import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { loadCoveredList } from '../../src/dataset/load.js';
import { runCli } from '../support/cli.js';

const cli = (args: string[]) => runCli(args);

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'portguard-screen-cli-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('portguard match', () => {
  it('--json gives {query, match: {entity, score} | null, candidates} per name, from arguments and a CSV file', async () => {
    const file = join(tempDir(), 'names.csv');
    writeFileSync(file, 'name,country\n上海振華重工,CN\nKonecranes Plc,FI\n');
    const db = join(tempDir(), 'match.db');
    const { code, out } = await cli(['--db', db, 'match', 'Hikvison', 'Aztech', '--file', file, '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as {
      query: string;
      match: { entity: string; score: number } | null;
      candidates: { entity: string }[];
    }[];
    expect(rows.map((r) => [r.query, r.match?.entity ?? null])).toEqual([
      ['Hikvison', 'ce-hikvision'],
      ['Aztech', null],
      ['上海振華重工', 'ce-zpmc'],
      ['Konecranes Plc', null],
    ]);
    expect(rows[0]!.match!.score).toBeGreaterThan(0.8);
  });
  it('refuses a call without names', async () => {
    const { code, err } = await cli(['match']);
    expect(code).toBe(ExitCode.invalidInput);
    expect(err).toContain('at least one name');
  });
});

describe('portguard screen', () => {
  it('exits 1 when open findings at or above --fail-on exist, 0 once they are reviewed', async () => {
    const dir = tempDir();
    const db = join(dir, 'screen.db');
    // A one-entity list keeps the run small (the bundled dataset's own links and designations still apply).
    const full = loadCoveredList();
    const list = join(dir, 'dahua-only.json');
    writeFileSync(
      list,
      JSON.stringify({
        ...full,
        version: 'dahua-only',
        organisations: full.organisations.filter((o) => o.id === 'ce-dahua'),
        ownershipLinks: [],
        designations: full.designations.filter((d) => d.organisationId === 'ce-dahua'),
      }),
    );
    const first = await cli([
      '--db',
      db,
      'screen',
      '--list',
      list,
      '--fail-on',
      'high',
      '--no-mac',
      '--json',
    ]);
    expect(first.code).toBe(ExitCode.findings);
    const report = JSON.parse(first.out) as { findings: { id: string; severity: string }[]; failing: number };
    expect(report.failing).toBeGreaterThan(0);
    expect(report.findings.map((f) => f.id.split(':').at(-1))).toContain('ce-dahua');
    const high = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
    for (const f of high) {
      const r = await cli([
        '--db',
        db,
        'findings',
        'review',
        f.id,
        '--status',
        'accepted-risk',
        '--reviewer',
        'test',
        '--justification',
        'test run',
      ]);
      expect(r.code).toBe(0);
    }
    const again = await cli([
      '--db',
      db,
      'screen',
      '--list',
      list,
      '--fail-on',
      'high',
      '--no-mac',
      '--json',
    ]);
    expect(again.code).toBe(ExitCode.ok);
    expect((JSON.parse(again.out) as { changes: { unchanged: number } }).changes.unchanged).toBe(
      report.findings.length,
    );
  });
});
