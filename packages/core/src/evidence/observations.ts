import { ipv4ToInt, isHostAddress, isInternalIp } from './ip.js';
import type {
  BomOrganisation,
  EvidenceRecord,
  FlowRecord,
  IndicatorRecord,
  NameRecord,
  ObservedService,
  Transport,
} from './types.js';

/** Who says which vendor made a device, how sure, and when. */
export interface VendorClaim {
  readonly vendor: string;
  readonly source:
    'cip-identity' | 's7-identity' | 'bacnet-identity' | 'modbus-identity' | 'mac-oui' | 'os-fingerprint';
  readonly confidence: number;
  readonly ts: number | null;
  readonly file: string;
  readonly product?: string;
}

/** Protocol identity is the device's own answer; a MAC OUI may belong to a router in between. */
export const claimConfidence: Readonly<Record<VendorClaim['source'], number>> = {
  'cip-identity': 0.95,
  's7-identity': 0.95,
  'bacnet-identity': 0.9,
  'modbus-identity': 0.9,
  'mac-oui': 0.5,
  'os-fingerprint': 0.3,
};

export interface ObservedDevice {
  readonly ip: string;
  readonly internal: boolean;
  macs: Set<string>;
  hostnames: Set<string>;
  claims: VendorClaim[];
  services: Map<string, ObservedService & { readonly file: string }>;
  protocols: Set<string>;
  firstSeen: number | null;
  lastSeen: number | null;
  files: Set<string>;
}

export interface FlowSummary {
  readonly src: string;
  readonly dst: string;
  readonly dstPort: number | null;
  readonly transport: Transport;
  count: number;
  bytesOut: number;
  bytesIn: number;
  first: number | null;
  last: number | null;
}

/** One client's requests for one host name over one protocol: how often, when, and the addresses it led to. */
export interface NameSummary {
  readonly name: string;
  readonly via: NameRecord['via'];
  readonly client: string;
  /** DNS answers, or the server contacted by that name (http Host, TLS SNI). */
  addresses: string[];
  count: number;
  first: number | null;
  last: number | null;
}

/** One imported BOM: its subject (metadata component), its organisations, and the asset it was declared for. */
export interface BomSummary {
  readonly file: string;
  subject?: {
    readonly name: string;
    readonly group?: string;
    readonly version?: string;
    readonly type: string;
  };
  organisations: BomOrganisation[];
  /** Set on import (`--asset`): the BOM describes this asset, whatever its subject says. */
  assetId?: string;
}

const transportCode: Readonly<Record<Transport, number>> = { tcp: 0, udp: 1, icmp: 2, other: 3 };
const flowKey = (f: { src: string; dst: string; dstPort: number | null; transport: Transport }): string =>
  `${f.src}>${f.dst}:${f.dstPort}/${f.transport}`;

/** Open-addressing table from (src, dst, port·transport) as 32-bit integers to a conversation summary. */
class Ipv4FlowIndex {
  // Per slot [src, dst, port·transport, item + 1]: one cache line answers a probe.
  private table = new Int32Array(4 * 1024);
  private readonly items: FlowSummary[] = [];

  private slot(a: number, b: number, pp: number): number {
    const t = this.table;
    const mask = (t.length >> 2) - 1;
    let h = Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca77) ^ Math.imul(pp, 0xc2b2ae3d);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const k = h << 2;
      if (t[k + 3] === 0) return h;
      if (t[k] === (a | 0) && t[k + 1] === (b | 0) && t[k + 2] === pp) return h;
      h = (h + 1) & mask;
    }
  }

  get(a: number, b: number, pp: number): FlowSummary | undefined {
    const v = this.table[(this.slot(a, b, pp) << 2) + 3] as number;
    return v === 0 ? undefined : this.items[v - 1];
  }

  set(a: number, b: number, pp: number, s: FlowSummary): void {
    if (8 * (this.items.length + 1) > this.table.length) this.grow();
    const k = this.slot(a, b, pp) << 2;
    const t = this.table;
    if (t[k + 3] !== 0) {
      this.items[(t[k + 3] as number) - 1] = s;
      return;
    }
    this.items.push(s);
    t[k] = a | 0;
    t[k + 1] = b | 0;
    t[k + 2] = pp;
    t[k + 3] = this.items.length;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 4) {
      if (old[i + 3] === 0) continue;
      const k = this.slot(old[i] as number, old[i + 1] as number, old[i + 2] as number) << 2;
      this.table[k] = old[i] as number;
      this.table[k + 1] = old[i + 1] as number;
      this.table[k + 2] = old[i + 2] as number;
      this.table[k + 3] = old[i + 3] as number;
    }
  }
}

