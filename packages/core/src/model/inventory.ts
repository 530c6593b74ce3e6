import { z } from 'zod';
import { Asset, Component } from './asset.js';
import { TerminalCapacity } from './capacity.js';
import { Designation } from './designation.js';
import { Facility, Port } from './facility.js';
import { FundingProgram } from './funding.js';
import { Organisation, OwnershipLink } from './organisation.js';
import { Provenance } from './provenance.js';
import { Supplier } from './supplier.js';

/** A program-wide number (e.g. the national PRC-made share) kept apart from records so it can be edited and cited. */
export const DatasetParameter = z.object({
  name: z.string().min(1),
  value: z.number(),
  unit: z.string().min(1),
  description: z.string().optional(),
  provenance: Provenance,
});
export type DatasetParameter = z.infer<typeof DatasetParameter>;

/** Everything PortGuard stores about the program, as one value: the unit of import and export. */
export const Dataset = z.object({
  formatVersion: z.literal(1).default(1),
  organisations: z.array(Organisation).readonly().default([]),
  ownershipLinks: z.array(OwnershipLink).readonly().default([]),
  designations: z.array(Designation).readonly().default([]),
  ports: z.array(Port).readonly().default([]),
  facilities: z.array(Facility).readonly().default([]),
  capacities: z.array(TerminalCapacity).readonly().default([]),
  assets: z.array(Asset).readonly().default([]),
  components: z.array(Component).readonly().default([]),
  suppliers: z.array(Supplier).readonly().default([]),
  fundingPrograms: z.array(FundingProgram).readonly().default([]),
  parameters: z.array(DatasetParameter).readonly().optional(),
});
export type Dataset = z.infer<typeof Dataset>;
export type DatasetInput = z.input<typeof Dataset>;

export const emptyDataset = (): Dataset => Dataset.parse({});
