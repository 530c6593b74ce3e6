import { describe, expect, it } from 'vitest';
import { correlate } from './correlate.js';
import { assessExposure } from './exposure.js';
import { ObservationSet } from './observations.js';
import type { FlowRecord } from './types.js';
import { parseZones, type NetworkZone } from './zones.js';

const modbus = (src: string, dst: string): FlowRecord => ({
  kind: 'flow',
  ts: 1,
  src,
  srcPort: 40000,
  dst,
  dstPort: 502,
  transport: 'tcp',
  bytesOut: 100,
  bytesIn: 100,
  packets: 4,
});

function crossings(flows: readonly FlowRecord[], zones?: readonly NetworkZone[]) {
  const obs = new ObservationSet();
  for (const f of flows) obs.add(f, 'conn.log');
  const ds = { assets: [], components: [] };
  return assessExposure(obs, correlate(obs, ds), ds, zones === undefined ? {} : { zones })
    .findings.filter((f) => f.kind === 'ics-cross-zone')
    .map((f) => [f.ip, f.severity, f.weight]);
}

const zones: NetworkZone[] = [
  { name: 'crane-control', kind: 'ot', cidrs: ['10.40.1.0/24', '10.40.2.0/24'] },
  { name: 'yard-ot', kind: 'ot', cidrs: ['10.41.0.0/16'] },
  { name: 'office', kind: 'it', cidrs: ['192.168.0.0/16'] },
  { name: 'vendor', kind: 'external', cidrs: ['10.250.0.0/16'] },
];

describe('the zone-boundary rule with declared zones', () => {
  it('without zones each /24 is a zone: a PLC polled from the next /24 is a crossing', () => {
    expect(crossings([modbus('10.40.2.5', '10.40.1.10')])).toEqual([['10.40.1.10', 'high', 15]]);
  });

  it('inside one declared zone nothing crosses, even across /24s', () => {
    expect(crossings([modbus('10.40.2.5', '10.40.1.10')], zones)).toEqual([]);
  });

  it('weighs a crossing by the zone it comes from: OT medium, IT high, external or Internet critical', () => {
    expect(crossings([modbus('10.41.3.3', '10.40.1.10')], zones)).toEqual([['10.40.1.10', 'medium', 10]]);
    expect(crossings([modbus('192.168.7.7', '10.40.1.10')], zones)).toEqual([['10.40.1.10', 'high', 15]]);
    expect(crossings([modbus('10.250.0.9', '10.40.1.10')], zones)).toEqual([['10.40.1.10', 'critical', 30]]);
    expect(crossings([modbus('203.0.113.5', '10.40.1.10')], zones)).toEqual([['10.40.1.10', 'critical', 30]]);
    // The worst source decides.
    expect(crossings([modbus('10.41.3.3', '10.40.1.10'), modbus('10.250.0.9', '10.40.1.10')], zones)).toEqual(
      [['10.40.1.10', 'critical', 30]],
    );
  });
});

describe('parseZones', () => {
  it('reads names, kinds, CIDRs and an optional facility', () => {
    expect(
      parseZones(
        [{ name: 'crane-control', kind: 'ot', cidrs: ['10.40.1.0/24'], facility: 'fac-a' }],
        'z.json',
      ),
    ).toEqual({
      ok: true,
      zones: [{ name: 'crane-control', kind: 'ot', cidrs: ['10.40.1.0/24'], facilityId: 'fac-a' }],
    });
  });

  it('reports every bad entry at once with its place', () => {
    const r = parseZones(
      [
        { name: '', kind: 'ot', cidrs: ['10.0.0.0/8'] },
        { name: 'a', kind: 'scada', cidrs: ['10.0.0.0/33'] },
        { name: 'a', kind: 'it', cidrs: [] },
        { name: 'b', cidrs: ['10.1.0.0/16'] },
      ],
      'zones.json',
      { requireKind: true },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join('/')])).toEqual([
      ['zones.name', 'zones.json/0/name'],
      ['zones.kind', 'zones.json/1/kind'],
      ['zones.cidr', 'zones.json/1/cidrs/0'],
      ['zones.duplicate', 'zones.json/2/name'],
      ['zones.cidrs', 'zones.json/2/cidrs'],
      ['zones.kind', 'zones.json/3/kind'],
    ]);
    expect(r.issues[1]!.message).toBe('"scada" is not a zone kind: expected one of ot, it, dmz, external');
    expect(parseZones({}, 'zones.json')).toMatchObject({ ok: false });
  });
});
