import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyDataset, type Dataset } from '@portguard/core';
import { aComponent, aCrane, aTerminal } from '@portguard/core/testing';
import { afterAll, expect, it } from 'vitest';
import { exposureFromStore, importEvidence } from '../../src/evidence/service.js';
import { fixedClock } from '../../src/services/context.js';
import { forEachDialect } from '../support/databases.js';

const sample = (f: string) => fileURLToPath(new URL(`./samples/${f}`, import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'portguard-domains-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The clients of the Zeek dns and ssl samples, declared as a crane PLC and a camera. */
function inventory(): Dataset {
  const t = aTerminal({ id: 'term-n' as never });
  const crane = aCrane(t.id, { id: 'sts-n-01' as never });
  return {
    ...emptyDataset(),
    facilities: [t],
    assets: [crane],
    components: [
      aComponent(crane.id, {
        id: 'plc-n' as never,
        kind: 'plc',
        makerName: 'Siemens',
        network: { ips: ['10.20.1.31'], macs: [], imeis: [] },
      }),
      aComponent(crane.id, {
        id: 'cam-n' as never,
        kind: 'camera',
        makerName: 'Axis',
        network: { ips: ['192.168.1.105'], macs: [], imeis: [] },
      }),
    ],
  };
}

const bundle = (domains: readonly string[]) =>
  JSON.stringify({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: domains.map((d, i) => ({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-00000000000${i}`,
      pattern: `[domain-name:value = '${d}']`,
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    })),
  });

forEachDialect((dialect, open) => {
  it('STIX domain indicators match the names in Zeek dns, ssl and http logs: "contacted an indicator domain"', async () => {
    const store = await open();
    const ctx = { store, clock: fixedClock('2026-11-26T12:00:00Z') };
    const stix = path.join(dir, `indicators-${dialect}.json`);
    writeFileSync(stix, bundle(['distributed.net', 'gstatic.com', 'bro.org']));
    const imported = await importEvidence(ctx, [
      sample('zeek__dns.flip__dns.log'),
      sample('zeek__ssl.basic__ssl.log'),
      sample('zeek__http.no-uri__http.log'),
      sample('cti-stix2-json-schemas__threat-reports_poisonivy.json'),
      stix,
    ]);
    expect(imported.map((r) => r.refused)).toEqual([false, false, false, false, false]);

    const run = await exposureFromStore(ctx, { dataset: inventory() });
    const hits = run.report.findings.filter((f) => f.kind === 'stix-domain');
    // The http client (141.142.228.5) is a public address: not a device of ours.
    expect(hits.map((f) => [f.ip, f.componentId, f.severity, f.weight])).toEqual([
      ['10.20.1.31', 'plc-n', 'high', 30],
      ['192.168.1.105', 'cam-n', 'critical', 40],
    ]);
    expect(hits[0]!.names).toEqual([
      {
        name: 'us.v27.distributed.net',
        domain: 'distributed.net',
        indicator: 'indicator--00000000-0000-4000-8000-000000000000',
        via: 'dns',
        count: 1,
        first: null,
        last: null,
      },
    ]);
    expect(hits[1]!.summary).toMatch(/contacted an indicator domain: ssl\.gstatic\.com \(tls\)/);
    const crane = run.report.assets.find((a) => a.assetId === 'sts-n-01');
    expect(crane?.factors.filter((f) => f.factor === 'stix-domain').map((f) => f.weight)).toEqual([30, 40]);
  });
});
