import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  facilityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditEntryWire = z.infer<typeof AuditEntry>;

export const AuditListResponse = z.object({ items: z.array(AuditEntry) });
export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), message: z.string() })),
});
