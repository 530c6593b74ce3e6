import { issue, type Issue } from '../shared/issue.js';
import { canonicalIp } from './ip.js';
import type { FlowRecord, Transport } from './types.js';

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
    const [time, ip4s, ip4d, ip6s, ip6d, proto4, proto6, tsp, tdp, usp, udp, len] = f as [
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

  finish(): { records: FlowRecord[]; issues: Issue[]; meta: Record<string, unknown> } {
    const records: FlowRecord[] = [...this.flows.values()]
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
    return {
      records,
      issues: this.issues,
      meta: { packets: this.lineNo, nonIpPackets: this.skipped, flows: records.length },
    };
  }
}
