import { issue, type Issue } from '../shared/issue.js';
import { canonicalIp, ipv4ToIntAt, isIp, normaliseMac } from './ip.js';
import { optional } from './nmap.js';
import type { ObservationSet } from './observations.js';
import type {
  EvidenceRecord,
  FlowRecord,
  HostRecord,
  IdentityRecord,
  NameRecord,
  ParseOutput,
  SessionRecord,
  Transport,
} from './types.js';

/** The Zeek logs PortGuard maps to evidence records; other logs with connection ids become sessions. */
export const knownZeekPaths = [
  'conn',
  'cip_identity',
  's7comm_known_devices',
  'bacnet_discovery',
  'modbus',
  'known_hosts',
  'known_services',
  'software',
  'dhcp',
  'dnp3',
  'snmp',
  'weird',
  'dns',
  'http',
  'ssl',
] as const;

/** Field lists for logs written without a `#fields` header (e.g. BTest baselines), used only when the caller names the log. */
const defaultFields: Readonly<Record<string, readonly string[]>> = {
  cip_identity: [
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'is_orig',
    'source_h',
    'source_p',
    'destination_h',
    'destination_p',
    'encapsulation_version',
    'socket_address',
    'socket_port',
    'vendor_id',
    'vendor_name',
    'device_type_id',
    'device_type_name',
    'product_code',
    'revision',
    'device_status',
    'serial_number',
    'product_name',
    'device_state',
  ],
  modbus: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'func', 'exception'],
};

/** Guesses the log from its field names when neither `#path` nor `_path` says. */
export function inferZeekPath(fields: readonly string[]): string | undefined {
  const f = new Set(fields);
  if (f.has('conn_state') || (f.has('proto') && f.has('orig_bytes'))) return 'conn';
  if (f.has('query') && (f.has('qtype_name') || f.has('answers'))) return 'dns';
  if (f.has('host') && f.has('method') && f.has('uri')) return 'http';
  if (f.has('server_name') && (f.has('cipher') || f.has('version'))) return 'ssl';
  if (f.has('vendor_name') && f.has('product_name')) return 'cip_identity';
  if (f.has('module_name') && f.has('automation_system_name')) return 's7comm_known_devices';
  if (f.has('pdu_service') && f.has('object_name')) return 'bacnet_discovery';
  if (f.has('host') && f.has('port_num')) return 'known_services';
  if (f.has('host') && f.has('software_type')) return 'software';
  if (f.has('mac') && (f.has('assigned_ip') || f.has('assigned_addr'))) return 'dhcp';
  if (f.has('fc_request') && f.has('fc_reply')) return 'dnp3';
  if (f.has('func') && f.has('id.resp_p') && (f.has('exception') || f.has('unit') || f.has('tid')))
    return 'modbus';
  if (f.has('community') && f.has('get_requests')) return 'snmp';
  if (f.has('name') && f.has('addl') && f.has('notice')) return 'weird';
  if (f.has('host') && fields.length <= 3) return 'known_hosts';
  return undefined;
}

type Get = (field: string) => string | undefined;

interface ConnColumns {
  readonly ts: number;
  readonly src: number;
  readonly sp: number;
  readonly dst: number;
  readonly dp: number;
  readonly proto: number;
  readonly service: number;
  readonly duration: number;
  readonly ob: number;
  readonly rb: number;
  readonly op: number;
  readonly rp: number;
}

const num = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** Epoch seconds from Zeek's `time` (epoch float) or ISO-8601 (JSON writers with `use_json_iso_dates`). */
export function zeekTime(s: string | undefined): number | null {
  if (s === undefined) return null;
  const n = +s;
  if (n === n && s !== '' && s.charCodeAt(0) > 32 && n !== Infinity && n !== -Infinity) return n;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t / 1000 : null;
}

const transport = (s: string | undefined): Transport =>
  s === 'tcp' || s === 'udp' || s === 'icmp' ? s : 'other';
const ip = (s: string | undefined): string | undefined =>
  s !== undefined && isIp(s) ? canonicalIp(s) : undefined;

