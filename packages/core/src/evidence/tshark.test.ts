import { describe, expect, it } from 'vitest';
import { TsharkFlowBuilder, tsharkFields } from './tshark.js';

/** One tshark field line: the named fields set, every other field empty. */
const line = (set: Partial<Record<(typeof tsharkFields)[number], string>>) =>
  tsharkFields.map((f) => set[f] ?? '').join('\t');
const udp = (src: string, dst: string, sport: string, dport: string) => ({
  'frame.time_epoch': '100.5',
  'ip.src': src,
  'ip.dst': dst,
  'ip.proto': '17',
  'udp.srcport': sport,
  'udp.dstport': dport,
  'frame.len': '80',
});

describe('host names from tshark fields', () => {
  it('one name per DNS transaction, with the answer section’s addresses only', () => {
    const b = new TsharkFlowBuilder('c.pcap');
    b.push(
      line({
        ...udp('10.1.1.10', '10.1.0.53', '5353', '53'),
        'dns.id': '0x1',
        'dns.flags.response': '0',
        'dns.qry.name': 'Evil-C2.example',
      }),
    );
    b.push(
      line({
        ...udp('10.1.0.53', '10.1.1.10', '53', '5353'),
        'dns.id': '0x1',
        'dns.flags.response': '1',
        'dns.qry.name': 'evil-c2.example',
        'dns.count.answers': '2',
        'dns.resp.type': '5,1,2,1',
        'dns.a': '203.0.113.9,198.51.100.53',
      }),
    );
    const names = b.finish().records.filter((r) => r.kind === 'name');
    expect(names).toEqual([
      {
        kind: 'name',
        ts: 100.5,
        via: 'dns',
        client: '10.1.1.10',
        server: '10.1.0.53',
        serverPort: 53,
        name: 'evil-c2.example',
        addresses: ['203.0.113.9'],
      },
    ]);
  });

  it('a TLS ClientHello’s server name and an HTTP Host are names the client asked for', () => {
    const b = new TsharkFlowBuilder('c.pcap');
    const tcp = {
      'frame.time_epoch': '7',
      'ip.src': '10.1.1.10',
      'ip.dst': '203.0.113.9',
      'ip.proto': '6',
      'tcp.srcport': '40000',
      'frame.len': '300',
    };
    b.push(
      line({ ...tcp, 'tcp.dstport': '443', 'tls.handshake.extensions_server_name': 'cdn.evil-c2.example' }),
    );
    b.push(line({ ...tcp, 'tcp.dstport': '80', 'http.host': 'evil-c2.example:8080' }));
    const out = b.finish();
    expect(
      out.records
        .filter((r) => r.kind === 'name')
        .map((r) => r.kind === 'name' && [r.via, r.name, r.serverPort]),
    ).toEqual([
      ['tls', 'cdn.evil-c2.example', 443],
      ['http', 'evil-c2.example', 80],
    ]);
    expect(out.meta).toMatchObject({ flows: 2, names: 2 });
  });
});