const widen = (d: { firstSeen: number | null; lastSeen: number | null }, ts: number | null) => {
  if (ts === null) return;
  if (d.firstSeen === null || ts < d.firstSeen) d.firstSeen = ts;
  if (d.lastSeen === null || ts > d.lastSeen) d.lastSeen = ts;
};

/**
 * Folds evidence records into per-device observations and per-conversation flow summaries. Memory grows with the
 * number of distinct devices and conversations, not with the number of rows, so a 5-million-row conn.log streams.
 */
export class ObservationSet {
  readonly devices = new Map<string, ObservedDevice>();
  readonly flows = new Map<string, FlowSummary>();
  readonly indicators: IndicatorRecord[] = [];
  readonly bomOrganisations = new Set<string>();
  /** Host names asked for, per client, protocol and name. */
  readonly names = new Map<string, NameSummary>();
  /** Imported BOMs, by file (by file and stored import once merged: two imports may share a file name). */
  readonly boms = new Map<string, BomSummary>();
  private merges = 0;
  rows = 0;
  // Per conversation in creation order, the time and service of its first row (only when a FlowPart is wanted).
  private readonly firstRows: [number | null, string | null][] | undefined;

  /** `trackFirstRows`: keep what `flowPart` needs (a conn.log byte range folded in a worker thread). */
  constructor(options: { readonly trackFirstRows?: boolean } = {}) {
    this.firstRows = options.trackFirstRows === true ? [] : undefined;
  }

  device(ip: string, file: string): ObservedDevice {
    let d = this.devices.get(ip);
    if (d === undefined) {
      d = {
        ip,
        internal: isInternalIp(ip),
        macs: new Set(),
        hostnames: new Set(),
        claims: [],
        services: new Map(),
        protocols: new Set(),
        firstSeen: null,
        lastSeen: null,
        files: new Set(),
      };
      this.devices.set(ip, d);
    }
    d.files.add(file);
    return d;
  }

  add(r: EvidenceRecord, file: string): void {
    this.rows++;
    switch (r.kind) {
      case 'flow':
        this.addFlow(r, file);
        return;
      case 'host': {
        if (r.status === 'down') return;
        for (const ip of r.ips) {
          const d = this.device(ip, file);
          widen(d, r.ts);
          for (const m of r.macs) d.macs.add(m);
          for (const h of r.hostnames) d.hostnames.add(h);
          if (r.macVendor !== undefined)
            d.claims.push({
              vendor: r.macVendor,
              source: 'mac-oui',
              confidence: claimConfidence['mac-oui'],
              ts: r.ts,
              file,
            });
          const os = r.os[0];
          if (os?.vendor !== undefined)
            d.claims.push({
              vendor: os.vendor,
              source: 'os-fingerprint',
              confidence: claimConfidence['os-fingerprint'] * (os.accuracy / 100),
              ts: r.ts,
              file,
            });
          for (const s of r.services)
            if (s.state === 'open') d.services.set(`${s.transport}/${s.port}`, { ...s, file });
          for (const s of r.software) d.protocols.add(`software:${s.name}`);
        }
        return;
      }
      case 'identity': {
        const d = this.device(r.ip, file);
        widen(d, r.ts);
        d.protocols.add(r.protocol);
        if (r.vendor !== undefined) {
          const source = `${r.protocol}-identity` as VendorClaim['source'];
          const known = d.claims.some(
            (c) => c.source === source && c.vendor === r.vendor && c.product === r.product,
          );
          if (!known)
            d.claims.push({
              vendor: r.vendor,
              source,
              confidence: claimConfidence[source],
              ts: r.ts,
              file,
              ...(r.product === undefined ? {} : { product: r.product }),
            });
        }
        return;
      }
      case 'session': {
        if (isHostAddress(r.client)) widen(this.device(r.client, file), r.ts);
        if (!isHostAddress(r.server)) return;
        const s = this.device(r.server, file);
        widen(s, r.ts);
        s.protocols.add(r.protocol);
        return;
      }
      case 'name': {
        if (isHostAddress(r.client)) widen(this.device(r.client, file), r.ts);
        if (isHostAddress(r.server)) widen(this.device(r.server, file), r.ts);
        this.addName(
          {
            name: r.name,
            via: r.via,
            client: r.client,
            addresses: r.via === 'dns' ? [...r.addresses] : [r.server],
            count: 1,
            first: r.ts,
            last: r.ts,
          },
          false,
        );
        return;
      }
      case 'indicator':
        this.indicators.push(r);
        return;
      case 'bom-component': {
        for (const n of [r.supplier, r.manufacturer, r.publisher])
          if (n !== undefined) this.bomOrganisations.add(n);
        const bom = this.bom(file);
        if (r.level === 'metadata')
          bom.subject = {
            name: r.name,
            type: r.type,
            ...(r.group === undefined ? {} : { group: r.group }),
            ...(r.version === undefined ? {} : { version: r.version }),
          };
        const of = r.level === 'metadata' ? 'metadata' : (r.bomRef ?? r.purl ?? r.name);
        this.tieBom(file, {
          organisations: (['supplier', 'manufacturer', 'publisher'] as const).flatMap((role) => {
            const name = r[role];
            return name === undefined ? [] : [{ role, name, of }];
          }),
        });
        return;
      }
    }
  }

