import { z } from 'zod';
import { OrganisationId, SupplierId } from './ids.js';
import { ProvenanceMap } from './provenance.js';
import { ReplacementClass } from './asset.js';
import { ThreePoint } from './units.js';

export const DeliveryMode = z.enum(['fully-erected', 'knocked-down']);
export type DeliveryMode = z.infer<typeof DeliveryMode>;

export const ClassOffer = z.object({
  /** A crane size class, or another asset kind the supplier's product replaces (ReplaceableKind). */
  sizeClass: ReplacementClass,
  /** Price per crane (or unit) before tariffs, in cents. */
  priceCents: z.number().int().nonnegative(),
  /** Cranes the supplier can deliver per quarter for the U.S. program. */
  capacityPerQuarter: z.number().int().nonnegative(),
});
export type ClassOffer = z.infer<typeof ClassOffer>;

export const Supplier = z.object({
  id: SupplierId,
  organisationId: OrganisationId.optional(),
  name: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
  trusted: z.boolean(),
  trustReason: z.string().min(1),
  offers: z.array(ClassOffer).min(1).readonly(),
  /** Months from contract to arrival at the port. */
  leadTimeMonths: ThreePoint,
  deliveryModes: z
    .array(z.object({ mode: DeliveryMode, commissioningMonths: ThreePoint }))
    .min(1)
    .readonly(),
  /** Tariff as a share of price, e.g. 0.25 (Section 301 on PRC-made cranes). */
  tariffRate: z.number().min(0).max(5).default(0),
  /** Installation and commissioning cost per crane, in cents. */
  installationCents: z.number().int().nonnegative().default(0),
  provenance: ProvenanceMap.default({}),
});
export type Supplier = Readonly<z.infer<typeof Supplier>>;
