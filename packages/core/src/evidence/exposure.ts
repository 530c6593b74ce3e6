import type { Asset, Component } from '../model/asset.js';
import type { Dataset } from '../model/inventory.js';
import type { CorrelationResult } from './correlate.js';
import type { NetworkZone, ZoneKind } from './zones.js';
import { assetOfBom, type BomTie } from './bom-assets.js';
import type { BomOrganisation } from './types.js';
import { cidrContains, isCgnatIp, parseCidr, type Cidr } from './ip.js';
import {
  resolvedVendor,
  type FlowSummary,
  type NameSummary,
  type ObservationSet,
  type ObservedDevice,
} from './observations.js';

export const remoteAccessPorts: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  3389: 'RDP',
  5900: 'VNC',
  5938: 'TeamViewer',
  1194: 'OpenVPN',
  1723: 'PPTP VPN',
  500: 'IPsec IKE',
  4500: 'IPsec NAT-T',
  10443: 'SSL VPN (Fortinet default)',
  5500: 'VNC (reverse)',
};

export const industrialPorts: Readonly<Record<number, string>> = {
  502: 'Modbus/TCP',
  102: 'S7comm (ISO-TSAP)',
  44818: 'EtherNet/IP',
  2222: 'EtherNet/IP I/O',
  47808: 'BACnet/IP',
  20000: 'DNP3',
  2404: 'IEC 60870-5-104',
  4840: 'OPC UA',
  1911: 'Niagara Fox',
  4911: 'Niagara Fox (TLS)',
  9600: 'OMRON FINS',
};

/** Makers whose products are mostly cellular routers/modems; a device claiming one of these is treated as a modem. */
export const cellularVendors = [
  'sierra wireless',
  'cradlepoint',
  'digi international',
  'inseego',
  'teltonika',
  'robustel',
  'inhand',
  'four-faith',
  'quectel',
  'moxa oncell',
];

export type FindingKind =
  | 'external-communication'
  | 'remote-access'
  | 'ics-cross-zone'
  | 'cellular-modem'
  | 'stix-indicator'
  | 'stix-domain'
  | 'covered-vendor'
  | 'bom-covered-supplier'
  | 'vendor-mismatch'
  | 'undeclared-device';

/** 33 CFR part 101 subpart F, cited only as far as the sources in domain-facts.md §5.4 go. */
export interface CfrRequirement {
  readonly cite: string;
  readonly requirement: string;
}

const cfr = {
  segmentation: {
    cite: '33 CFR part 101 subpart F (technical measures)',
    requirement: 'network segmentation',
  },
  accounts: {
    cite: '33 CFR part 101 subpart F (technical measures)',
    requirement: 'account security (lockout, no default passwords, MFA)',
  },
  supplyChain: {
    cite: '33 CFR part 101 subpart F (technical measures)',
    requirement: 'supply-chain risk management',
  },
  deviceProtection: {
    cite: '33 CFR part 101 subpart F (technical measures)',
    requirement: 'device and data protection',
  },
  assessment: { cite: '33 CFR 101.650(e)', requirement: 'Cybersecurity Assessment (record the finding)' },
  plan: { cite: '33 CFR 101.655', requirement: 'Cybersecurity Plan (document the interim measure)' },
  reporting: {
    cite: '33 CFR 101.650(g)',
    requirement: 'report a cyber incident to the National Response Center without delay',
  },
} satisfies Record<string, CfrRequirement>;

export interface FlowEvidence {
  readonly src: string;
  readonly dst: string;
  readonly dstPort: number | null;
  readonly transport: string;
  readonly flows: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly first: number | null;
  readonly last: number | null;
}

/** A host name a device asked for, or a peer it talked to is known by, that a threat indicator names. */
export interface NameEvidence {
  readonly name: string;
  /** The indicator's domain the name falls under, and the indicator's id. */
  readonly domain: string;
  readonly indicator: string;
  /** dns/http/tls: the device asked for the name; 'peer': a peer it talked to is known by the name (DNS answer, Nmap or DHCP host name). */
  readonly via: 'dns' | 'http' | 'tls' | 'peer';
  readonly count: number;
  readonly first: number | null;
  readonly last: number | null;
}