function mapRow(path: string, get: Get, setSep: string): EvidenceRecord | string | null {
  const ts = zeekTime(get('ts'));
  const orig = ip(get('id.orig_h'));
  const resp = ip(get('id.resp_h'));
  switch (path) {
    case 'conn': {
      if (orig === undefined || resp === undefined) return 'conn row without id.orig_h/id.resp_h addresses';
      const service = get('service');
      const duration = num(get('duration'));
      const flow: FlowRecord = {
        kind: 'flow',
        ts,
        src: orig,
        srcPort: num(get('id.orig_p')),
        dst: resp,
        dstPort: num(get('id.resp_p')),
        transport: transport(get('proto')),
        ...optional('service', service),
        ...optional('durationS', duration ?? undefined),
        bytesOut: num(get('orig_bytes')) ?? 0,
        bytesIn: num(get('resp_bytes')) ?? 0,
        packets: (num(get('orig_pkts')) ?? 0) + (num(get('resp_pkts')) ?? 0),
      };
      return flow;
    }
    case 'cip_identity': {
      const socket = ip(get('socket_address'));
      const device = socket !== undefined && socket !== '0.0.0.0' ? socket : (ip(get('source_h')) ?? resp);
      if (device === undefined) return 'cip_identity row without a device address';
      const r: IdentityRecord = {
        kind: 'identity',
        ts,
        protocol: 'cip',
        ip: device,
        ...optional('vendor', get('vendor_name')),
        ...optional('product', get('product_name')),
        ...optional('deviceType', get('device_type_name')),
        ...optional('serial', get('serial_number')),
        ...optional('revision', get('revision')),
      };
      return r;
    }
    case 's7comm_known_devices': {
      // The identity answer comes from the PLC, which listens on 102.
      const device = get('id.resp_p') === '102' ? resp : (ip(get('source_h')) ?? resp);
      if (device === undefined) return 's7comm_known_devices row without a device address';
      const r: IdentityRecord = {
        kind: 'identity',
        ts,
        protocol: 's7',
        ip: device,
        vendor: 'Siemens',
        ...optional('product', get('module_name')),
        ...optional('serial', get('module_serial')),
        ...optional('name', get('automation_system_name')),
      };
      return r;
    }
    case 'bacnet_discovery': {
      const source = ip(get('source_h')) ?? orig;
      const vendor = get('vendor');
      if (source === undefined) return 'bacnet_discovery row without a source address';
      if (get('pdu_service') === 'i-am' && vendor !== undefined) {
        const r: IdentityRecord = {
          kind: 'identity',
          ts,
          protocol: 'bacnet',
          ip: source,
          vendor,
          ...optional('deviceType', get('object_type')),
          ...optional('serial', get('instance_number')),
          ...optional('name', get('object_name')),
        };
        return r;
      }
      return session(
        'bacnet',
        ts,
        source,
        ip(get('destination_h')) ?? resp,
        num(get('destination_p')),
        get('pdu_service'),
      );
    }
    case 'known_hosts':
    case 'known_services':
    case 'software': {
      const host = ip(get('host'));
      if (host === undefined) return `${path} row without a host address`;
      const port = num(get('port_num'));
      const services =
        path === 'known_services' && port !== null
          ? [
              {
                port,
                transport: transport(get('port_proto')),
                state: 'open',
                ...optional('name', get('service')),
              },
            ]
          : [];
      const version = [
        get('version.major'),
        get('version.minor'),
        get('version.minor2'),
        get('version.minor3'),
      ]
        .filter((v) => v !== undefined)
        .join('.');
      const name = get('name');
      const software =
        path === 'software' && name !== undefined
          ? [
              {
                name,
                ...optional('version', version === '' ? get('unparsed_version') : version),
                ...optional('type', get('software_type')),
              },
            ]
          : [];
      const r: HostRecord = {
        kind: 'host',
        ts,
        ips: [host],
        macs: [],
        hostnames: [],
        status: 'up',
        services,
        os: [],
        software,
      };
      return r;
    }
    case 'dhcp': {
      const mac = normaliseMac(get('mac') ?? '');
      const addr = ip(get('assigned_ip')) ?? ip(get('assigned_addr'));
      if (mac === null || addr === undefined) return 'dhcp row without mac and assigned address';
      const hostname = get('host_name');
      const r: HostRecord = {
        kind: 'host',
        ts,
        ips: [addr],
        macs: [mac],
        hostnames: hostname === undefined ? [] : [hostname],
        status: 'up',
        services: [],
        os: [],
        software: [],
      };
      return r;
    }
    case 'dns':
    case 'http':
    case 'ssl': {
      const raw = get(path === 'dns' ? 'query' : path === 'http' ? 'host' : 'server_name');
      if (orig === undefined || resp === undefined)
        return `${path} row without id.orig_h/id.resp_h addresses`;
      const name = raw === undefined ? undefined : hostName(raw);
      if (name === undefined) return null;
      const answers = path === 'dns' ? (get('answers') ?? '').split(setSep) : [];
      const r: NameRecord = {
        kind: 'name',
        ts,
        via: path === 'ssl' ? 'tls' : path,
        client: orig,
        server: resp,
        serverPort: num(get('id.resp_p')),
        name,
        addresses: [...new Set(answers.map((a) => ip(a.trim())).filter((a) => a !== undefined))],
      };
      return r;
    }
    default: {
      if (orig === undefined || resp === undefined) return null;
      const detail = get('func') ?? get('fc_request') ?? get('name') ?? get('version');
      return session(path, ts, orig, resp, num(get('id.resp_p')), detail);
    }
  }
}

