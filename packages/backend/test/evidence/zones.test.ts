import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-zones-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = (f: string) => fileURLToPath(new URL(`./samples/${f}`, import.meta.url));
const cli = (args: string[]) => runCli(['--db', path.join(dir, 'pg.db'), ...args]);

type Finding = { kind: string; ip: string; severity: string; weight: number; summary: string };
const crossings = async () => {
  const r = await cli(['exposure', '--json']);
  expect(r.code, r.err).toBe(0);
  const report = JSON.parse(r.out) as { zones: string; findings: Finding[] };
  return { zones: report.zones, found: report.findings.filter((f) => f.kind === 'ics-cross-zone') };
};

it(
  'declared zones replace the /24 default in the zone-boundary finding; zones import and list',
  { timeout: 60_000 },
  async () => {
    // In the icsnpp-enip capture 10.1.1.167 talks EtherNet/IP to the adapter at 10.1.1.164: one /24.
    expect((await cli(['evidence', 'import', sample('icsnpp-enip__conn.log')])).code).toBe(0);
    const before = await crossings();
    expect(before.zones).toBe('default');
    expect(before.found.filter((f) => f.ip === '10.1.1.164')).toEqual([]);

    const file = path.join(dir, 'zones.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'crane-plc', kind: 'ot', cidrs: ['10.1.1.164/32'] },
        { name: 'engineering', kind: 'it', cidrs: ['10.1.1.167/32', '192.168.0.0/16'] },
      ]),
    );
    const imported = await cli(['zones', 'import', file]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/2 zone\(s\) declared: crane-plc, engineering/);
    const listed = JSON.parse((await cli(['zones', 'list', '--json'])).out) as {
      name: string;
      kind: string;
    }[];
    expect(listed.map((z) => [z.name, z.kind])).toEqual([
      ['crane-plc', 'ot'],
      ['engineering', 'it'],
    ]);

    const after = await crossings();
    expect(after.zones).toBe('stored');
    const plc = after.found.filter((f) => f.ip === '10.1.1.164');
    expect(plc.map((f) => [f.severity, f.weight])).toEqual([['high', 15]]);
    expect(plc[0]!.summary).toMatch(/in crane-plc \(ot\) crosses a zone boundary from engineering \(it\)/);

    // Re-declaring a zone replaces it: the workstation joins the PLC's zone and the crossing goes away.
    writeFileSync(file, JSON.stringify([{ name: 'crane-plc', kind: 'ot', cidrs: ['10.1.1.164/30'] }]));
    expect((await cli(['zones', 'import', file])).code).toBe(0);
    expect((await crossings()).found.filter((f) => f.ip === '10.1.1.164')).toEqual([]);
  },
);

it('refuses a zones file with every bad entry named, and stores nothing', async () => {
  const file = path.join(dir, 'bad-zones.json');
  writeFileSync(
    file,
    JSON.stringify([
      { name: 'ok', kind: 'ot', cidrs: ['10.9.0.0/16'] },
      { name: 'no-kind', cidrs: ['10.8.0.0/16'] },
      { name: 'bad-cidr', kind: 'it', cidrs: ['10.7.0.0/40'] },
    ]),
  );
  const r = await runCli(['--db', path.join(dir, 'other.db'), 'zones', 'import', file]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/bad-zones\.json\/1\/kind|bad-zones\.json.*1.*kind/);
  expect(r.err).toMatch(/"10\.7\.0\.0\/40" is not a CIDR range/);
  const listed = await runCli(['--db', path.join(dir, 'other.db'), 'zones', 'list']);
  expect(listed.out).toMatch(/no zones declared/);
});