  private bom(file: string, key = file): BomSummary {
    let b = this.boms.get(key);
    if (b === undefined) {
      b = { file, organisations: [] };
      this.boms.set(key, b);
    }
    return b;
  }

  /**
   * Adds what the BOM records do not carry (the metadata supplier and manufacturer the parser lists in its meta) and
   * the asset the BOM was declared for. Authors are people and are left out.
   */
  tieBom(
    file: string,
    extra: { readonly organisations?: readonly BomOrganisation[]; readonly assetId?: string },
  ): void {
    this.addBomFacts(this.bom(file), extra);
  }

  private addBomFacts(
    b: BomSummary,
    extra: { readonly organisations?: readonly BomOrganisation[]; readonly assetId?: string },
  ): void {
    for (const o of extra.organisations ?? []) {
      if (o.role === 'author') continue;
      if (!b.organisations.some((k) => k.role === o.role && k.name === o.name && k.of === o.of))
        b.organisations.push(o);
      this.bomOrganisations.add(o.name);
    }
    if (extra.assetId !== undefined) b.assetId = extra.assetId;
  }

  private addName(n: NameSummary, copy: boolean): void {
    const key = `${n.client}|${n.via}|${n.name}`;
    const have = this.names.get(key);
    if (have === undefined) {
      this.names.set(key, copy ? { ...n, addresses: [...n.addresses] } : n);
      return;
    }
    for (const a of n.addresses) if (!have.addresses.includes(a)) have.addresses.push(a);
    have.count += n.count;
    if (n.first !== null && (have.first === null || n.first < have.first)) have.first = n.first;
    if (n.last !== null && (have.last === null || n.last > have.last)) have.last = n.last;
  }

  /** Plain data for storage; `merge` reads it back. */
  snapshot(): ObservationSnapshot {
    return {
      rows: this.rows,
      devices: [...this.devices.values()].map((d) => ({
        ip: d.ip,
        macs: [...d.macs],
        hostnames: [...d.hostnames],
        claims: d.claims,
        services: [...d.services.values()],
        protocols: [...d.protocols],
        firstSeen: d.firstSeen,
        lastSeen: d.lastSeen,
        files: [...d.files],
      })),
      flows: [...this.flows.values()].map((f) => ({ ...f })),
      indicators: [...this.indicators],
      bomOrganisations: [...this.bomOrganisations],
      names: [...this.names.values()].map((n) => ({ ...n, addresses: [...n.addresses] })),
      boms: [...this.boms.values()].map((b) => ({ ...b, organisations: [...b.organisations] })),
    };
  }

