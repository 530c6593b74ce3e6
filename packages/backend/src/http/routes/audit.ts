import { AuditListResponse, AuditVerifyResponse } from '@portguard/core';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import { verifyAuditLog } from '../../audit/verify.js';
import { listAudit } from '../../db/repositories/audit-log.js';
import { principal } from '../auth-hook.js';
import type { RouteModule } from './types.js';

const tags = ['audit'];

export const auditRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            before: z.coerce.number().int().min(1).optional(),
            entity: z.string().min(1).optional(),
            entityId: z.string().min(1).optional(),
          })
          .strict(),
        response: { 200: AuditListResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await listAudit(ctx.store.db, principal(request).access, {
        limit: q.limit,
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
        ...(q.entity !== undefined ? { entity: q.entity } : {}),
        ...(q.entityId !== undefined ? { entityId: q.entityId } : {}),
      });
      return {
        items: items.map((e) => ({
          seq: e.seq,
          at: e.at,
          actor: e.actor,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          facilityId: e.facilityId,
          before: e.before ?? null,
          after: e.after ?? null,
          hash: e.hash,
        })),
      };
    },
  );

  app.get(
    '/api/audit/verify',
    { schema: { tags, response: { 200: AuditVerifyResponse } } },
    async (request) => {
      requireRole(principal(request), 'admin', 'auditor');
      const v = await verifyAuditLog(ctx.store);
      return { ok: v.ok, entries: v.entries, problems: [...v.problems] };
    },
  );
};
