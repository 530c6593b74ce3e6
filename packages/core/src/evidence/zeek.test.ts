import { describe, expect, it } from 'vitest';
import { ZeekLogReader, parseZeekLog, zeekPathFromFileName } from './zeek.js';

const tsv = (rows: string[], fields: string[], types?: string[]) =>
  [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    `#fields\t${fields.join('\t')}`,
    `#types\t${(types ?? fields.map(() => 'string')).join('\t')}`,
    ...rows,
    '#close\t2024-01-01-00-00-00',
  ].join('\n');

const connFields = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'orig_pkts',
  'resp_pkts',
];

describe('Zeek logs', () => {
  it('maps conn rows to flows, honouring unset and empty fields', () => {
    const out = parseZeekLog(
      tsv(
        ['1521911720.5\tC1\t10.0.0.5\t49152\t52.1.2.3\t443\ttcp\t-\t1.5\t1200\t(empty)\t10\t8'],
        connFields,
      ),
      'conn.log',
    );
    expect(out.issues).toEqual([]);
    expect(out.records).toEqual([
      {
        kind: 'flow',
        ts: 1521911720.5,
        src: '10.0.0.5',
        srcPort: 49152,
        dst: '52.1.2.3',
        dstPort: 443,
        transport: 'tcp',
        durationS: 1.5,
        bytesOut: 1200,
        bytesIn: 0,
        packets: 18,
      },
    ]);
  });

  it('reads JSON lines with ISO times and infers the log from its fields', () => {
    const line = JSON.stringify({
      ts: '2018-03-24T17:15:20.5Z',
      host: '10.47.3.200',
      port_num: 80,
      port_proto: 'tcp',
      service: ['HTTP'],
    });
    const out = parseZeekLog(line, 'x.json');
    expect(out.meta?.['log']).toBe('known_services');
    expect(out.records[0]).toMatchObject({
      kind: 'host',
      ts: 1521911720.5,
      ips: ['10.47.3.200'],
      services: [{ port: 80, transport: 'tcp', name: 'HTTP' }],
    });
  });

  it('gives the same records line by line as on the whole text', () => {
    const text = tsv(
      Array.from(
        { length: 50 },
        (_, i) =>
          `${1e9 + i}\tC${i}\t10.0.0.${i}\t${1000 + i}\t10.0.1.1\t502\ttcp\tmodbus\t0.1\t${i}\t${2 * i}\t1\t1`,
      ),
      connFields,
    );
    const reader = new ZeekLogReader('conn.log');
    const streamed = text
      .split('\n')
      .map((l) => reader.push(l))
      .filter((r) => r !== null);
    expect(streamed).toEqual(parseZeekLog(text, 'conn.log').records);
    expect(streamed).toHaveLength(50);
  });

  it('reports rows whose field count disagrees with the header, naming the line', () => {
    const out = parseZeekLog(tsv(['1\tC1\t10.0.0.1'], connFields), 'conn.log');
    expect(out.records).toEqual([]);
    expect(out.issues[0]).toMatchObject({ code: 'zeek.field_count', path: ['conn.log', 'line 8'] });
  });

  it('refuses headerless data unless the log is named', () => {
    const row =
      'X\tC\t10.1.1.167\t5262\t10.1.1.164\t44818\tF\t10.1.1.164\t44818\t10.1.1.167\t5262\t1\t10.1.1.164\t44818\t1\tRockwell Automation/Allen-Bradley\t12\tCommunications Adapter\t58\t4.3\t0x0030\t0x00524d8e\t1756-ENBT/A\t0x0003';
    expect(parseZeekLog(row, 'unknown.log').refused).toBe(true);
    const named = parseZeekLog(row, 'cip_identity.log', zeekPathFromFileName('cip_identity.log'));
    expect(named.records[0]).toMatchObject({
      kind: 'identity',
      protocol: 'cip',
      ip: '10.1.1.164',
      vendor: 'Rockwell Automation/Allen-Bradley',
      product: '1756-ENBT/A',
    });
  });

  it('finds the log name in file names', () => {
    expect(zeekPathFromFileName('zed-sample-data__known_hosts.log.gz')).toBe('known_hosts');
    expect(zeekPathFromFileName('icsnpp-s7comm-s7ident__s7comm_known_devices.log')).toBe(
      's7comm_known_devices',
    );
    expect(zeekPathFromFileName('conn.log')).toBe('conn');
    expect(zeekPathFromFileName('notes.txt')).toBeUndefined();
  });
});