  /** Adds a stored snapshot (another import) to this set. */
  merge(s: ObservationSnapshot): void {
    this.rows += s.rows;
    for (const x of s.devices) {
      const [firstFile, ...more] = x.files;
      const d = this.device(x.ip, firstFile ?? 'stored');
      for (const f of more) d.files.add(f);
      for (const m of x.macs) d.macs.add(m);
      for (const h of x.hostnames) d.hostnames.add(h);
      for (const c of x.claims)
        if (!d.claims.some((k) => k.vendor === c.vendor && k.source === c.source && k.product === c.product))
          d.claims.push(c);
      for (const sv of x.services) d.services.set(`${sv.transport}/${sv.port}`, sv);
      for (const p of x.protocols) d.protocols.add(p);
      widen(d, x.firstSeen);
      widen(d, x.lastSeen);
    }
    for (const f of s.flows) {
      const key = flowKey(f);
      const have = this.flows.get(key);
      if (have === undefined) {
        const copy = { ...f };
        this.flows.set(key, copy);
        const a = ipv4ToInt(f.src);
        const b = ipv4ToInt(f.dst);
        const portOk =
          f.dstPort === null || (Number.isInteger(f.dstPort) && f.dstPort >= 0 && f.dstPort <= 65535);
        if (a !== null && b !== null && portOk)
          this.v4Index.set(a, b, (f.dstPort ?? 65536) * 4 + transportCode[f.transport], copy);
      } else {
        have.count += f.count;
        have.bytesOut += f.bytesOut;
        have.bytesIn += f.bytesIn;
        if (f.first !== null && (have.first === null || f.first < have.first)) have.first = f.first;
        if (f.last !== null && (have.last === null || f.last > have.last)) have.last = f.last;
      }
    }
    for (const i of s.indicators) if (!this.indicators.some((k) => k.id === i.id)) this.indicators.push(i);
    for (const n of s.bomOrganisations) this.bomOrganisations.add(n);
    for (const n of s.names ?? []) this.addName(n, true);
    this.merges++;
    for (const b of s.boms ?? []) {
      const mine = this.bom(b.file, `${b.file}#${this.merges}`);
      if (b.subject !== undefined) mine.subject = b.subject;
      this.addBomFacts(mine, b);
    }
  }

  // IPv4 conversations are found through numbers: building and hashing a string key per row costs more than parsing it.
  private readonly v4Index = new Ipv4FlowIndex();

  /**
   * The fold of one flow between two IPv4 addresses whose conversation is already known, from numbers alone (the
   * conn.log fast path): `src`/`dst` as `ipv4ToInt` gives them, `dstPort` an integer 0–65535 or null. Returns false,
   * changing nothing, when the conversation is new: then `add` the flow record.
   */
  addKnownIpv4Flow(
    src: number,
    dst: number,
    dstPort: number | null,
    transport: Transport,
    ts: number | null,
    bytesOut: number,
    bytesIn: number,
  ): boolean {
    const s = this.v4Index.get(src, dst, (dstPort ?? 65536) * 4 + transportCode[transport]);
    if (s === undefined) return false;
    this.rows++;
    if (ts !== null) {
      if (s.first === null || ts < s.first) s.first = ts;
      if (s.last === null || ts > s.last) s.last = ts;
    }
    s.count++;
    s.bytesOut += bytesOut;
    s.bytesIn += bytesIn;
    return true;
  }

  /** The conversation of (src, dst, port, transport), or undefined; `v4` its IPv4 index position when it has one. */
  private conversation(f: Pick<FlowSummary, 'src' | 'dst' | 'dstPort' | 'transport'>) {
    const a = ipv4ToInt(f.src);
    const b = a === null ? null : ipv4ToInt(f.dst);
    const pp = (f.dstPort ?? 65536) * 4 + transportCode[f.transport];
    const v4 =
      a !== null &&
      b !== null &&
      (f.dstPort === null || (Number.isInteger(f.dstPort) && f.dstPort >= 0 && f.dstPort <= 65535))
        ? ([a, b, pp] as const)
        : null;
    return { v4, found: v4 !== null ? this.v4Index.get(...v4) : this.flows.get(flowKey(f)) };
  }

