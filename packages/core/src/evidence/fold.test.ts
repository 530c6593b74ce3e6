import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObservationSet } from './observations.js';
import { ZeekLogReader } from './zeek.js';

const header = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\torig_pkts\tresp_pkts',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tcount\tcount',
];

// Values chosen to reach every branch of the fast path and its fallbacks.
const addresses = [
  '10.0.0.1',
  '10.0.0.2',
  '203.0.113.9',
  '255.255.255.255',
  'fe80::1',
  '2001:DB8::5',
  '-',
  'x',
];
const ports = ['502', '44818', '0', '65535', '65536', '-', '(empty)', '', '502.0', '502.5', '1e3', '0x10'];
const times = [
  '1764115200.123456',
  '1764115200',
  '1764115201.5',
  '1.',
  '.5',
  '-',
  '(empty)',
  'XXXXXXXXXX.XXXXXX',
  '2024-01-01T00:00:00Z',
  '123456789012345678901.5',
];
const counts = ['0', '1200', '-', '(empty)', '', '12.5', '1e2', '99999999999999999999'];
const protos = ['tcp', 'udp', 'icmp', 'sctp', '-', 'TCP'];

const rowOf = (pool: { addresses: string[]; ports: string[]; protos: string[] }) =>
  fc
    .record({
      ts: fc.constantFrom(...times),
      src: fc.constantFrom(...pool.addresses),
      dst: fc.constantFrom(...pool.addresses),
      sp: fc.constantFrom(...ports),
      dp: fc.constantFrom(...pool.ports),
      proto: fc.constantFrom(...pool.protos),
      service: fc.constantFrom('modbus', '-', '(empty)'),
      ob: fc.constantFrom(...counts),
      rb: fc.constantFrom(...counts),
      fields: fc.constantFrom(13, 13, 13, 13, 12, 14),
    })
    .map((r) =>
      [r.ts, 'C1', r.src, r.sp, r.dst, r.dp, r.proto, r.service, '1.5', r.ob, r.rb, '3', '4']
        .concat(['extra'])
        .slice(0, r.fields)
        .join('\t'),
    );
const wide = rowOf({ addresses, ports, protos });
// Few keys, so that rows often meet an earlier conversation (or one whose key a wrong fast path would collide with).
const narrow = rowOf({
  addresses: ['10.0.0.1', '10.0.0.2'],
  ports: ['502', '65536', '-', '502.0'],
  protos: ['tcp'],
});

function viaRecords(text: string): {
  obs: ObservationSet;
  done: ReturnType<ZeekLogReader['finish']>;
  n: number;
} {
  const reader = new ZeekLogReader('conn.log');
  const obs = new ObservationSet();
  const n = reader.pushText(text, (r) => obs.add(r, 'conn.log'));
  return { obs, done: reader.finish(), n };
}

function folded(text: string): { obs: ObservationSet; done: ReturnType<ZeekLogReader['finish']>; n: number } {
  const reader = new ZeekLogReader('conn.log');
  const obs = new ObservationSet();
  const n = reader.foldText(text, obs, 'conn.log');
  return { obs, done: reader.finish(), n };
}

describe('conn.log fold fast path', () => {
  it('folds to the same observations, issues and metadata as building every record', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(wide, narrow), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (rows, crlf) => {
          const text = [...header, ...rows, '#close\t2026-11-26-23-59-59'].join(crlf ? '\r\n' : '\n');
          const a = viaRecords(text);
          const b = folded(text);
          expect(b.n).toBe(a.n);
          expect(b.obs.snapshot()).toEqual(a.obs.snapshot());
          expect(b.done).toEqual(a.done);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts repeated conversations without new summaries and keeps first/last exact', () => {
    const rows = [
      '1764115200.5\tC1\t10.0.0.1\t4000\t10.0.0.2\t502\ttcp\tmodbus\t1\t10\t20\t1\t1',
      '1764115100.25\tC2\t10.0.0.1\t4001\t10.0.0.2\t502\ttcp\t-\t1\t5\t-\t1\t1',
      '1764115300\tC3\t10.0.0.1\t4002\t10.0.0.2\t502\ttcp\t-\t1\t1\t2\t1\t1',
      '1764115300\tC4\t10.0.0.1\t4002\t10.0.0.2\t502\tudp\t-\t1\t1\t2\t1\t1',
    ];
    const { obs, n } = folded([...header, ...rows].join('\n'));
    expect(n).toBe(4);
    expect(obs.rows).toBe(4);
    expect(obs.snapshot().flows).toEqual([
      {
        src: '10.0.0.1',
        dst: '10.0.0.2',
        dstPort: 502,
        transport: 'tcp',
        count: 3,
        bytesOut: 16,
        bytesIn: 22,
        first: 1764115100.25,
        last: 1764115300,
      },
      {
        src: '10.0.0.1',
        dst: '10.0.0.2',
        dstPort: 502,
        transport: 'udp',
        count: 1,
        bytesOut: 1,
        bytesIn: 2,
        first: 1764115300,
        last: 1764115300,
      },
    ]);
    expect(obs.devices.get('10.0.0.2')?.protocols).toEqual(new Set(['modbus']));
  });

  it('reads decimal times exactly as Number() does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 1, max: 6 }),
        (s, frac, digits) => {
          const ts = `${s}.${String(frac).padStart(6, '0').slice(0, digits)}`;
          const line = `${ts}\tC1\t10.0.0.1\t1\t10.0.0.2\t502\ttcp\t-\t1\t1\t1\t1\t1`;
          const { obs } = folded([...header, line].join('\n'));
          expect(obs.snapshot().flows[0]?.first).toBe(Number(ts));
        },
      ),
      { numRuns: 500 },
    );
  });
});
