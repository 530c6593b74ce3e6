import { describe, expect, it } from 'vitest';
import { aComponent, aCrane, aTerminal } from '../testing/index.js';
import { correlate } from './correlate.js';
import { assessExposure } from './exposure.js';
import { ObservationSet } from './observations.js';
import { observablesInPattern } from './stix.js';
import type { EvidenceRecord } from './types.js';
import { hostName, inferZeekPath, parseZeekLog } from './zeek.js';

const indicator = (id: string, pattern: string): EvidenceRecord => ({
  kind: 'indicator',
  id,
  pattern,
  ...observablesInPattern(pattern),
});

function inventory() {
  const t = aTerminal({ id: 'term-a' as never });
  const crane = aCrane(t.id, { id: 'sts-01' as never });
  const plc = aComponent(crane.id, {
    id: 'plc-01' as never,
    kind: 'plc',
    makerName: 'Siemens',
    network: { ips: ['10.1.1.10'], macs: [], imeis: [] },
  });
  return { assets: [crane], components: [plc] };
}

function assess(records: readonly EvidenceRecord[]) {
  const obs = new ObservationSet();
  for (const r of records) obs.add(r, 'evidence');
  const dataset = inventory();
  // Through a snapshot, as the store keeps it.
  const stored = new ObservationSet();
  stored.merge(obs.snapshot());
  return assessExposure(stored, correlate(stored, dataset), dataset).findings.filter(
    (f) => f.kind === 'stix-domain',
  );
}

const c2 = indicator(
  'indicator--c2',
  "[domain-name:value = 'evil-c2.example'] OR [ipv4-addr:value = '198.51.100.1']",
);

describe('indicator domains', () => {
  it('a DNS lookup of a subdomain is a high finding with the name, the indicator and the times', () => {
    const [f, ...rest] = assess([
      c2,
      {
        kind: 'name',
        ts: 100,
        via: 'dns',
        client: '10.1.1.10',
        server: '10.1.0.53',
        serverPort: 53,
        name: 'beacon.evil-c2.example',
        addresses: ['203.0.113.9'],
      },
      {
        kind: 'name',
        ts: 160,
        via: 'dns',
        client: '10.1.1.10',
        server: '10.1.0.53',
        serverPort: 53,
        name: 'beacon.evil-c2.example',
        addresses: [],
      },
    ]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ip: '10.1.1.10', assetId: 'sts-01', severity: 'high', weight: 30 });
    expect(f!.names).toEqual([
      {
        name: 'beacon.evil-c2.example',
        domain: 'evil-c2.example',
        indicator: 'indicator--c2',
        via: 'dns',
        count: 2,
        first: 100,
        last: 160,
      },
    ]);
    expect(f!.requirements.map((r) => r.cite)).toContain('33 CFR 101.650(g)');
  });

  it('a flow to an address the name resolved to, or a TLS SNI, is a connection: critical, 40', () => {
    const findings = assess([
      c2,
      {
        kind: 'name',
        ts: 100,
        via: 'dns',
        client: '10.1.1.10',
        server: '10.1.0.53',
        serverPort: 53,
        name: 'evil-c2.example',
        addresses: ['203.0.113.9'],
      },
      {
        kind: 'flow',
        ts: 101,
        src: '10.1.1.10',
        srcPort: 50000,
        dst: '203.0.113.9',
        dstPort: 443,
        transport: 'tcp',
        bytesOut: 900,
        bytesIn: 4000,
        packets: 9,
      },
      {
        kind: 'name',
        ts: 200,
        via: 'tls',
        client: '10.1.1.20',
        server: '203.0.113.10',
        serverPort: 443,
        name: 'cdn.evil-c2.example',
        addresses: [],
      },
    ]);
    expect(findings.map((f) => [f.ip, f.severity, f.weight])).toEqual([
      ['10.1.1.10', 'critical', 40],
      ['10.1.1.20', 'critical', 40],
    ]);
    expect(findings[0]!.evidence[0]).toMatchObject({ dst: '203.0.113.9', dstPort: 443, flows: 1 });
    expect(findings[0]!.names?.map((n) => n.via)).toEqual(['dns', 'peer']);
  });

  it('an Nmap host name of a peer names it; a name that only ends in the same letters does not match', () => {
    const host = (ip: string, name: string): EvidenceRecord => ({
      kind: 'host',
      ts: 1,
      ips: [ip],
      macs: [],
      hostnames: [name],
      status: 'up',
      services: [],
      os: [],
      software: [],
    });
    const flow = (dst: string): EvidenceRecord => ({
      kind: 'flow',
      ts: 5,
      src: '10.1.1.10',
      srcPort: 40000,
      dst,
      dstPort: 8443,
      transport: 'tcp',
      bytesOut: 10,
      bytesIn: 10,
      packets: 2,
    });
    const findings = assess([
      c2,
      host('203.0.113.77', 'Relay.Evil-C2.example'),
      host('203.0.113.78', 'notevil-c2.example'),
      flow('203.0.113.77'),
      flow('203.0.113.78'),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.names).toEqual([
      expect.objectContaining({ name: 'relay.evil-c2.example', via: 'peer', count: 1 }),
    ]);
  });

  it('no finding without indicator domains', () => {
    expect(
      assess([
        {
          kind: 'name',
          ts: 1,
          via: 'http',
          client: '10.1.1.10',
          server: '203.0.113.9',
          serverPort: 80,
          name: 'evil-c2.example',
          addresses: [],
        },
      ]),
    ).toEqual([]);
  });
});

describe('host names from Zeek dns, http and ssl logs', () => {
  it('normalises names and refuses addresses', () => {
    expect(hostName('Example.COM.')).toBe('example.com');
    expect(hostName('example.com:8080')).toBe('example.com');
    expect(hostName('10.0.0.1')).toBeUndefined();
    expect(hostName('[2001:db8::1]:443')).toBeUndefined();
    expect(hostName('bad name')).toBeUndefined();
  });

  it('knows the logs by their fields', () => {
    expect(inferZeekPath(['ts', 'uid', 'id.orig_h', 'query', 'qtype_name', 'answers'])).toBe('dns');
    expect(inferZeekPath(['ts', 'uid', 'id.orig_h', 'method', 'host', 'uri'])).toBe('http');
    expect(inferZeekPath(['ts', 'uid', 'id.orig_h', 'version', 'cipher', 'server_name'])).toBe('ssl');
  });

  it('reads a JSON dns row with its answers, keeping only addresses', () => {
    const out = parseZeekLog(
      JSON.stringify({
        _path: 'dns',
        ts: 1.5,
        'id.orig_h': '10.1.1.10',
        'id.orig_p': 5353,
        'id.resp_h': '10.1.0.53',
        'id.resp_p': 53,
        query: 'Evil-C2.example',
        answers: ['alias.example', '203.0.113.9', '2001:db8::9'],
      }),
    );
    expect(out.records).toEqual([
      {
        kind: 'name',
        ts: 1.5,
        via: 'dns',
        client: '10.1.1.10',
        server: '10.1.0.53',
        serverPort: 53,
        name: 'evil-c2.example',
        addresses: ['203.0.113.9', '2001:db8::9'],
      },
    ]);
  });
});
