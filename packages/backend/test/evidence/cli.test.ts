import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-evidence-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = (f: string) => fileURLToPath(new URL(`./samples/${f}`, import.meta.url));

const cli = (args: string[]) => runCli(['--db', path.join(dir, 'pg.db'), ...args]);

it(
  'imports evidence, exits 2 when a file is refused, and reports exposure as JSON',
  { timeout: 60_000 },
  async () => {
    const imported = await cli([
      'evidence',
      'import',
      '--json',
      sample('icsnpp-enip__cip_identity.log'),
      sample('cdx-spec-1.6__invalid-component-type-1.6.json'),
    ]);
    expect(imported.code).toBe(2);
    const rows = JSON.parse(imported.out) as { file: string; refused: boolean; records: number }[];
    expect(rows.map((r) => [r.file, r.refused, r.records])).toEqual([
      ['icsnpp-enip__cip_identity.log', false, 1],
      ['cdx-spec-1.6__invalid-component-type-1.6.json', true, 0],
    ]);

    const listed = await cli(['evidence', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as unknown[]).length).toBe(2);

    const exposure = await cli(['exposure', '--json']);
    expect(exposure.code).toBe(0);
    const report = JSON.parse(exposure.out) as {
      imports: number;
      unknownDevices: { ip: string; vendor?: { vendor: string; source: string } }[];
    };
    expect(report.imports).toBe(1);
    expect(report.unknownDevices).toContainEqual(
      expect.objectContaining({
        ip: '10.1.1.164',
        vendor: expect.objectContaining({
          vendor: 'Rockwell Automation/Allen-Bradley',
          source: 'cip-identity',
        }),
      }),
    );
  },
);

it('names a missing file and a bad zones file clearly', async () => {
  const missing = await cli(['evidence', 'import', path.join(dir, 'nope.pcap')]);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/nope\.pcap: file not found/);
  const zones = await cli(['exposure', '--zones', sample('icsnpp-enip__cip_identity.log')]);
  expect(zones.code).toBe(2);
  expect(zones.err).toMatch(/cannot read zones file/);
});

it('ties an imported BOM to the asset named by --asset, and refuses an asset the inventory lacks', async () => {
  const db = ['--db', path.join(dir, 'bom.db')];
  const hbom = sample('bom-examples__HBOM_PCIe-SATA-adapter-board_bom.json');
  const unknown = await runCli([...db, 'evidence', 'import', hbom, '--asset', 'sts-nowhere']);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/--asset sts-nowhere: no such asset in the bundled inventory/);
  const crane = 'sts-lax-apm-terminals-pier-400-11';
  expect((await runCli([...db, 'evidence', 'import', hbom, '--asset', crane])).code).toBe(0);
  const exposure = await runCli([...db, 'exposure', '--json']);
  const report = JSON.parse(exposure.out) as {
    boms: { file: string; tie: { assetId?: string; by?: string } }[];
  };
  expect(report.boms).toEqual([
    expect.objectContaining({
      file: 'bom-examples__HBOM_PCIe-SATA-adapter-board_bom.json',
      tie: { tied: true, assetId: crane, by: 'declared' },
    }),
  ]);
  const text = await runCli([...db, 'exposure']);
  expect(text.out).toMatch(
    new RegExp(
      `BOM bom-examples__HBOM_PCIe-SATA-adapter-board_bom\\.json \\(pcie-sata-adaptor-board\\): tied to ${crane} \\(declared\\)`,
    ),
  );
});
