import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulationReport } from '@portguard/core';
import { runCli } from '../../../test/support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const cli = (args: string[]) => runCli(args);

const base = [
  'simulate',
  '--source',
  'bundled',
  '--start',
  '2026-01',
  '--plans',
  'greedy,do-nothing',
  '--workers',
  '0',
];

describe('portguard simulate', () => {
  it('replays the bundled dataset’s plans in a 2027 crisis and prints the report as JSON', async () => {
    const { code, out: stdout } = await cli([
      ...base,
      '--scenario',
      'western-pacific-crisis-2027',
      '--runs',
      '60',
      '--seed',
      '3',
      '--json',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { source: string; report: SimulationReport };
    expect(out.source).toBe('bundled');
    expect(out.report.runs).toBe(60);
    expect(out.report.plans.map((p) => p.plan)).toEqual(['greedy', 'do-nothing']);
    const diff = out.report.comparisons[0]!.measures.teuLost;
    // Doing nothing leaves every PRC-made crane exposed to the crisis: it loses more on every draw.
    expect(diff.ci95[0]).toBeGreaterThan(0);
  });

  it('prints tables and writes the CSV report; the same seed writes the same file', async () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    const first = await cli([
      ...base,
      '--scenario',
      'budget-cut-year-2',
      '--runs',
      '40',
      '--seed',
      '5',
      '--out',
      a,
    ]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/TEU not handled/);
    expect(first.out).toMatch(/Paired differences on the same draws/);
    await cli([...base, '--scenario', 'budget-cut-year-2', '--runs', '40', '--seed', '5', '--out', b]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const rows = parse(readFileSync(a, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(
      rows.some((r) => r.kind === 'difference' && r.plan === 'do-nothing' && r.baseline === 'greedy'),
    ).toBe(true);
    expect(rows.some((r) => r.kind === 'summary' && r.scope === 'national' && r.measure === 'teuLost')).toBe(
      true,
    );
  });

  it('reports a bad scenario file with the field and exit code 2', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'bad', description: 'x', fundingShocks: [{ share: 3, planYear: 1 }] }),
    );
    const { code, err: stderr } = await cli([...base, '--scenario', file, '--runs', '5']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.json\.fundingShocks\.0\.share/);
  });

  it('re-plans with the planner itself (--replan-solver milp): the same seed prints the same report', async () => {
    const args = [
      'simulate',
      '--generated',
      '4x12@5',
      '--start',
      '2026-01',
      '--years',
      '5',
      '--plans',
      'greedy,do-nothing',
      '--scenario',
      'western-pacific-crisis-2027',
      '--policy',
      'replan',
      '--replan-solver',
      'milp',
      '--replan-time',
      '1',
      '--runs',
      '2',
      '--seed',
      '3',
      '--workers',
      '0',
      '--json',
    ];
    const first = await cli(args);
    expect(first.code).toBe(0);
    const report = (JSON.parse(first.out) as { report: SimulationReport }).report;
    expect(report.replans).toBe(4);
    expect(report.clockBoundReplans).toBe(0);
    expect((await cli(args)).out).toBe(first.out);
  }, 120_000);

  it('refuses --replan-solver without the replan policy', async () => {
    const { code, err: stderr } = await cli([...base, '--replan-solver', 'milp', '--runs', '2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--replan-solver: applies only with --policy replan/);
  });

  it('rejects an unknown plan name', async () => {
    const { code, err: stderr } = await cli(['simulate', '--plans', 'best', '--runs', '5']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown plan 'best'/);
  });
});
