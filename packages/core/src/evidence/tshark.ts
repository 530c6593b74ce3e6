import { issue, type Issue } from '../shared/issue.js';
import { canonicalIp } from './ip.js';
import type { FlowRecord, NameRecord, Transport } from './types.js';
import { hostName } from './zeek.js';

/** Fields requested from `tshark -T fields`, in this order; the backend passes them as `-e` arguments. */
export const tsharkFields = [
  'frame.time_epoch',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'ip.proto',
  'ipv6.nxt',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
  'frame.len',
  'dns.id',
  'dns.flags.response',
  'dns.qry.name',
  'dns.a',
  'dns.aaaa',
  'tls.handshake.extensions_server_name',
  'http.host',
  'dns.count.answers',
  'dns.resp.type',
] as const;

interface Acc {
  ts: number;
  src: string;
  dst: string;
  srcPort: number | null;
  dstPort: number | null;
  transport: Transport;
  bytesOut: number;
  bytesIn: number;
  packets: number;
  last: number;
}

const transportOf = (proto: string): Transport =>
  proto === '6' ? 'tcp' : proto === '17' ? 'udp' : proto === '1' || proto === '58' ? 'icmp' : 'other';
const port = (s: string | undefined): number | null =>
  s === undefined || s === '' ? null : Number(s.split(',')[0]);

/**
 * Turns tshark's per-packet field lines into flows (one per 5-tuple, the first packet's sender is the originator).
 * Bytes are frame lengths, not payload bytes as in Zeek; the design note says so.
 */
export class TsharkFlowBuilder {
  private readonly flows = new Map<string, Acc>();
  // Host names asked for: one per DNS transaction (query and answer merged), TLS ClientHello or HTTP request.
  private readonly names = new Map<string, { -readonly [K in keyof NameRecord]: NameRecord[K] }>();
  private readonly issues: Issue[] = [];
  private lineNo = 0;
  private skipped = 0;

  constructor(private readonly file = 'capture.pcap') {}

  push(line: string): void {
    this.lineNo++;
    if (line === '') return;
    const f = line.split('\t');
    if (f.length < tsharkFields.length) {
      if (this.issues.length < 20)
        this.issues.push(
          issue(
            'pcap.bad_line',
            [this.file, `packet ${this.lineNo}`],
            `tshark line has ${f.length} fields, expected ${tsharkFields.length}`,
          ),
        );
      return;
    }
    const [time, ip4s, ip4d, ip6s, ip6d, proto4, proto6, tsp, tdp, usp, udp, len, ...app] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    // Tunnelled packets list several comma-separated addresses; the outermost is first.
    const src = (ip4s || ip6s).split(',')[0] ?? '';
    const dst = (ip4d || ip6d).split(',')[0] ?? '';
    if (src === '' || dst === '') {
      this.skipped++;
      return;
    }
    const transport = transportOf((proto4 || proto6).split(',')[0] ?? '');
    const sp = transport === 'tcp' ? port(tsp) : transport === 'udp' ? port(usp) : null;
    const dp = transport === 'tcp' ? port(tdp) : transport === 'udp' ? port(udp) : null;
    const ts = Number(time);
    const bytes = Number(len) || 0;
    const a = canonicalIp(src);
    const b = canonicalIp(dst);
    const fwd = `${a}|${sp}|${b}|${dp}|${transport}`;
    const rev = `${b}|${dp}|${a}|${sp}|${transport}`;
    this.name(app, ts, a, b, dp, sp);
    const existing = this.flows.get(fwd) ?? this.flows.get(rev);
    if (existing === undefined) {
      this.flows.set(fwd, {
        ts,
        src: a,
        dst: b,
        srcPort: sp,
        dstPort: dp,
        transport,
        bytesOut: bytes,
        bytesIn: 0,
        packets: 1,
        last: ts,
      });
      return;
    }
    if (existing.src === a && existing.srcPort === sp) existing.bytesOut += bytes;
    else existing.bytesIn += bytes;
    existing.packets++;
    existing.last = Math.max(existing.last, ts);
  }

  private name(
    app: readonly string[],
    ts: number,
    src: string,
    dst: string,
    dstPort: number | null,
    srcPort: number | null,
  ): void {
    const [
      dnsId = '',
      response = '',
      qname = '',
      a4 = '',
      a6 = '',
      sni = '',
      host = '',
      answers = '',
      types = '',
    ] = app;
    const list = (s: string) => (s === '' ? [] : s.split(','));
    if (qname !== '') {
      const answer = response === '1' || response === 'True';
      const name = hostName(list(qname)[0] ?? '');
      if (name === undefined) return;
      const [client, server, serverPort] = answer ? [dst, src, srcPort] : [src, dst, dstPort];
      const key = `dns|${client}|${server}|${dnsId}|${name}`;
      const r = this.names.get(key) ?? {
        kind: 'name' as const,
        ts,
        via: 'dns' as const,
        client,
        server,
        serverPort,
        name,
        addresses: [],
      };
      if (answer) {
        // dns.a and dns.aaaa list every A/AAAA record, additional section included: keep the answer section's.
        const inAnswer = list(types).slice(0, Number(answers) || 0);
        const v4 = list(a4).slice(0, inAnswer.filter((t) => t === '1').length);
        const v6 = list(a6).slice(0, inAnswer.filter((t) => t === '28').length);
        r.addresses = [...new Set([...r.addresses, ...[...v4, ...v6].map(canonicalIp)])];
      }
      this.names.set(key, r);
      return;
    }
    const via = sni !== '' ? 'tls' : host !== '' ? 'http' : undefined;
    const name = via === undefined ? undefined : hostName(list(sni || host)[0] ?? '');
    if (via === undefined || name === undefined) return;
    const key = `${via}|${src}|${dst}|${dstPort}|${name}|${ts}`;
    this.names.set(key, {
      kind: 'name',
      ts,
      via,
      client: src,
      server: dst,
      serverPort: dstPort,
      name,
      addresses: [],
    });
  }

  finish(): { records: (FlowRecord | NameRecord)[]; issues: Issue[]; meta: Record<string, unknown> } {
    const flows: FlowRecord[] = [...this.flows.values()]
      .sort((x, y) => x.ts - y.ts || x.src.localeCompare(y.src) || (x.dstPort ?? 0) - (y.dstPort ?? 0))
      .map((a) => ({
        kind: 'flow',
        ts: a.ts,
        src: a.src,
        srcPort: a.srcPort,
        dst: a.dst,
        dstPort: a.dstPort,
        transport: a.transport,
        durationS: Math.round((a.last - a.ts) * 1e6) / 1e6,
        bytesOut: a.bytesOut,
        bytesIn: a.bytesIn,
        packets: a.packets,
      }));
    const names = [...this.names.values()].sort(
      (x, y) => (x.ts ?? 0) - (y.ts ?? 0) || x.name.localeCompare(y.name),
    );
    return {
      records: [...flows, ...names],
      issues: this.issues,
      meta: {
        packets: this.lineNo,
        nonIpPackets: this.skipped,
        flows: flows.length,
        ...(names.length > 0 ? { names: names.length } : {}),
      },
    };
  }
}
