import { z } from 'zod';
import { Asset, AssetKind, AssetStatus, Component } from '../model/asset.js';
import { Facility } from '../model/facility.js';

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const FacilityListResponse = z.object({ items: z.array(Facility), total: z.number().int() });

export const AssetListQuery = PageQuery.extend({
  facility: z.string().min(1).optional(),
  port: z.string().min(1).optional(),
  kind: AssetKind.optional(),
  status: AssetStatus.optional(),
  maker: z.string().min(1).optional(),
}).strict();
export type AssetListQuery = z.infer<typeof AssetListQuery>;

/** A listing row: the asset without its provenance map (GET /api/assets/{id} has it). */
export const AssetSummary = Asset.omit({ provenance: true });
export type AssetSummary = z.infer<typeof AssetSummary>;
export const AssetListResponse = z.object({ items: z.array(AssetSummary), total: z.number().int() });
export const AssetDetail = z.object({ asset: Asset, components: z.array(Component) });

/** Fields an operator may change on an asset; the id and facility are fixed. */
export const AssetPatch = z
  .object({
    status: AssetStatus.optional(),
    model: z.string().min(1).max(200).optional(),
    serial: z.string().min(1).max(200).optional(),
    criticality: z.enum(['low', 'medium', 'high', 'critical']).optional(),
    yearCommissioned: z.number().int().min(1950).max(2100).optional(),
  })
  .strict();
export type AssetPatch = z.infer<typeof AssetPatch>;

export const IdParam = z.object({ id: z.string().min(1).max(200) });
