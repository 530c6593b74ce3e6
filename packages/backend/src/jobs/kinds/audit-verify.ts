import { z } from 'zod';
import { verifyAuditLog } from '../../audit/verify.js';
import { defineJobKind } from '../kind.js';

export const auditVerifyJob = defineJobKind({
  name: 'audit.verify',
  description: 'Recompute every hash of the audit log and report edited or deleted entries.',
  payload: z.object({}).strict(),
  roles: ['admin', 'auditor'],
  light: () => true,
  async run({ store, progress }) {
    progress(0, 'reading the audit log');
    const v = await verifyAuditLog(store);
    return { ok: v.ok, entries: v.entries, problems: v.problems };
  },
});
