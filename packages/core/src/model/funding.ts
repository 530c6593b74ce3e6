import { z } from 'zod';
import { FundingProgramId } from './ids.js';
import { AssetKind } from './asset.js';
import { FacilityKind } from './facility.js';
import { ProvenanceMap } from './provenance.js';

export const FundingProgram = z.object({
  id: FundingProgramId,
  name: z.string().min(1),
  /** Federal fiscal years (Oct–Sep, named by the year they end in) and their appropriation in cents. */
  appropriations: z
    .array(
      z.object({
        fiscalYear: z.number().int().min(2000).max(2100),
        amountCents: z.number().int().nonnegative(),
      }),
    )
    .readonly(),
  eligibleFacilityKinds: z.array(FacilityKind).min(1).readonly(),
  /** The asset kinds it pays to replace (a crane program: STS cranes; a camera grant: cameras and recorders); absent: any. */
  eligibleAssetKinds: z.array(AssetKind).min(1).readonly().optional(),
  /** Unspent money rolls into the next fiscal year. */
  carryOver: z.boolean(),
  /** Share of each project the recipient pays, e.g. 0.2 for a 20% local match. */
  localShare: z.number().min(0).max(1),
  provenance: ProvenanceMap.default({}),
});
export type FundingProgram = Readonly<z.infer<typeof FundingProgram>>;

/** The federal fiscal year containing a calendar month (0 = January): Oct–Dec belong to the next year. */
export function fiscalYearOf(year: number, month0: number): number {
  return month0 >= 9 ? year + 1 : year;
}
