import { fileURLToPath } from 'node:url';
import { emptyDataset, type Dataset } from '@portguard/core';
import { aComponent, aCrane, aTerminal } from '@portguard/core/testing';
import { expect, it } from 'vitest';
import { evidenceRepository } from '../../src/db/repositories/evidence.js';
import { exposureFromStore, importEvidence } from '../../src/evidence/service.js';
import { fixedClock } from '../../src/services/context.js';
import { forEachDialect } from '../support/databases.js';

const sample = (f: string) => fileURLToPath(new URL(`./samples/${f}`, import.meta.url));

function inventory(): Dataset {
  const t = aTerminal({ id: 'term-x' as never });
  const crane = aCrane(t.id, { id: 'sts-x-01' as never });
  const camera = aCrane(t.id, { id: 'cctv-x-01' as never, kind: 'cctv-camera', makerName: 'Hikvision' });
  return {
    ...emptyDataset(),
    facilities: [t],
    assets: [crane, camera],
    components: [
      // The conn.log sample shows this address resolving names on an external server.
      aComponent(crane.id, {
        id: 'plc-x' as never,
        kind: 'plc',
        makerName: 'Siemens',
        network: { ips: ['192.168.86.167'], macs: [], imeis: [] },
      }),
      // The CIP identity sample says Rockwell answers at this address; the inventory says Siemens.
      aComponent(crane.id, {
        id: 'adapter-x' as never,
        kind: 'plc',
        makerName: 'Siemens',
        network: { ips: ['10.1.1.164'], macs: [], imeis: [] },
      }),
      aComponent(camera.id, {
        id: 'cam-x' as never,
        kind: 'camera',
        makerName: 'Hikvision',
        network: { ips: ['192.168.86.1'], macs: [], imeis: [] },
      }),
      aComponent(crane.id, {
        id: 'modem-x' as never,
        kind: 'cellular-modem',
        makerName: 'Acme',
        network: { ips: ['10.99.0.1'], macs: [], imeis: [] },
      }),
    ],
  };
}

forEachDialect((_dialect, open) => {
  it('stores each import, refuses hostile files, and scores exposure from the stored evidence', async () => {
    const store = await open();
    const ctx = { store, clock: fixedClock('2026-11-26T12:00:00Z') };
    const results = await importEvidence(
      ctx,
      [
        sample('elastic-integrations__test-conn.log'),
        sample('icsnpp-enip__cip_identity.log'),
        sample('libnmap__defused_et_local_includer.xml'),
      ],
      { facilityId: 'term-x' },
    );
    expect(results.map((r) => [r.file, r.format, r.refused])).toEqual([
      ['elastic-integrations__test-conn.log', 'zeek-json', false],
      ['icsnpp-enip__cip_identity.log', 'zeek-tsv', false],
      ['libnmap__defused_et_local_includer.xml', null, true],
    ]);
    const listed = await evidenceRepository(store.db, store.dialect).list({ facilityId: 'term-x' });
    expect(listed).toHaveLength(3);
    const hostile = listed.find((l) => l.file === 'libnmap__defused_et_local_includer.xml');
    expect(hostile).toMatchObject({ refused: true, records: 0, importedAt: '2026-11-26T12:00:00.000Z' });
    expect(hostile?.issues[0]?.code).toBe('xml.doctype_refused');

    const run = await exposureFromStore(ctx, { facilityId: 'term-x', dataset: inventory() });
    expect(run.imports).toBe(2);
    const find = (kind: string, ip: string) =>
      run.report.findings.find((f) => f.kind === kind && f.ip === ip);
    const ext = find('external-communication', '192.168.86.167');
    expect(ext?.assetId).toBe('sts-x-01');
    expect(ext?.evidence.map((e) => e.dst)).toContain('89.160.20.156');
    expect(find('vendor-mismatch', '10.1.1.164')?.summary).toMatch(/Siemens.*Rockwell/);
    expect(find('covered-vendor', '192.168.86.1')?.assetId).toBe('cctv-x-01');
    expect(run.correlation.unobserved.map((u) => u.componentId)).toEqual(['modem-x']);
    const crane = run.report.assets.find((a) => a.assetId === 'sts-x-01');
    expect(crane?.score).toBeGreaterThan(0);
    expect(crane?.factors.map((f) => f.factor)).toEqual(
      expect.arrayContaining(['external-communication', 'vendor-mismatch']),
    );
  });
});
