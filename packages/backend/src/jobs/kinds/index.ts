import type { JobKind } from '../kind.js';
import { auditVerifyJob } from './audit-verify.js';
import { planSolveJob } from './plan-solve.js';

/** Every job kind; one line per file. Simulation runs go here when the simulator lands. */
export const jobKinds: ReadonlyMap<string, JobKind> = new Map(
  ([auditVerifyJob, planSolveJob] as JobKind[]).map((k) => [k.name, k]),
);
