import { z } from 'zod';
import { FacilityId, OrganisationId, PortId } from './ids.js';
import { ProvenanceMap } from './provenance.js';

export const FacilityKind = z.enum([
  'container-terminal',
  'port-authority-site',
  'emergency-operations-center',
  'government-site',
  'other',
]);
export type FacilityKind = z.infer<typeof FacilityKind>;

export const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type GeoPoint = z.infer<typeof GeoPoint>;

export const Port = z.object({
  id: PortId,
  name: z.string().min(1),
  state: z.string().min(2),
  location: GeoPoint,
  teuPerYear: z.number().nonnegative().optional(),
  teuYear: z.number().int().optional(),
  provenance: ProvenanceMap.default({}),
});
export type Port = Readonly<z.infer<typeof Port>>;

export const Facility = z.object({
  id: FacilityId,
  kind: FacilityKind,
  name: z.string().min(1),
  portId: PortId.optional(),
  location: GeoPoint.optional(),
  operator: z.string().optional(),
  operatorId: OrganisationId.optional(),
  /** Crew region used by the planner (e.g. 'west', 'gulf', 'east'). */
  region: z.string().optional(),
  provenance: ProvenanceMap.default({}),
});
export type Facility = Readonly<z.infer<typeof Facility>>;
