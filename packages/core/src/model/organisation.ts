import { z } from 'zod';
import { OrganisationId } from './ids.js';
import { IsoDate } from './units.js';

export const OrganisationRole = z.enum([
  'maker',
  'supplier',
  'publisher',
  'owner',
  'operator',
  'state-owner',
]);
export type OrganisationRole = z.infer<typeof OrganisationRole>;

/** A name in another script, e.g. { script: 'Hans', name: '上海振华重工' } (ISO 15924 codes). */
export const ScriptName = z.object({
  script: z.enum(['Hans', 'Hant', 'Latn', 'Cyrl', 'Jpan', 'Kore', 'Other']),
  name: z.string().min(1),
});
export type ScriptName = z.infer<typeof ScriptName>;

export const OrganisationIdentifiers = z.object({
  /** China's Unified Social Credit Code, 18 characters. */
  uscc: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, {
      message: 'expected an 18-character USCC',
    })
    .optional(),
  lei: z
    .string()
    .regex(/^[A-Z0-9]{18}\d{2}$/, { message: 'expected a 20-character LEI' })
    .optional(),
  duns: z
    .string()
    .regex(/^\d{9}$/, { message: 'expected a 9-digit DUNS number' })
    .optional(),
});
export type OrganisationIdentifiers = z.infer<typeof OrganisationIdentifiers>;

export const Organisation = z.object({
  id: OrganisationId,
  legalName: z.string().min(1),
  aliases: z.array(z.string().min(1)).readonly().default([]),
  otherScriptNames: z.array(ScriptName).readonly().default([]),
  identifiers: OrganisationIdentifiers.default({}),
  /** ISO 3166-1 alpha-2. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166 two-letter country code' })
    .optional(),
  roles: z.array(OrganisationRole).readonly().default([]),
});
export type Organisation = Readonly<z.infer<typeof Organisation>>;

export const ControlType = z.enum([
  'ownership',
  'control',
  'state-supervision',
  'subsidiary',
  'joint-venture',
]);
export type ControlType = z.infer<typeof ControlType>;

/** parent owns or controls child. */
export const OwnershipLink = z.object({
  parentId: OrganisationId,
  childId: OrganisationId,
  percent: z.number().min(0).max(100).optional(),
  control: ControlType,
  source: z.string().min(1),
  asOf: IsoDate.optional(),
});
export type OwnershipLink = Readonly<z.infer<typeof OwnershipLink>>;
