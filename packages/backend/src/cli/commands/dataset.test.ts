import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NATIONAL_DATASET_FILE } from '../../dataset/build.js';
import { registerDatasetCommands } from './dataset.js';

async function runCli(args: string[]): Promise<string> {
  const program = new Command('portguard').exitOverride();
  registerDatasetCommands(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  return out;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('portguard dataset', () => {
  it('provenance --json lists one crane with its citations and rules', async () => {
    const rows = JSON.parse(
      await runCli(['dataset', 'provenance', '--json', '--id', 'sts-lax-apm-terminals-pier-400-01']),
    ) as {
      field: string;
      kind: string;
      basis: string;
    }[];
    expect(rows.map((r) => r.field)).toEqual(['criticality', 'facilityId', 'makerName', 'sizeClass']);
    expect(rows.find((r) => r.field === 'makerName')).toMatchObject({
      kind: 'sourced',
      basis: expect.stringContaining('Terex-Noell'),
    });
  });

  it('provenance --kind estimated shows only estimated fields', async () => {
    const table = await runCli(['dataset', 'provenance', '--kind', 'estimated', '--record', 'supplier']);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RECORD\s+ID\s+FIELD\s+KIND/);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(1).every((l) => /^supplier\s+\S+\s+\S+\s+estimated\s/.test(l))).toBe(true);
  });

  it('build writes the bundled dataset for the default share and scenario B with --zpmc-share', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-dataset-'));
    dirs.push(dir);
    const a = join(dir, 'a.json');
    await runCli(['dataset', 'build', '--out', a, '--covered-list-out', join(dir, 'c.json')]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(NATIONAL_DATASET_FILE, 'utf8'));
    const b = join(dir, 'b.json');
    const report = JSON.parse(
      await runCli([
        'dataset',
        'build',
        '--zpmc-share',
        '0.78',
        '--out',
        b,
        '--covered-list-out',
        join(dir, 'c.json'),
        '--json',
      ]),
    ) as { report: { prcMade: { total: number } } };
    expect(report.report.prcMade.total).toBe(371);
    const zpmc = (JSON.parse(readFileSync(b, 'utf8')) as { assets: { makerId?: string }[] }).assets.filter(
      (x) => x.makerId === 'ce-zpmc',
    );
    expect(zpmc).toHaveLength(371);
  });

  it('rejects a share outside [0, 1]', async () => {
    await expect(runCli(['dataset', 'build', '--zpmc-share', '1.5'])).rejects.toThrow(/between 0 and 1/);
  });
});
