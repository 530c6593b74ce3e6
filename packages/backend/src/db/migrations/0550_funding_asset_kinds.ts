import type { PortGuardMigration } from './types.js';

/** A funding program may pay for some asset kinds only (a crane program, a camera grant); null: any kind. */
export const m0550FundingAssetKinds: PortGuardMigration = {
  async up(db, q) {
    await db.schema.alterTable('funding_programs').addColumn('eligible_asset_kinds', q.json).execute();
  },
  async down(db) {
    await db.schema.alterTable('funding_programs').dropColumn('eligible_asset_kinds').execute();
  },
};
