import type { JobKind } from '../kind.js';
import { auditVerifyJob } from './audit-verify.js';

/** Every job kind; one line per file. Simulation runs go here when the simulator lands. */
export const jobKinds: ReadonlyMap<string, JobKind> = new Map(
  ([auditVerifyJob] as JobKind[]).map((k) => [k.name, k]),
);
