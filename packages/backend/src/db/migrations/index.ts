import { m0001Inventory } from './0001_inventory.js';
import { m0100Accounts } from './0100_accounts.js';
import { m0110Audit } from './0110_audit.js';
import { m0120Jobs } from './0120_jobs.js';
import { m0400Evidence } from './0400_evidence.js';
import { m0450Findings } from './0450_findings.js';
import { m0500Tracking } from './0500_tracking.js';
import { m0520CoveredLists } from './0520_covered_lists.js';
import { m0530AssetListingIndexes } from './0530_asset_listing_indexes.js';
import { m0540NetworkZones } from './0540_network_zones.js';
import { m0550FundingAssetKinds } from './0550_funding_asset_kinds.js';
import type { PortGuardMigration } from './types.js';

export type { PortGuardMigration } from './types.js';

/**
 * Every migration, in order. Append one line per new file (names sort: 0100_accounts, 0200_plans, …);
 * never edit or reorder a migration that has shipped.
 */
export const migrations: ReadonlyArray<readonly [name: string, migration: PortGuardMigration]> = [
  ['0001_inventory', m0001Inventory],
  ['0100_accounts', m0100Accounts],
  ['0110_audit', m0110Audit],
  ['0120_jobs', m0120Jobs],
  ['0400_evidence', m0400Evidence],
  ['0450_findings', m0450Findings],
  ['0500_tracking', m0500Tracking],
  ['0520_covered_lists', m0520CoveredLists],
  ['0530_asset_listing_indexes', m0530AssetListingIndexes],
  ['0540_network_zones', m0540NetworkZones],
  ['0550_funding_asset_kinds', m0550FundingAssetKinds],
];
