import { z } from 'zod';
import { DesignationId, OrganisationId } from './ids.js';
import { IsoDate } from './units.js';

export const CoveredList = z.enum([
  'fcc-covered-list',
  'ndaa-889',
  'dod-1260h',
  'commerce-entity-list',
  'maritime-advisory',
  'usc-46-50309',
  'section-301',
  'uscg-marsec',
  'congressional-report',
  'other',
]);
export type CoveredList = z.infer<typeof CoveredList>;

export const EquipmentCategory = z.enum([
  'telecom',
  'video-surveillance',
  'sts-crane',
  'cargo-handling',
  'cargo-scanner',
  'logistics-software',
  'cellular-module',
  'uas',
  'all',
]);
export type EquipmentCategory = z.infer<typeof EquipmentCategory>;

export const Designation = z.object({
  id: DesignationId,
  organisationId: OrganisationId,
  list: CoveredList,
  date: IsoDate,
  citation: z.string().min(1),
  equipmentCategories: z.array(EquipmentCategory).min(1).readonly(),
  note: z.string().optional(),
});
export type Designation = Readonly<z.infer<typeof Designation>>;
