import { z } from 'zod';
import { AssetId, ComponentId, FacilityId, OrganisationId } from './ids.js';
import { ProvenanceMap } from './provenance.js';

export const AssetKind = z.enum([
  'sts-crane',
  'rtg',
  'rmg',
  'mobile-harbour-crane',
  'cctv-camera',
  'nvr-vms',
  'cargo-scanner',
  'network-device',
  'server',
  'software-system',
  'other',
]);
export type AssetKind = z.infer<typeof AssetKind>;

export const AssetStatus = z.enum(['in-service', 'out-of-service', 'on-order', 'retired', 'disposed']);
export type AssetStatus = z.infer<typeof AssetStatus>;

/** STS size class by outreach in container rows. */
export const CraneSizeClass = z.enum(['panamax', 'post-panamax', 'super-post-panamax']);
export type CraneSizeClass = z.infer<typeof CraneSizeClass>;

/**
 * Asset kinds other than STS cranes that a like-for-like product replaces: a trusted supplier's offer for the kind is
 * its replacement rule (the CCTV case: covered cameras and recorders at emergency operation centers).
 */
export const ReplaceableKind = z.enum([
  'cctv-camera',
  'nvr-vms',
  'cargo-scanner',
  'network-device',
  'server',
  'rtg',
  'rmg',
  'mobile-harbour-crane',
]);
export type ReplaceableKind = z.infer<typeof ReplaceableKind>;

/** What a supplier offers and a planned group replaces: an STS crane of a size class, or an asset of another kind. */
export const ReplacementClass = z.union([CraneSizeClass, ReplaceableKind]);
export type ReplacementClass = z.infer<typeof ReplacementClass>;

export const Criticality = z.enum(['low', 'medium', 'high', 'critical']);
export type Criticality = z.infer<typeof Criticality>;
export const criticalityWeight: Readonly<Record<Criticality, number>> = {
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

export const Asset = z.object({
  id: AssetId,
  facilityId: FacilityId,
  kind: AssetKind,
  makerId: OrganisationId.optional(),
  /** The maker as written in the source; screening matches it when makerId is absent. */
  makerName: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  yearCommissioned: z.number().int().min(1950).max(2100).optional(),
  status: AssetStatus.default('in-service'),
  sizeClass: CraneSizeClass.optional(),
  criticality: Criticality.default('medium'),
  provenance: ProvenanceMap.default({}),
});
export type Asset = Readonly<z.infer<typeof Asset>>;

export const ComponentKind = z.enum([
  'plc',
  'drive',
  'camera',
  'cellular-modem',
  'sensor',
  'remote-access-gateway',
  'network-switch',
  'software',
  'other',
]);
export type ComponentKind = z.infer<typeof ComponentKind>;

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv6 = /^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$/;
export const IpAddress = z
  .string()
  .refine((s) => ipv4.test(s) || ipv6.test(s), { message: 'expected an IPv4 or IPv6 address' });
export const MacAddress = z
  .string()
  .regex(/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/, {
    message: 'expected a MAC address like 00:11:22:33:44:55',
  })
  .transform((s) => s.toLowerCase().replaceAll('-', ':'));
export const Imei = z.string().regex(/^\d{15}$/, { message: 'expected a 15-digit IMEI' });

export const NetworkIdentity = z.object({
  ips: z.array(IpAddress).readonly().default([]),
  macs: z.array(MacAddress).readonly().default([]),
  imeis: z.array(Imei).readonly().default([]),
});
export type NetworkIdentity = z.infer<typeof NetworkIdentity>;

export const Component = z.object({
  id: ComponentId,
  assetId: AssetId,
  kind: ComponentKind,
  makerId: OrganisationId.optional(),
  makerName: z.string().optional(),
  model: z.string().optional(),
  firmware: z.string().optional(),
  network: NetworkIdentity.default({ ips: [], macs: [], imeis: [] }),
  provenance: ProvenanceMap.optional(),
});
export type Component = Readonly<z.infer<typeof Component>>;
