import { describe, expect, it } from 'vitest';
import { aComponent, aCrane, aTerminal } from '../testing/index.js';
import { correlate } from './correlate.js';
import { assessExposure, exposureRiskMultiplier, exposureRiskMultipliers } from './exposure.js';
import { ObservationSet, resolvedVendor } from './observations.js';
import { observablesInPattern } from './stix.js';
import type { FlowRecord } from './types.js';

const flow = (
  src: string,
  dst: string,
  dstPort: number,
  bytesOut: number,
  ts = 1_700_000_000,
): FlowRecord => ({
  kind: 'flow',
  ts,
  src,
  srcPort: 40000,
  dst,
  dstPort,
  transport: 'tcp',
  bytesOut,
  bytesIn: 100,
  packets: 4,
});

function inventory() {
  const t = aTerminal({ id: 'term-a' as never });
  const crane = aCrane(t.id, { id: 'sts-01' as never });
  const plc = aComponent(crane.id, {
    id: 'plc-01' as never,
    kind: 'plc',
    makerName: 'Rockwell Automation',
    model: '1756-ENBT/A',
    network: { ips: ['10.1.1.164'], macs: [], imeis: [] },
  });
  const modem = aComponent(crane.id, {
    id: 'modem-01' as never,
    kind: 'cellular-modem',
    makerName: 'Acme Cellular',
    network: { ips: ['10.1.1.200'], macs: [], imeis: [] },
  });
  const camera = aComponent(crane.id, {
    id: 'cam-01' as never,
    kind: 'camera',
    makerName: 'Hikvision',
    network: { ips: ['10.1.2.10'], macs: [], imeis: [] },
  });
  const drive = aComponent(crane.id, { id: 'drive-01' as never, kind: 'drive', makerName: 'ABB' });
  return { terminal: t, dataset: { assets: [crane], components: [plc, modem, camera, drive] } };
}

describe('correlation', () => {
  it('keeps the protocol identity over the MAC vendor of a router in between', () => {
    const obs = new ObservationSet();
    obs.add(
      {
        kind: 'host',
        ts: 1,
        ips: ['10.1.1.164'],
        macs: ['00:1b:54:00:00:01'],
        macVendor: 'Cisco Systems',
        hostnames: [],
        status: 'up',
        services: [],
        os: [],
        software: [],
      },
      'scan.xml',
    );
    obs.add(
      {
        kind: 'identity',
        ts: 2,
        protocol: 'cip',
        ip: '10.1.1.164',
        vendor: 'Rockwell Automation/Allen-Bradley',
        product: '1756-ENBT/A',
      },
      'cip_identity.log',
    );
    const d = obs.devices.get('10.1.1.164')!;
    expect(resolvedVendor(d)).toMatchObject({
      vendor: 'Rockwell Automation/Allen-Bradley',
      source: 'cip-identity',
      file: 'cip_identity.log',
      ts: 2,
    });
    expect(d.claims.map((c) => c.source).sort()).toEqual(['cip-identity', 'mac-oui']);
    const result = correlate(obs, inventory().dataset);
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]).toMatchObject({ componentId: 'plc-01', method: 'ip', vendorMismatch: false });
  });

  it('lists undeclared devices and declared components never observed', () => {
    const obs = new ObservationSet();
    obs.add(flow('10.1.1.164', '10.9.9.9', 502, 10), 'conn.log');
    const result = correlate(obs, inventory().dataset);
    expect(result.unknownDevices.map((u) => u.ip)).toEqual(['10.9.9.9']);
    expect(result.unobserved.map((u) => [u.componentId, u.reason])).toEqual([
      ['modem-01', 'not-seen'],
      ['cam-01', 'not-seen'],
      ['drive-01', 'no-network-identity'],
    ]);
  });

  it('matches by protocol identity when the address is unknown and one component fits', () => {
    const obs = new ObservationSet();
    obs.add(
      {
        kind: 'identity',
        ts: 2,
        protocol: 'cip',
        ip: '10.7.7.7',
        vendor: 'Rockwell Automation/Allen-Bradley',
        product: '1756-ENBT/A',
      },
      'cip.log',
    );
    const inv = inventory();
    const plcWithoutIp = { ...inv.dataset.components[0]!, network: { ips: [], macs: [], imeis: [] } };
    const result = correlate(obs, { assets: inv.dataset.assets, components: [plcWithoutIp] });
    expect(result.matches[0]).toMatchObject({ ip: '10.7.7.7', componentId: 'plc-01', method: 'identity' });
  });
});