/** A DNS name, HTTP Host or TLS SNI as a comparable host name; undefined when it is an address or not a name. */
export function hostName(raw: string): string | undefined {
  let s = raw.trim().toLowerCase();
  if (s.startsWith('[')) return undefined;
  const colon = s.lastIndexOf(':');
  if (colon > 0 && s.indexOf(':') === colon && /^\d+$/.test(s.slice(colon + 1))) s = s.slice(0, colon);
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s === '' || isIp(s) || !/^[a-z0-9_*-]+(\.[a-z0-9_*-]+)*$/.test(s)) return undefined;
  return s;
}

function session(
  protocol: string,
  ts: number | null,
  client: string,
  server: string | undefined,
  serverPort: number | null,
  detail: string | undefined,
): SessionRecord | string {
  if (server === undefined) return `${protocol} row without a server address`;
  return { kind: 'session', ts, protocol, client, server, serverPort, ...optional('detail', detail) };
}

const maxIssuesPerCode = 20;
const absent = -1;
const unusual = -2;

/**
 * Reads a Zeek log one line at a time (TSV with `#` headers, or JSON lines), so the backend can feed a stream of any
 * size. Feed every line with `push`, then call `finish` for the issues and the log's metadata.
 */
export class ZeekLogReader {
  private fields: string[] | null = null;
  private sep = '\t';
  private setSep = ',';
  private empty = '(empty)';
  private unset = '-';
  private path: string | undefined;
  private json: boolean | null = null;
  private lineNo = 0;
  private rows = 0;
  private readonly issues: Issue[] = [];
  private readonly issueCounts = new Map<string, number>();
  private badTime = 0;
  private conn: ConnColumns | null = null;
  private bounds = new Int32Array(0);
  private badTimeExample = '';
  private badTimeLine = 0;
  private index = new Map<string, number>();
  private cols: string[] = [];
  private readonly getTsv: Get = (f) => {
    const i = this.index.get(f);
    if (i === undefined) return undefined;
    const v = this.cols[i];
    return v === undefined || v === this.unset || v === this.empty || v === '' ? undefined : v;
  };

  constructor(
    private readonly file = 'zeek.log',
    pathHint?: string,
  ) {
    this.path = pathHint;
  }

  get logPath(): string | undefined {
    return this.path;
  }

  /** One line without its newline. Returns the evidence record the line describes, or null. */
  push(line: string): EvidenceRecord | null {
    this.lineNo++;
    if (line === '') return null;
    if (this.json === null) this.json = line.charCodeAt(0) === 123;
    if (this.json) return this.pushJson(line);
    if (line.charCodeAt(0) === 35) {
      this.header(line);
      return null;
    }
    if (this.fields === null) {
      const fallback = this.path === undefined ? undefined : defaultFields[this.path];
      if (fallback === undefined) {
        this.note(
          'zeek.no_header',
          `data before any #fields header; name the log (e.g. conn.log) or keep Zeek's header lines`,
        );
        return null;
      }
      this.setFields([...fallback]);
    }
    if (this.conn !== null) return this.connLine(line, this.conn);
    this.cols = line.split(this.sep);
    if (this.cols.length !== (this.fields as string[]).length) {
      this.note(
        'zeek.field_count',
        `${this.cols.length} fields, the #fields header has ${(this.fields as string[]).length}`,
      );
      return null;
    }
    return this.emit(this.getTsv);
  }

