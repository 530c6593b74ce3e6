import { z } from 'zod';
import { Designation } from './designation.js';
import { Organisation, OwnershipLink } from './organisation.js';
import { IsoDate } from './units.js';

/**
 * One published version of the covered-entity reference data. Covered organisations use ids `ce-<slug>`
 * (ce-zpmc, ce-cccc, ce-cccg, ce-sasac, ce-hikvision, ce-cetc, ce-dahua, ce-nuctech, ce-tongfang, ce-cnnc, …)
 * so that inventory rows and findings can refer to them across versions.
 */
export const CoveredListRelease = z.object({
  version: z.string().min(1),
  publishedAt: IsoDate,
  source: z.string().min(1),
  organisations: z.array(Organisation).readonly(),
  ownershipLinks: z.array(OwnershipLink).readonly(),
  designations: z.array(Designation).readonly(),
});
export type CoveredListRelease = z.infer<typeof CoveredListRelease>;