export interface ExposureFinding {
  readonly kind: FindingKind;
  /** The device's address; '' for a finding from a BOM (bom-covered-supplier), which names its file in `sources`. */
  readonly ip: string;
  readonly assetId?: string;
  readonly componentId?: string;
  readonly severity: 'low' | 'medium' | 'high' | 'critical';
  /** Points this finding adds to the asset's exposure score. */
  readonly weight: number;
  readonly summary: string;
  readonly evidence: readonly FlowEvidence[];
  /** For stix-domain: the names that matched. */
  readonly names?: readonly NameEvidence[];
  readonly sources: readonly string[];
  readonly mitigation: string;
  readonly requirements: readonly CfrRequirement[];
}

export interface ExposureOptions {
  /** Screening plugs in here: true when the name is (or is owned by) a covered entity. */
  readonly isCoveredVendor?: (name: string) => boolean;
  /** Zones for the boundary rule; without them each /24 (IPv4) is a zone. */
  readonly zones?: readonly NetworkZone[];
  /** Limit of flow evidence rows kept per finding. */
  readonly evidenceLimit?: number;
}

export interface ScoreFactor {
  readonly factor: FindingKind | 'undeclared-devices';
  readonly weight: number;
  readonly detail: string;
}

export interface AssetExposure {
  readonly assetId: string;
  readonly facilityId: string;
  readonly score: number;
  readonly factors: readonly ScoreFactor[];
}

export interface TerminalExposure {
  readonly facilityId: string;
  readonly score: number;
  readonly factors: readonly ScoreFactor[];
}

/** Which asset each imported BOM was tied to, or why none, and its covered organisations. */
export interface BomExposure {
  readonly file: string;
  readonly subject?: string;
  readonly tie: BomTie;
  readonly covered: readonly BomOrganisation[];
}

export interface ExposureReport {
  readonly findings: readonly ExposureFinding[];
  readonly boms: readonly BomExposure[];
  readonly assets: readonly AssetExposure[];
  readonly terminals: readonly TerminalExposure[];
}

const toEvidence = (f: FlowSummary): FlowEvidence => ({
  src: f.src,
  dst: f.dst,
  dstPort: f.dstPort,
  transport: f.transport,
  flows: f.count,
  bytesOut: f.bytesOut,
  bytesIn: f.bytesIn,
  first: f.first,
  last: f.last,
});

interface Zone {
  readonly name: string;
  readonly kind?: ZoneKind;
}
const internet: Zone = { name: 'internet', kind: 'external' };

/** The declared zone holding `ip` (the first that does), the Internet, 'unzoned', or without declarations its /24 (/64). */
function zoneOf(ip: string, internal: boolean, zones: readonly (Zone & { cidrs: Cidr[] })[]): Zone {
  for (const z of zones) if (z.cidrs.some((c) => cidrContains(c, ip))) return z;
  if (!internal) return internet;
  if (zones.length > 0) return { name: 'unzoned' };
  const dot = ip.lastIndexOf('.');
  return {
    name:
      dot > 0 && !ip.includes(':')
        ? `${ip.slice(0, dot)}.0/24`
        : ip.split(':').slice(0, 4).join(':') + '::/64',
  };
}

/** A crossing from the Internet or an external zone is critical; from an IT, DMZ or unknown zone high; OT to OT medium. */
const crossingWeight = (from: Zone): { weight: number; severity: ExposureFinding['severity'] } =>
  from.kind === 'external'
    ? { weight: 30, severity: 'critical' }
    : from.kind === 'ot'
      ? { weight: 10, severity: 'medium' }
      : { weight: 15, severity: 'high' };

