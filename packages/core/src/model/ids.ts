import { z } from 'zod';

const idString = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/, {
    message: 'expected an id of letters, digits, and . _ : - / (no spaces)',
  });

export const OrganisationId = idString.brand<'OrganisationId'>();
export type OrganisationId = z.infer<typeof OrganisationId>;
export const PortId = idString.brand<'PortId'>();
export type PortId = z.infer<typeof PortId>;
export const FacilityId = idString.brand<'FacilityId'>();
export type FacilityId = z.infer<typeof FacilityId>;
export const AssetId = idString.brand<'AssetId'>();
export type AssetId = z.infer<typeof AssetId>;
export const ComponentId = idString.brand<'ComponentId'>();
export type ComponentId = z.infer<typeof ComponentId>;
export const SupplierId = idString.brand<'SupplierId'>();
export type SupplierId = z.infer<typeof SupplierId>;
export const FundingProgramId = idString.brand<'FundingProgramId'>();
export type FundingProgramId = z.infer<typeof FundingProgramId>;
export const DesignationId = idString.brand<'DesignationId'>();
export type DesignationId = z.infer<typeof DesignationId>;

/** Cast helpers for trusted code (builders, repositories); user input goes through the schemas. */
export const ids = {
  organisation: (s: string) => s as OrganisationId,
  port: (s: string) => s as PortId,
  facility: (s: string) => s as FacilityId,
  asset: (s: string) => s as AssetId,
  component: (s: string) => s as ComponentId,
  supplier: (s: string) => s as SupplierId,
  fundingProgram: (s: string) => s as FundingProgramId,
  designation: (s: string) => s as DesignationId,
};