describe('exposure', () => {
  function scenario() {
    const inv = inventory();
    const obs = new ObservationSet();
    obs.add(flow('10.1.1.164', '203.0.113.50', 443, 5_000_000, 1_700_000_000), 'conn.log');
    obs.add(flow('10.1.1.164', '203.0.113.50', 443, 1_000_000, 1_700_000_600), 'conn.log');
    obs.add(flow('198.51.100.7', '10.1.1.164', 3389, 2_000), 'conn.log');
    obs.add(flow('10.1.5.20', '10.1.1.164', 502, 300), 'conn.log');
    obs.add(flow('10.1.1.200', '100.70.1.1', 1194, 800), 'conn.log');
    obs.add(flow('10.1.2.10', '60.10.1.121', 80, 50), 'conn.log');
    obs.add(
      {
        kind: 'indicator',
        id: 'indicator--1',
        pattern: "[ipv4-addr:value = '60.10.1.0/24']",
        ...observablesInPattern("[ipv4-addr:value = '60.10.1.0/24']"),
      },
      'stix.json',
    );
    const corr = correlate(obs, inv.dataset);
    return assessExposure(obs, corr, inv.dataset, { isCoveredVendor: (n) => /hikvision/i.test(n) });
  }

  it('reports external traffic of an OT asset with where and how much', () => {
    const ext = scenario().findings.find(
      (f) => f.kind === 'external-communication' && f.ip === '10.1.1.164',
    )!;
    expect(ext.assetId).toBe('sts-01');
    expect(ext.severity).toBe('critical');
    expect(ext.evidence[0]).toMatchObject({
      dst: '203.0.113.50',
      dstPort: 443,
      flows: 2,
      bytesOut: 6_000_000,
      first: 1_700_000_000,
      last: 1_700_000_600,
    });
    expect(ext.requirements.map((r) => r.requirement)).toContain('network segmentation');
  });

  it('finds remote access from outside, industrial protocols across zones, modems, indicator contacts and covered vendors', () => {
    const kinds = scenario().findings.map((f) => `${f.ip} ${f.kind} ${f.severity}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        '10.1.1.164 remote-access critical',
        '10.1.1.164 ics-cross-zone high',
        '10.1.1.200 cellular-modem critical',
        '10.1.2.10 stix-indicator critical',
        '10.1.2.10 covered-vendor high',
      ]),
    );
    const stix = scenario().findings.find((f) => f.kind === 'stix-indicator')!;
    expect(stix.requirements.map((r) => r.cite)).toContain('33 CFR 101.650(g)');
  });

  it('explains each asset score by its factors and turns it into a planner multiplier', () => {
    const report = scenario();
    const a = report.assets.find((x) => x.assetId === 'sts-01')!;
    expect(a.score).toBe(
      Math.min(
        100,
        a.factors.reduce((s, f) => s + f.weight, 0),
      ),
    );
    expect(a.score).toBe(100);
    expect(exposureRiskMultiplier(report, 'sts-01')).toBe(2);
    expect(exposureRiskMultiplier(report, 'nothing-seen')).toBe(1);
    expect(exposureRiskMultipliers(report).get('sts-01')).toBe(2);
    expect(report.terminals[0]).toMatchObject({ facilityId: 'term-a', score: 100 });
  });

  it('scores nothing when the evidence shows only internal, in-zone traffic', () => {
    const inv = inventory();
    const obs = new ObservationSet();
    obs.add(flow('10.1.1.20', '10.1.1.164', 502, 300), 'conn.log');
    const report = assessExposure(obs, correlate(obs, inv.dataset), inv.dataset, {
      zones: [{ name: 'crane-control', cidrs: ['10.1.1.0/24'] }],
    });
    expect(report.findings.filter((f) => f.assetId !== undefined)).toEqual([]);
    expect(report.assets).toEqual([]);
  });
});

describe('observation snapshots', () => {
  it('merging stored snapshots gives the same observations as one combined import', () => {
    const a = [flow('10.0.0.1', '8.8.8.8', 53, 10, 5), flow('10.0.0.1', '8.8.8.8', 53, 20, 9)];
    const b = [flow('10.0.0.1', '8.8.8.8', 53, 30, 1), flow('10.0.0.2', '10.0.0.1', 502, 7, 3)];
    const whole = new ObservationSet();
    for (const r of [...a, ...b]) whole.add(r, 'x.log');
    const first = new ObservationSet();
    for (const r of a) first.add(r, 'x.log');
    const second = new ObservationSet();
    for (const r of b) second.add(r, 'x.log');
    const merged = new ObservationSet();
    merged.merge(JSON.parse(JSON.stringify(first.snapshot())));
    merged.merge(JSON.parse(JSON.stringify(second.snapshot())));
    const sortFlows = (s: ObservationSet) =>
      s
        .snapshot()
        .flows.slice()
        .sort((x, y) => x.src.localeCompare(y.src) || x.dst.localeCompare(y.dst));
    expect(sortFlows(merged)).toEqual(sortFlows(whole));
    expect(merged.snapshot().flows.find((f) => f.dst === '8.8.8.8')).toMatchObject({
      count: 3,
      bytesOut: 60,
      first: 1,
      last: 9,
    });
    expect([...merged.devices.keys()].sort()).toEqual([...whole.devices.keys()].sort());
  });
});

describe('conversation index', () => {
  it('aggregates repeated conversations exactly, across table growth and in any order', () => {
    const obs = new ObservationSet();
    const rows: FlowRecord[] = [];
    for (let i = 0; i < 3000; i++) {
      const f = flow(
        `10.${i % 7}.${i % 250}.${1 + (i % 200)}`,
        i % 3 === 0 ? `192.168.${i % 9}.1` : '203.0.113.9',
        [502, 443, 22][i % 3]!,
        i,
        i,
      );
      rows.push(f, { ...f, ts: i + 0.5, bytesOut: 1 }, { ...f, dstPort: 99999, ts: i });
    }
    for (const r of rows.reverse()) obs.add(r, 'x.log');
    const byKey = new Map<string, { count: number; bytesOut: number }>();
    for (const r of rows) {
      const k = `${r.src}>${r.dst}:${r.dstPort}/${r.transport}`;
      const e = byKey.get(k) ?? { count: 0, bytesOut: 0 };
      e.count++;
      e.bytesOut += r.bytesOut;
      byKey.set(k, e);
    }
    expect(obs.flows.size).toBe(byKey.size);
    for (const [k, e] of byKey) expect(obs.flows.get(k), k).toMatchObject(e);
  });
});
