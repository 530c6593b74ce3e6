import type { Kysely } from 'kysely';
import type { DialectQuirks } from '../quirks.js';

/**
 * One schema change, written once for both dialects with Kysely's schema builder.
 * Use `q.json`, `q.boolean`, `q.timestamp`, `q.double` for the column types that differ.
 */
export interface PortGuardMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, not as it is
  up(db: Kysely<any>, q: DialectQuirks): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  down?(db: Kysely<any>, q: DialectQuirks): Promise<void>;
}
