import type { Issue } from '../shared/issue.js';

/** The evidence formats PortGuard reads. */
export type EvidenceFormat =
  'nmap-xml' | 'zeek-tsv' | 'zeek-json' | 'pcap' | 'cyclonedx-json' | 'cyclonedx-xml' | 'stix-bundle';

/** Where a record came from: the format, the file (as the caller names it) and the 1-based line or element. */
export interface EvidenceSource {
  readonly format: EvidenceFormat;
  readonly file?: string;
  /** Zeek log path (conn, cip_identity …) or the Nmap scanner version; helps a reader trace the claim. */
  readonly detail?: string;
}

export type Transport = 'tcp' | 'udp' | 'icmp' | 'other';

/** One connection (Zeek conn.log row) or one packet-derived flow (tshark). Times are epoch seconds. */
export interface FlowRecord {
  readonly kind: 'flow';
  readonly ts: number | null;
  readonly src: string;
  readonly srcPort: number | null;
  readonly dst: string;
  readonly dstPort: number | null;
  readonly transport: Transport;
  readonly service?: string;
  readonly durationS?: number;
  /** Payload bytes sent by src (Zeek orig_bytes) and by dst (resp_bytes); 0 when unknown. */
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly packets: number;
}

export interface ObservedService {
  readonly port: number;
  readonly transport: Transport;
  readonly state: string;
  readonly name?: string;
  readonly product?: string;
  readonly version?: string;
  readonly extraInfo?: string;
}

export interface OsGuess {
  readonly name: string;
  readonly accuracy: number;
  readonly vendor?: string;
  readonly family?: string;
}

/** A host seen by a scan or listed by Zeek's known_hosts/known_services/software/dhcp. */
export interface HostRecord {
  readonly kind: 'host';
  readonly ts: number | null;
  readonly ips: readonly string[];
  readonly macs: readonly string[];
  /** Vendor from the MAC OUI as the scanner reported it. */
  readonly macVendor?: string;
  readonly hostnames: readonly string[];
  readonly status: 'up' | 'down' | 'unknown';
  readonly services: readonly ObservedService[];
  readonly os: readonly OsGuess[];
  readonly software: readonly { readonly name: string; readonly version?: string; readonly type?: string }[];
}

export type IdentityProtocol = 'cip' | 's7' | 'bacnet' | 'modbus';

/** A device's own answer to an industrial identity request (CIP List Identity, S7 SZL, BACnet I-Am). */
export interface IdentityRecord {
  readonly kind: 'identity';
  readonly ts: number | null;
  readonly protocol: IdentityProtocol;
  readonly ip: string;
  readonly vendor?: string;
  readonly product?: string;
  readonly deviceType?: string;
  readonly serial?: string;
  readonly revision?: string;
  readonly name?: string;
}

/** An application-protocol exchange between two hosts (Zeek modbus, dnp3, snmp, s7comm … logs). */
export interface SessionRecord {
  readonly kind: 'session';
  readonly ts: number | null;
  readonly protocol: string;
  readonly client: string;
  readonly server: string;
  readonly serverPort: number | null;
  readonly detail?: string;
}

/** A host name a client asked for: a Zeek dns.log query (with the addresses answered), http.log Host, ssl.log SNI. */
export interface NameRecord {
  readonly kind: 'name';
  readonly ts: number | null;
  readonly via: 'dns' | 'http' | 'tls';
  readonly client: string;
  readonly server: string;
  readonly serverPort: number | null;
  /** Lower case, without a trailing dot or a port. */
  readonly name: string;
  /** Addresses among the DNS answers (empty for http and tls). */
  readonly addresses: readonly string[];
}

export interface BomOrganisation {
  readonly role: 'supplier' | 'manufacturer' | 'publisher' | 'author';
  readonly name: string;
  /** bom-ref or purl of the component, or 'metadata' for the BOM's own subject. */
  readonly of: string;
}

export interface BomComponent {
  readonly kind: 'bom-component';
  readonly bomRef?: string;
  readonly type: string;
  readonly name: string;
  readonly group?: string;
  readonly version?: string;
  readonly purl?: string;
  readonly supplier?: string;
  readonly manufacturer?: string;
  readonly publisher?: string;
  /** 'metadata' when this is the BOM subject (metadata.component). */
  readonly level: 'metadata' | 'component';
}

export interface IndicatorRecord {
  readonly kind: 'indicator';
  readonly id: string;
  readonly name?: string;
  readonly pattern: string;
  readonly validFrom?: string;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** CIDR ranges found in the pattern (a bare address is listed under ipv4/ipv6, not here). */
  readonly cidrs: readonly string[];
  readonly domains: readonly string[];
}

export type EvidenceRecord =
  FlowRecord | HostRecord | IdentityRecord | SessionRecord | NameRecord | BomComponent | IndicatorRecord;

/** What a parser returns: records and the issues met on the way. `refused` means nothing could be read. */
export interface ParseOutput<R = EvidenceRecord> {
  readonly records: readonly R[];
  readonly issues: readonly Issue[];
  readonly refused: boolean;
  /** Extra facts about the document as a whole (BOM organisations, scan arguments …). */
  readonly meta?: Readonly<Record<string, unknown>>;
}
