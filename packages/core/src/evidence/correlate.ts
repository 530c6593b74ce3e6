import type { Asset, Component } from '../model/asset.js';
import type { Dataset } from '../model/inventory.js';
import { canonicalIp, normaliseMac } from './ip.js';
import {
  resolvedVendor,
  type ObservationSet,
  type ObservedDevice,
  type VendorClaim,
} from './observations.js';

export type MatchMethod = 'ip' | 'mac' | 'identity';

export interface DeviceMatch {
  readonly ip: string;
  readonly componentId: string;
  readonly assetId: string;
  readonly method: MatchMethod;
  readonly confidence: number;
  /** The vendor the evidence supports, with its source, confidence and time. */
  readonly observedVendor?: VendorClaim;
  readonly declaredMaker?: string;
  /** True when the observed vendor does not name the declared maker. */
  readonly vendorMismatch: boolean;
}

export interface UnobservedComponent {
  readonly componentId: string;
  readonly assetId: string;
  readonly kind: Component['kind'];
  readonly reason: 'not-seen' | 'no-network-identity';
}

export interface CorrelationResult {
  readonly matches: readonly DeviceMatch[];
  /** Internal devices seen on the network that match no declared component. */
  readonly unknownDevices: readonly {
    readonly ip: string;
    readonly macs: readonly string[];
    readonly vendor?: VendorClaim;
    readonly protocols: readonly string[];
  }[];
  readonly unobserved: readonly UnobservedComponent[];
}

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\b(inc|ltd|llc|ag|gmbh|co|corp|corporation|company|limited|plc|sa|s\.a|automation)\b\.?/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Loose vendor equality: one normalised name contains the other's first word ("Rockwell Automation/Allen-Bradley" ~ "Rockwell"). */
export function sameVendor(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (x === '' || y === '') return false;
  const fx = x.split(' ')[0] as string;
  const fy = y.split(' ')[0] as string;
  return x.includes(fy) || y.includes(fx);
}

const makerOf = (c: Component, assets: ReadonlyMap<string, Asset>): string | undefined =>
  c.makerName ?? c.makerId ?? assets.get(c.assetId)?.makerName;

/** Observed devices → declared components, by IP, then MAC, then protocol identity (vendor + model). */
export function correlate(
  obs: ObservationSet,
  dataset: Pick<Dataset, 'assets' | 'components'>,
): CorrelationResult {
  const assets = new Map(dataset.assets.map((a) => [a.id as string, a]));
  const byIp = new Map<string, Component>();
  const byMac = new Map<string, Component>();
  for (const c of dataset.components) {
    for (const ip of c.network.ips) byIp.set(canonicalIp(ip), c);
    for (const m of c.network.macs) {
      const mac = normaliseMac(m);
      if (mac !== null) byMac.set(mac, c);
    }
  }
  const matched = new Set<string>();
  const matches: DeviceMatch[] = [];
  const unknown: ObservedDevice[] = [];
  const record = (d: ObservedDevice, c: Component, method: MatchMethod, confidence: number) => {
    matched.add(c.id);
    const vendor = resolvedVendor(d);
    const declared = makerOf(c, assets);
    matches.push({
      ip: d.ip,
      componentId: c.id,
      assetId: c.assetId,
      method,
      confidence,
      ...(vendor === undefined ? {} : { observedVendor: vendor }),
      ...(declared === undefined ? {} : { declaredMaker: declared }),
      vendorMismatch:
        vendor !== undefined &&
        declared !== undefined &&
        vendor.confidence >= 0.5 &&
        !sameVendor(vendor.vendor, declared),
    });
  };
  const pending: ObservedDevice[] = [];
  for (const d of obs.devices.values()) {
    if (!d.internal) continue;
    const c = byIp.get(d.ip) ?? [...d.macs].map((m) => byMac.get(m)).find((x) => x !== undefined);
    if (c !== undefined) record(d, c, byIp.has(d.ip) ? 'ip' : 'mac', byIp.has(d.ip) ? 0.9 : 0.8);
    else pending.push(d);
  }
  // Identity match only when exactly one still-unmatched component fits vendor and model.
  for (const d of pending) {
    const id = d.claims.find((c) => c.source.endsWith('-identity'));
    const candidates =
      id === undefined
        ? []
        : dataset.components.filter((c) => {
            if (matched.has(c.id)) return false;
            const maker = makerOf(c, assets);
            if (maker === undefined || !sameVendor(maker, id.vendor)) return false;
            return (
              id.product === undefined ||
              c.model === undefined ||
              norm(id.product).includes(norm(c.model)) ||
              norm(c.model).includes(norm(id.product))
            );
          });
    if (candidates.length === 1) record(d, candidates[0] as Component, 'identity', 0.6);
    else unknown.push(d);
  }
  const unobserved: UnobservedComponent[] = dataset.components
    .filter((c) => !matched.has(c.id))
    .map((c) => ({
      componentId: c.id,
      assetId: c.assetId,
      kind: c.kind,
      reason: c.network.ips.length + c.network.macs.length === 0 ? 'no-network-identity' : 'not-seen',
    }));
  return {
    matches: matches.sort((a, b) => a.ip.localeCompare(b.ip)),
    unknownDevices: unknown
      .map((d) => {
        const vendor = resolvedVendor(d);
        return {
          ip: d.ip,
          macs: [...d.macs],
          ...(vendor === undefined ? {} : { vendor }),
          protocols: [...d.protocols].sort(),
        };
      })
      .sort((a, b) => a.ip.localeCompare(b.ip)),
    unobserved,
  };
}