  private pushJson(line: string): EvidenceRecord | null {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      this.note('zeek.bad_json', 'not a JSON object');
      return null;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      this.note('zeek.bad_json', 'not a JSON object');
      return null;
    }
    const o = obj as Record<string, unknown>;
    const p = typeof o['_path'] === 'string' ? o['_path'] : (this.path ?? inferZeekPath(Object.keys(o)));
    if (p === undefined) {
      this.note('zeek.unknown_log', `cannot tell which Zeek log this is (no _path, unfamiliar fields)`);
      return null;
    }
    this.path ??= p;
    const get: Get = (f) => {
      const v = o[f];
      if (v === undefined || v === null || v === '-') return undefined;
      if (Array.isArray(v)) return v.length === 0 ? undefined : v.join(this.setSep);
      return typeof v === 'string' ? (v === '' ? undefined : v) : String(v);
    };
    return this.emit(get, p);
  }

  private emit(get: Get, path = this.path): EvidenceRecord | null {
    if (path === undefined) return null;
    this.rows++;
    const r = mapRow(path, get, this.setSep);
    if (typeof r === 'string') {
      this.note('zeek.bad_row', r);
      return null;
    }
    if (r !== null && 'ts' in r && r.ts === null && get('ts') !== undefined) {
      if (this.badTime === 0) [this.badTimeLine, this.badTimeExample] = [this.lineNo, get('ts') ?? ''];
      this.badTime++;
    }
    return r;
  }

  /** conn.log is the large one: find the columns by scanning for separators, and cut out only those it needs. */
  private connLine(line: string, c: ConnColumns): EvidenceRecord | null {
    if (!this.cut(line, 0, line.length)) return null;
    this.rows++;
    const src = this.field(line, c.src);
    const dst = this.field(line, c.dst);
    if (src === undefined || dst === undefined || !(isIp(src) && isIp(dst))) {
      this.note('zeek.bad_row', 'conn row without id.orig_h/id.resp_h addresses');
      return null;
    }
    return this.connFlow(line, c, src, dst, this.connTime(line, c));
  }

  /**
   * Field bounds of `text.slice(start, end)` into `this.bounds`, as positions in `text`; false, with an issue, when
   * the row has another field count than the header.
   */
  private cut(text: string, start: number, end: number): boolean {
    const n = (this.fields as string[]).length;
    const b = this.bounds;
    const sep = this.sep;
    let k = 0;
    let from = start;
    const last = end - sep.length;
    for (;;) {
      let t = text.indexOf(sep, from);
      if (t > last) t = -1;
      if (k === n) {
        k++;
        break;
      }
      b[2 * k] = from;
      b[2 * k + 1] = t < 0 ? end : t;
      k++;
      if (t < 0) break;
      from = t + (sep.length || 1);
    }
    if (k !== n) {
      this.note('zeek.field_count', `${k > n ? 'more than ' + n : k} fields, the #fields header has ${n}`);
      return false;
    }
    return true;
  }

  private connTime(line: string, c: ConnColumns): number | null {
    const fast = this.plainNumber(line, c.ts);
    if (fast >= 0) return fast;
    if (fast === absent) return null;
    const tsText = this.field(line, c.ts) as string;
    const ts = zeekTime(tsText);
    if (ts === null) {
      if (this.badTime === 0) [this.badTimeLine, this.badTimeExample] = [this.lineNo, tsText];
      this.badTime++;
    }
    return ts;
  }

  private connFlow(line: string, c: ConnColumns, src: string, dst: string, ts: number | null): FlowRecord {
    const service = this.field(line, c.service);
    const duration = this.numberField(line, c.duration);
    const flow: FlowRecord = {
      kind: 'flow',
      ts,
      src: src.includes(':') ? canonicalIp(src) : src,
      srcPort: this.numberField(line, c.sp),
      dst: dst.includes(':') ? canonicalIp(dst) : dst,
      dstPort: this.numberField(line, c.dp),
      transport: transport(this.field(line, c.proto)),
      bytesOut: this.numberField(line, c.ob) ?? 0,
      bytesIn: this.numberField(line, c.rb) ?? 0,
      packets: (this.numberField(line, c.op) ?? 0) + (this.numberField(line, c.rp) ?? 0),
    };
    if (service !== undefined) (flow as { service?: string }).service = service;
    if (duration !== null) (flow as { durationS?: number }).durationS = duration;
    return flow;
  }

  /**
   * Like `push`, but folds the record into `obs` as `obs.add(record, file)` would. A conn row between IPv4 addresses of
   * a conversation already seen builds no record and no strings: its numbers are read straight from the line.
   * Returns true when the line was a record.
   */
  foldLine(line: string, obs: ObservationSet, file: string): boolean {
    return this.foldRange(line, 0, line.length, obs, file);
  }

  /** `foldLine` of `text.slice(start, end)`; a conn row is read in place (no slice per line). */
  private foldRange(text: string, start: number, end: number, obs: ObservationSet, file: string): boolean {
    const c = this.conn;
    if (c === null || start === end || text.charCodeAt(start) === 35) {
      const r = this.push(text.slice(start, end));
      if (r === null) return false;
      obs.add(r, file);
      return true;
    }
    this.lineNo++;
    if (!this.cut(text, start, end)) return false;
    this.rows++;
    const b = this.bounds;
    const a = ipv4ToIntAt(text, b[2 * c.src] as number, b[2 * c.src + 1] as number);
    const z = a < 0 ? -1 : ipv4ToIntAt(text, b[2 * c.dst] as number, b[2 * c.dst + 1] as number);
    if (z < 0) {
      const src = this.field(text, c.src);
      const dst = this.field(text, c.dst);
      if (src === undefined || dst === undefined || !(isIp(src) && isIp(dst))) {
        this.note('zeek.bad_row', 'conn row without id.orig_h/id.resp_h addresses');
        return false;
      }
      obs.add(this.connFlow(text, c, src, dst, this.connTime(text, c)), file);
      return true;
    }
    const ts = this.connTime(text, c);
    const port = this.plainNumber(text, c.dp);
    const ob = this.plainNumber(text, c.ob);
    const rb = this.plainNumber(text, c.rb);
    const known =
      (port === absent || (port >= 0 && port <= 65535 && Number.isInteger(port))) &&
      obs.addKnownIpv4Flow(
        a,
        z,
        port === absent ? null : port,
        this.transportAt(text, c.proto),
        ts,
        ob >= 0 ? ob : ob === absent ? 0 : (this.numberField(text, c.ob) ?? 0),
        rb >= 0 ? rb : rb === absent ? 0 : (this.numberField(text, c.rb) ?? 0),
      );
    if (!known)
      obs.add(
        this.connFlow(text, c, this.field(text, c.src) as string, this.field(text, c.dst) as string, ts),
        file,
      );
    return true;
  }

  /** Feeds every line of `text` (lines end with LF or CRLF; a last line without one counts) to `foldLine`; returns the records folded. */
  foldText(text: string, obs: ObservationSet, file: string): number {
    let n = 0;
    let start = 0;
    const len = text.length;
    while (start < len) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = len;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (this.foldRange(text, start, stop, obs, file)) n++;
      start = end + 1;
    }
    return n;
  }

  /** Feeds every line of `text` to `push` and hands each record to `onRecord`; returns their number. */
  pushText(text: string, onRecord: (r: EvidenceRecord) => void): number {
    let n = 0;
    let start = 0;
    const len = text.length;
    while (start < len) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = len;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      const r = this.push(line);
      if (r !== null) {
        n++;
        onRecord(r);
      }
      start = end + 1;
    }
    return n;
  }

  /**
   * Field `i` when it is a plain decimal (digits with at most one inner or trailing '.'), read without a slice and
   * equal to `Number` of its text; `absent` for a missing, unset or empty field; `unusual` for anything else.
   */
  private plainNumber(line: string, i: number): number {
    if (i < 0) return absent;
    const start = this.bounds[2 * i] as number;
    const end = this.bounds[2 * i + 1] as number;
    if (start === end) return absent;
    let m = 0;
    let scale = 1;
    let dot = false;
    for (let j = start; j < end; j++) {
      const ch = line.charCodeAt(j);
      if (ch >= 48 && ch <= 57) {
        m = m * 10 + (ch - 48);
        if (dot) scale *= 10;
      } else if (ch === 46 && !dot && j > start) dot = true;
      else {
        const len = end - start;
        return (len === this.unset.length && line.startsWith(this.unset, start)) ||
          (len === this.empty.length && line.startsWith(this.empty, start))
          ? absent
          : unusual;
      }
    }
    // Below 2^53 the digits are exact, and so is 10^k up to 10^22: one correctly rounded division, as Number() does.
    if (m > 9007199254740991 || scale > 1e22) return unusual;
    return dot ? m / scale : m;
  }

  private transportAt(line: string, i: number): Transport {
    if (i < 0) return 'other';
    const start = this.bounds[2 * i] as number;
    const len = (this.bounds[2 * i + 1] as number) - start;
    if (len === 3) {
      const c0 = line.charCodeAt(start);
      if (c0 === 116 && line.charCodeAt(start + 1) === 99 && line.charCodeAt(start + 2) === 112) return 'tcp';
      if (c0 === 117 && line.charCodeAt(start + 1) === 100 && line.charCodeAt(start + 2) === 112)
        return 'udp';
    } else if (len === 4 && line.startsWith('icmp', start)) return 'icmp';
    return 'other';
  }

  private field(line: string, i: number): string | undefined {
    if (i < 0) return undefined;
    const v = line.slice(this.bounds[2 * i], this.bounds[2 * i + 1]);
    return v === this.unset || v === this.empty || v === '' ? undefined : v;
  }

  private numberField(line: string, i: number): number | null {
    const v = this.field(line, i);
    if (v === undefined) return null;
    const x = +v;
    return x === x ? x : null;
  }

  private header(line: string): void {
    if (line.startsWith('#separator')) {
      const raw = line.slice('#separator'.length).trim();
      this.sep = raw.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return;
    }
    const tab = line.indexOf(this.sep);
    if (tab < 0) return;
    const key = line.slice(1, tab);
    const value = line.slice(tab + 1);
    if (key === 'set_separator') this.setSep = value;
    else if (key === 'empty_field') this.empty = value;
    else if (key === 'unset_field') this.unset = value;
    else if (key === 'path') this.path = value;
    else if (key === 'fields') this.setFields(value.split(this.sep));
  }

  private setFields(fields: string[]): void {
    this.fields = fields;
    this.index = new Map(fields.map((f, i) => [f, i]));
    this.path ??= inferZeekPath(fields);
    const at = (f: string) => this.index.get(f) ?? -1;
    const conn = {
      ts: at('ts'),
      src: at('id.orig_h'),
      sp: at('id.orig_p'),
      dst: at('id.resp_h'),
      dp: at('id.resp_p'),
      proto: at('proto'),
      service: at('service'),
      duration: at('duration'),
      ob: at('orig_bytes'),
      rb: at('resp_bytes'),
      op: at('orig_pkts'),
      rp: at('resp_pkts'),
    };
    this.conn = this.path === 'conn' && conn.src >= 0 && conn.dst >= 0 ? conn : null;
    this.bounds = new Int32Array(2 * fields.length);
    if (this.path === undefined)
      this.note(
        'zeek.unknown_log',
        `cannot tell which Zeek log this is from its fields (${fields.slice(0, 8).join(', ')} …)`,
      );
  }

  private note(code: string, message: string): void {
    const n = (this.issueCounts.get(code) ?? 0) + 1;
    this.issueCounts.set(code, n);
    if (n <= maxIssuesPerCode) this.issues.push(issue(code, [this.file, `line ${this.lineNo}`], message));
  }

  /** What this reader saw so far, to be combined with the readers of the file's other byte ranges. */
  part(): ZeekReadPart {
    return {
      issues: [...this.issues],
      counts: [...this.issueCounts],
      badTime: this.badTime,
      badTimeLine: this.badTimeLine,
      badTimeExample: this.badTimeExample,
      rows: this.rows,
      lines: this.lineNo,
      log: this.path ?? null,
    };
  }

  finish(): ZeekReadResult {
    return combineZeekParts(this.file, [this.part()], 0);
  }
}