/** Findings, per-asset and per-terminal scores from observations and their correlation with the inventory. */
export function assessExposure(
  obs: ObservationSet,
  correlation: CorrelationResult,
  dataset: Pick<Dataset, 'assets' | 'components'>,
  options: ExposureOptions = {},
): ExposureReport {
  const limit = options.evidenceLimit ?? 5;
  const covered = options.isCoveredVendor ?? (() => false);
  const zones = (options.zones ?? []).map((z) => ({
    name: z.name,
    ...(z.kind === undefined ? {} : { kind: z.kind }),
    cidrs: z.cidrs.map(parseCidr).filter((c): c is Cidr => c !== null),
  }));
  const matchByIp = new Map(correlation.matches.map((m) => [m.ip, m]));
  const components = new Map(dataset.components.map((c) => [c.id as string, c]));
  const indicatorIps = new Map<string, string>();
  const indicatorCidrs: { cidr: Cidr; id: string }[] = [];
  for (const ind of obs.indicators) {
    for (const ip of [...ind.ipv4, ...ind.ipv6]) indicatorIps.set(ip, ind.id);
    for (const c of ind.cidrs) {
      const p = parseCidr(c);
      if (p !== null) indicatorCidrs.push({ cidr: p, id: ind.id });
    }
  }
  const indicatorFor = (ip: string): string | undefined =>
    indicatorIps.get(ip) ?? indicatorCidrs.find((c) => cidrContains(c.cidr, ip))?.id;
  const domains = new Map<string, string>();
  for (const ind of obs.indicators) for (const d of ind.domains) if (!domains.has(d)) domains.set(d, ind.id);
  // The name itself or any parent domain, looked up label by label: cost per name, not per indicator.
  const domainFor = (name: string): { domain: string; id: string } | undefined => {
    for (let rest = name; ;) {
      const id = domains.get(rest);
      if (id !== undefined) return { domain: rest, id };
      const dot = rest.indexOf('.');
      if (dot < 0) return undefined;
      rest = rest.slice(dot + 1);
    }
  };
  // Which names each address is known by: DNS answers and the servers of http/tls requests, Nmap and DHCP host names.
  const namesOf = new Map<string, Set<string>>();
  const knownAs = (ip: string, name: string) => {
    const set = namesOf.get(ip) ?? new Set<string>();
    set.add(name);
    namesOf.set(ip, set);
  };
  const lookups = new Map<string, NameSummary[]>();
  if (domains.size > 0) {
    for (const n of obs.names.values()) {
      for (const a of n.addresses) knownAs(a, n.name);
      const list = lookups.get(n.client) ?? [];
      list.push(n);
      lookups.set(n.client, list);
    }
    for (const d of obs.devices.values()) for (const h of d.hostnames) knownAs(d.ip, h.toLowerCase());
  }

  const flowsByDevice = new Map<string, FlowSummary[]>();
  for (const f of obs.flows.values()) {
    for (const ip of [f.src, f.dst]) {
      const list = flowsByDevice.get(ip);
      if (list === undefined) flowsByDevice.set(ip, [f]);
      else list.push(f);
    }
  }
  const isOt = (d: ObservedDevice): boolean =>
    matchByIp.has(d.ip) ||
    d.claims.some((c) => c.source.endsWith('-identity')) ||
    (flowsByDevice.get(d.ip) ?? []).some(
      (f) => f.dst === d.ip && f.dstPort !== null && industrialPorts[f.dstPort] !== undefined,
    );

  const findings: ExposureFinding[] = [];
  const push = (
    d: ObservedDevice,
    f: Omit<ExposureFinding, 'ip' | 'assetId' | 'componentId' | 'sources'>,
  ) => {
    const m = matchByIp.get(d.ip);
    findings.push({
      ...f,
      ip: d.ip,
      ...(m === undefined ? {} : { assetId: m.assetId, componentId: m.componentId }),
      sources: [...d.files].sort(),
    });
  };
  const top = (list: FlowSummary[]) =>
    [...list]
      .sort((a, b) => b.bytesOut + b.bytesIn - (a.bytesOut + a.bytesIn) || b.count - a.count)
      .slice(0, limit)
      .map(toEvidence);
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

  for (const d of [...obs.devices.values()].sort((a, b) => a.ip.localeCompare(b.ip))) {
    if (!d.internal) continue;
    const flows = flowsByDevice.get(d.ip) ?? [];
    const ot = isOt(d);
    const component: Component | undefined = components.get(matchByIp.get(d.ip)?.componentId ?? '');

    const external = flows.filter((f) =>
      f.src === d.ip
        ? !(obs.devices.get(f.dst)?.internal ?? true)
        : !(obs.devices.get(f.src)?.internal ?? true),
    );
    if (ot && external.length > 0) {
      const bytes = external.reduce((s, f) => s + f.bytesOut + f.bytesIn, 0);
      const peers = new Set(external.map((f) => (f.src === d.ip ? f.dst : f.src)));
      push(d, {
        kind: 'external-communication',
        severity: bytes > 1e6 ? 'critical' : 'high',
        weight: Math.min(35, 20 + Math.round(Math.log10(1 + bytes))),
        summary: `OT device ${d.ip} exchanged ${mb(bytes)} in ${external.reduce((s, f) => s + f.count, 0)} flows with ${peers.size} external address(es): ${[...peers].slice(0, 5).join(', ')}`,
        evidence: top(external),
        mitigation:
          'Segment: block the device at the OT boundary firewall (deny by default) and route any needed vendor access through a monitored jump host.',
        requirements: [cfr.segmentation, cfr.assessment, cfr.plan],
      });
    }

    const remoteFlows = flows.filter(
      (f) => f.dst === d.ip && f.dstPort !== null && remoteAccessPorts[f.dstPort] !== undefined,
    );
    const remoteOpen = [...d.services.values()].filter((s) => remoteAccessPorts[s.port] !== undefined);
    if (remoteFlows.length > 0 || remoteOpen.length > 0) {
      const fromOutside = remoteFlows.some((f) => !(obs.devices.get(f.src)?.internal ?? true));
      const names = [
        ...new Set([
          ...remoteFlows.map((f) => remoteAccessPorts[f.dstPort as number]),
          ...remoteOpen.map((s) => remoteAccessPorts[s.port]),
        ]),
      ];
      push(d, {
        kind: 'remote-access',
        severity: fromOutside ? 'critical' : ot ? 'high' : 'medium',
        weight: fromOutside ? 30 : ot ? 15 : 5,
        summary: `${d.ip} offers remote access (${names.join(', ')})${fromOutside ? ', reached from external addresses' : ''}`,
        evidence: top(remoteFlows),
        mitigation:
          'Disable the service or allow it only from a monitored jump host with MFA; change default credentials; log every session.',
        requirements: [cfr.accounts, cfr.segmentation, cfr.plan],
      });
    }

    const ics = flows.filter(
      (f) => f.dst === d.ip && f.dstPort !== null && industrialPorts[f.dstPort] !== undefined,
    );
    const home = zoneOf(d.ip, true, zones);
    const srcZone = (f: FlowSummary) => zoneOf(f.src, obs.devices.get(f.src)?.internal ?? false, zones);
    const crossing = ics.filter((f) => srcZone(f).name !== home.name);
    if (crossing.length > 0) {
      const from = [...new Map(crossing.map((f) => [srcZone(f).name, srcZone(f)])).values()];
      const worst = from.map(crossingWeight).reduce((a, b) => (b.weight > a.weight ? b : a));
      const protocols = [...new Set(crossing.map((f) => industrialPorts[f.dstPort as number]))];
      const label = (z: Zone) => (z.kind === undefined ? z.name : `${z.name} (${z.kind})`);
      push(d, {
        kind: 'ics-cross-zone',
        severity: worst.severity,
        weight: worst.weight,
        summary: `${protocols.join(', ')} to ${d.ip} in ${label(home)} crosses a zone boundary from ${from.map(label).join(', ')}`,
        evidence: top(crossing),
        mitigation:
          'Segment: confine industrial protocols to the control zone; put a conduit (firewall with protocol allow-list) between zones.',
        requirements: [cfr.segmentation, cfr.assessment],
      });
    }

    const vendor = resolvedVendor(d);
    const claimsCellular = d.claims.some((c) =>
      cellularVendors.some((v) => c.vendor.toLowerCase().includes(v)),
    );
    const cgnat = flows.filter((f) => isCgnatIp(f.src === d.ip ? f.dst : f.src));
    if (component?.kind === 'cellular-modem' || claimsCellular || cgnat.length > 0) {
      push(d, {
        kind: 'cellular-modem',
        severity: 'critical',
        weight: 30,
        summary: `${d.ip} looks like a cellular modem or talks over a carrier network (${component?.kind === 'cellular-modem' ? 'declared modem' : claimsCellular ? `vendor ${vendor?.vendor ?? '?'}` : 'carrier-grade NAT peers'})`,
        evidence: top(cgnat),
        mitigation:
          'Disable the modem (remove the SIM or power it off) unless a documented need exists; if kept, put it behind the terminal firewall and monitor it.',
        requirements: [cfr.segmentation, cfr.supplyChain, cfr.plan],
      });
    }

    const bad = flows.filter((f) => indicatorFor(f.src === d.ip ? f.dst : f.src) !== undefined);
    if (bad.length > 0) {
      const ids = [...new Set(bad.map((f) => indicatorFor(f.src === d.ip ? f.dst : f.src)))];
      push(d, {
        kind: 'stix-indicator',
        severity: 'critical',
        weight: 40,
        summary: `${d.ip} contacted address(es) named by threat indicators ${ids.join(', ')}`,
        evidence: top(bad),
        mitigation:
          'Isolate the device, preserve logs, and assess whether this is a reportable cyber incident.',
        requirements: [cfr.reporting, cfr.deviceProtection],
      });
    }

    if (domains.size > 0) {
      const names: NameEvidence[] = [];
      for (const n of lookups.get(d.ip) ?? []) {
        const hit = domainFor(n.name);
        if (hit !== undefined)
          names.push({
            name: n.name,
            domain: hit.domain,
            indicator: hit.id,
            via: n.via,
            count: n.count,
            first: n.first,
            last: n.last,
          });
      }
      const peerHits = flows.flatMap((f) => {
        const peer = f.src === d.ip ? f.dst : f.src;
        for (const name of namesOf.get(peer) ?? []) {
          const hit = domainFor(name);
          if (hit !== undefined) return [{ f, name, hit }];
        }
        return [];
      });
      for (const { f, name, hit } of peerHits)
        names.push({
          name,
          domain: hit.domain,
          indicator: hit.id,
          via: 'peer',
          count: f.count,
          first: f.first,
          last: f.last,
        });
      if (names.length > 0) {
        const connected = peerHits.length > 0 || names.some((n) => n.via !== 'dns');
        push(d, {
          kind: 'stix-domain',
          severity: connected ? 'critical' : 'high',
          weight: connected ? 40 : 30,
          summary: `${d.ip} contacted an indicator domain: ${[...new Set(names.map((n) => `${n.name} (${n.via})`))].slice(0, 5).join(', ')}; indicators ${[...new Set(names.map((n) => n.indicator))].join(', ')}`,
          evidence: top(peerHits.map((p) => p.f)),
          names: names.slice(0, 4 * limit),
          mitigation: connected
            ? 'Isolate the device, preserve logs, and assess whether this is a reportable cyber incident.'
            : 'Block the domain at the resolver, find what on the device asked for it, and assess whether this is a reportable cyber incident.',
          requirements: [cfr.reporting, cfr.deviceProtection],
        });
      }
    }

    const coveredClaims = d.claims.filter((c) => covered(c.vendor));
    const declaredMaker = matchByIp.get(d.ip)?.declaredMaker;
    if (coveredClaims.length > 0 || (declaredMaker !== undefined && covered(declaredMaker))) {
      const names = [
        ...new Set([
          ...coveredClaims.map((c) => c.vendor),
          ...(declaredMaker !== undefined && covered(declaredMaker) ? [declaredMaker] : []),
        ]),
      ];
      push(d, {
        kind: 'covered-vendor',
        severity: 'high',
        weight: 20,
        summary: `${d.ip} is made by a covered entity: ${names.join(', ')} (${coveredClaims.map((c) => c.source).join(', ') || 'declared maker'})`,
        evidence: [],
        mitigation:
          'Plan replacement; until then segment the device and allow only monitored vendor access through a jump host.',
        requirements: [cfr.supplyChain, cfr.segmentation],
      });
    }

    const m = matchByIp.get(d.ip);
    if (m?.vendorMismatch === true) {
      push(d, {
        kind: 'vendor-mismatch',
        severity: 'medium',
        weight: 5,
        summary: `${d.ip}: inventory says ${m.declaredMaker ?? '?'}, the network says ${m.observedVendor?.vendor ?? '?'} (${m.observedVendor?.source ?? '?'})`,
        evidence: [],
        mitigation: 'Verify the component on site and correct the inventory.',
        requirements: [cfr.supplyChain, cfr.assessment],
      });
    }
    if (m === undefined && correlation.unknownDevices.some((u) => u.ip === d.ip)) {
      push(d, {
        kind: 'undeclared-device',
        severity: ot ? 'medium' : 'low',
        weight: ot ? 5 : 1,
        summary: `${d.ip} is on the network but not in the inventory${vendor === undefined ? '' : ` (vendor ${vendor.vendor}, ${vendor.source})`}`,
        evidence: top(flows),
        mitigation: 'Identify the device and add it to the inventory, or remove it.',
        requirements: [cfr.assessment, cfr.supplyChain],
      });
    }
  }

  const boms: BomExposure[] = [];
  for (const bom of [...obs.boms.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    const tie = assetOfBom(bom, dataset);
    const coveredOrgs = bom.organisations.filter((o) => covered(o.name));
    boms.push({
      file: bom.file,
      ...(bom.subject === undefined ? {} : { subject: bom.subject.name }),
      tie,
      covered: coveredOrgs,
    });
    if (!tie.tied || coveredOrgs.length === 0) continue;
    const names = [...new Set(coveredOrgs.map((o) => o.name))];
    findings.push({
      kind: 'bom-covered-supplier',
      ip: '',
      assetId: tie.assetId,
      ...(tie.componentId === undefined ? {} : { componentId: tie.componentId }),
      severity: 'high',
      weight: 20,
      summary: `The BOM ${bom.file}${bom.subject === undefined ? '' : ` (${bom.subject.name})`} of ${tie.assetId} names covered ${names.length === 1 ? 'entity' : 'entities'} ${names.join(', ')}: ${coveredOrgs
        .slice(0, 5)
        .map((o) => `${o.role} of ${o.of}`)
        .join('; ')}`,
      evidence: [],
      sources: [bom.file],
      mitigation:
        'Plan replacement of the parts from the covered supplier (or of the asset); until then segment the asset and allow only monitored vendor access; ask the integrator for a BOM without covered suppliers.',
      requirements: [cfr.supplyChain, cfr.plan],
    });
  }

  const assetsById = new Map(dataset.assets.map((a) => [a.id as string, a]));
  const byAsset = new Map<string, ScoreFactor[]>();
  for (const f of findings) {
    if (f.assetId === undefined) continue;
    const list = byAsset.get(f.assetId) ?? [];
    list.push({ factor: f.kind, weight: f.weight, detail: f.summary });
    byAsset.set(f.assetId, list);
  }
  const assetScores: AssetExposure[] = [...byAsset.entries()]
    .map(([assetId, factors]) => {
      const a = assetsById.get(assetId) as Asset | undefined;
      return {
        assetId,
        facilityId: a?.facilityId ?? '?',
        score: Math.min(
          100,
          factors.reduce((s, x) => s + x.weight, 0),
        ),
        factors,
      };
    })
    .sort((a, b) => b.score - a.score || a.assetId.localeCompare(b.assetId));
  const undeclared = findings.filter((f) => f.kind === 'undeclared-device').length;
  const facilities = new Set(dataset.assets.map((a) => a.facilityId as string));
  const terminals: TerminalExposure[] = [...facilities]
    .map((facilityId) => {
      const mine = assetScores.filter((a) => a.facilityId === facilityId);
      const worst = mine[0];
      const factors: ScoreFactor[] =
        worst === undefined
          ? []
          : [
              {
                factor: worst.factors[0]?.factor ?? 'external-communication',
                weight: worst.score,
                detail: `most exposed asset ${worst.assetId} scores ${worst.score}`,
              },
            ];
      // Undeclared devices cannot be placed on one terminal; they count only when the inventory has a single terminal.
      if (undeclared > 0 && facilities.size === 1)
        factors.push({
          factor: 'undeclared-devices',
          weight: Math.min(20, 2 * undeclared),
          detail: `${undeclared} device(s) on the network not in the inventory`,
        });
      return {
        facilityId,
        score: Math.min(
          100,
          factors.reduce((s, x) => s + x.weight, 0),
        ),
        factors,
      };
    })
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score || a.facilityId.localeCompare(b.facilityId));
  return { findings, boms, assets: assetScores, terminals };
}

/** The planner's per-asset risk multiplier: 1 + score/100 (1 when nothing was observed). */
export function exposureRiskMultiplier(report: Pick<ExposureReport, 'assets'>, assetId: string): number {
  const a = report.assets.find((x) => x.assetId === assetId);
  return 1 + (a?.score ?? 0) / 100;
}

/** All multipliers at once, for the planner to merge into its risk weights. */
export function exposureRiskMultipliers(report: Pick<ExposureReport, 'assets'>): ReadonlyMap<string, number> {
  return new Map(report.assets.map((a) => [a.assetId, 1 + a.score / 100]));
}
