import type { JobKind } from '../kind.js';
import { auditVerifyJob } from './audit-verify.js';
import { planEarliestDeadlineJob } from './plan-earliest-deadline.js';
import { planSolveJob } from './plan-solve.js';
import { simulationRunJob } from './simulation-run.js';

/** Every job kind; one line per file. */
export const jobKinds: ReadonlyMap<string, JobKind> = new Map(
  ([auditVerifyJob, planSolveJob, planEarliestDeadlineJob, simulationRunJob] as JobKind[]).map((k) => [
    k.name,
    k,
  ]),
);