/** One reader's share of a file read in byte ranges (see ZeekLogReader.part). Line numbers are the reader's own. */
export interface ZeekReadPart {
  readonly issues: readonly Issue[];
  readonly counts: readonly (readonly [string, number])[];
  readonly badTime: number;
  readonly badTimeLine: number;
  readonly badTimeExample: string;
  readonly rows: number;
  readonly lines: number;
  readonly log: string | null;
}

export interface ZeekReadResult {
  readonly issues: readonly Issue[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly refused: boolean;
}

/**
 * The result of reading a file whose byte ranges were read by separate readers, in file order. Every reader after
 * the first was given the file's `headerLines` header lines first, so its line numbers are shifted back by the lines
 * of the ranges before it. One part gives exactly ZeekLogReader.finish().
 */
export function combineZeekParts(
  file: string,
  parts: readonly ZeekReadPart[],
  headerLines: number,
): ZeekReadResult {
  const issues: Issue[] = [];
  const counts = new Map<string, number>();
  const listed = new Map<string, number>();
  let offset = 0;
  let badTime = 0;
  let example = '';
  let rows = 0;
  parts.forEach((p, k) => {
    const add = k === 0 ? 0 : offset - headerLines;
    const shift = (i: Issue): Issue =>
      add === 0
        ? i
        : {
            ...i,
            path: i.path.map((x) =>
              typeof x === 'string' && /^line \d+$/.test(x) ? `line ${Number(x.slice(5)) + add}` : x,
            ),
          };
    for (const i of p.issues) {
      const n = (listed.get(i.code) ?? 0) + 1;
      listed.set(i.code, n);
      if (n <= maxIssuesPerCode) issues.push(shift(i));
    }
    for (const [code, n] of p.counts) counts.set(code, (counts.get(code) ?? 0) + n);
    if (badTime === 0 && p.badTime > 0) example = `line ${p.badTimeLine + add}: "${p.badTimeExample}"`;
    badTime += p.badTime;
    rows += p.rows;
    offset += p.lines - (k === 0 ? 0 : headerLines);
  });
  for (const [code, n] of counts) {
    if (n > maxIssuesPerCode)
      issues.push(issue(code, [file], `${n - maxIssuesPerCode} more "${code}" issues not listed`));
  }
  if (badTime > 0)
    issues.push(
      issue(
        'zeek.bad_time',
        [file],
        `${badTime} row(s) have a ts that is not a time (first at ${example}); kept without a time`,
      ),
    );
  const refused = rows === 0 && (counts.has('zeek.no_header') || counts.has('zeek.unknown_log'));
  return {
    issues,
    meta: { log: parts.find((p) => p.log !== null)?.log ?? null, rows, lines: offset },
    refused,
  };
}

/** Whole-text convenience over ZeekLogReader (small files, tests). */
export function parseZeekLog(text: string, file = 'zeek.log', pathHint?: string): ParseOutput {
  const reader = new ZeekLogReader(file, pathHint);
  const records: EvidenceRecord[] = [];
  reader.pushText(text, (r) => records.push(r));
  const done = reader.finish();
  return { records, issues: done.issues, refused: done.refused, meta: done.meta };
}

/** The log name in a file name such as `ics-pcap__x__conn.log` or `known_hosts.json.gz`. */
export function zeekPathFromFileName(name: string): string | undefined {
  const base = name
    .toLowerCase()
    .replace(/\.(gz|log|json|tsv)$/g, '')
    .replace(/\.(gz|log|json|tsv)$/g, '');
  return [...knownZeekPaths]
    .sort((a, b) => b.length - a.length)
    .find(
      (p) =>
        base === p ||
        base.endsWith(`__${p}`) ||
        base.endsWith(`_${p}`) ||
        base.endsWith(`-${p}`) ||
        base.endsWith(`.${p}`),
    );
}