  /** A conversation's first row: the summary starts at its time, and its devices are seen then. */
  private startConversation(
    f: Pick<FlowSummary, 'src' | 'dst' | 'dstPort' | 'transport'>,
    v4: readonly [number, number, number] | null,
    ts: number | null,
    service: string | undefined,
    file: string,
  ): FlowSummary {
    const s: FlowSummary = {
      src: f.src,
      dst: f.dst,
      dstPort: f.dstPort,
      transport: f.transport,
      count: 0,
      bytesOut: 0,
      bytesIn: 0,
      first: ts,
      last: ts,
    };
    this.flows.set(flowKey(f), s);
    if (v4 !== null) this.v4Index.set(v4[0], v4[1], v4[2], s);
    this.firstRows?.push([ts, service ?? null]);
    if (isHostAddress(f.src)) widen(this.device(f.src, file), ts);
    if (isHostAddress(f.dst)) {
      const b = this.device(f.dst, file);
      if (service !== undefined) b.protocols.add(service);
      widen(b, ts);
    }
    return s;
  }

  /** This set's conversations for `replayFlowPart` of another set (needs `trackFirstRows`). */
  flowPart(): FlowPart {
    if (this.firstRows === undefined)
      throw new Error('flowPart needs an ObservationSet made with trackFirstRows');
    return { rows: this.rows, flows: [...this.flows.values()], firstRows: this.firstRows };
  }

  /**
   * Folds the conversations of a later byte range of the same conn.log, as if its rows followed: a conversation new
   * here starts at the time and service of its first row there, then every row's counts, bytes and times add up.
   */
  replayFlowPart(part: FlowPart, file: string): void {
    part.flows.forEach((p, i) => {
      const { v4, found } = this.conversation(p);
      const [ts, service] = part.firstRows[i] ?? [p.first, null];
      const s = found ?? this.startConversation(p, v4, ts, service ?? undefined, file);
      s.count += p.count;
      s.bytesOut += p.bytesOut;
      s.bytesIn += p.bytesIn;
      if (p.first !== null && (s.first === null || p.first < s.first)) s.first = p.first;
      if (p.last !== null && (s.last === null || p.last > s.last)) s.last = p.last;
    });
    this.rows += part.rows;
  }

  private addFlow(f: FlowRecord, file: string): void {
    const { v4, found } = this.conversation(f);
    let s = found;
    if (s === undefined) {
      s = this.startConversation(f, v4, f.ts, f.service, file);
    } else if (f.ts !== null) {
      if (s.first === null || f.ts < s.first) s.first = f.ts;
      if (s.last === null || f.ts > s.last) s.last = f.ts;
    }
    s.count++;
    s.bytesOut += f.bytesOut;
    s.bytesIn += f.bytesIn;
  }
}

/** A conn.log byte range folded on its own: conversations in first-seen order, with each one's first row. */
export interface FlowPart {
  readonly rows: number;
  readonly flows: readonly FlowSummary[];
  readonly firstRows: readonly (readonly [ts: number | null, service: string | null])[];
}

export interface DeviceSnapshot {
  readonly ip: string;
  readonly macs: readonly string[];
  readonly hostnames: readonly string[];
  readonly claims: readonly VendorClaim[];
  readonly services: readonly (ObservedService & { readonly file: string })[];
  readonly protocols: readonly string[];
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
  readonly files: readonly string[];
}

export interface ObservationSnapshot {
  readonly rows: number;
  readonly devices: readonly DeviceSnapshot[];
  readonly flows: readonly FlowSummary[];
  readonly indicators: readonly IndicatorRecord[];
  readonly bomOrganisations: readonly string[];
  /** Absent in snapshots stored before host names were read. */
  readonly names?: readonly NameSummary[];
  /** Absent in snapshots stored before BOMs were tied to assets. */
  readonly boms?: readonly BomSummary[];
}

/** The vendor the evidence supports best: highest confidence, then the most recent claim. */
export function resolvedVendor(d: Pick<ObservedDevice, 'claims'>): VendorClaim | undefined {
  let best: VendorClaim | undefined;
  for (const c of d.claims) {
    if (
      best === undefined ||
      c.confidence > best.confidence ||
      (c.confidence === best.confidence && (c.ts ?? 0) > (best.ts ?? 0))
    )
      best = c;
  }
  return best;
}
