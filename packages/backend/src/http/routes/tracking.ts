import { canSeeFacility, isTrackEvent, PortGuardError } from '@portguard/core';
import { z } from 'zod';
import { requireWrite } from '../../auth/principal.js';
import { portCalendar } from '../../tracking/report.js';
import {
  getBaseline,
  listBaselines,
  recordStep,
  terminalsOfScope,
  trackStatus,
} from '../../tracking/service.js';
import { principal } from '../auth-hook.js';
import type { RouteModule } from './types.js';

const tags = ['tracking'];

const StepBody = z
  .object({
    craneId: z.string().min(1),
    event: z.string().refine(isTrackEvent, 'a lifecycle step or paid'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    amountCents: z.number().int().min(0).optional(),
    supplierId: z.string().min(1).optional(),
    evidence: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    correctionReason: z.string().min(1).optional(),
  })
  .strict();

/** Program tracking: status by step (scoped to what the caller may see), recording steps, milestone calendars. */
export const trackingRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/tracking/status',
    { schema: { tags, querystring: z.object({ port: z.string().min(1).optional() }).strict() } },
    async (request) => {
      const access = principal(request).access;
      const s = await trackStatus(ctx, request.query.port);
      const rows = s.rows.filter((r) => canSeeFacility(access, r.terminalId));
      return { rows, total: access.kind === 'all' ? s.total : null };
    },
  );

  app.get('/api/tracking/baselines', { schema: { tags } }, async () => ({ items: await listBaselines(ctx) }));

  app.post('/api/tracking/steps', { schema: { tags, body: StepBody } }, async (request, reply) => {
    const p = principal(request);
    const access = requireWrite(p);
    const b = request.body;
    const baseline = await getBaseline(ctx);
    const terminal = baseline.problem.terminals.find((t) =>
      t.groups.some((g) => g.craneIds.includes(b.craneId)),
    );
    if (!terminal || !canSeeFacility(access, terminal.id))
      throw new PortGuardError('not_found', `crane ${b.craneId} is not in the baseline or not yours`);
    if (!isTrackEvent(b.event)) throw new PortGuardError('invalid_input', `unknown step ${b.event}`);
    const saved = await recordStep(ctx, p, {
      craneId: b.craneId,
      event: b.event,
      date: b.date,
      ...(b.amountCents === undefined ? {} : { amountCents: b.amountCents }),
      ...(b.supplierId === undefined ? {} : { supplierId: b.supplierId }),
      ...(b.evidence === undefined ? {} : { evidence: b.evidence }),
      ...(b.note === undefined ? {} : { note: b.note }),
      ...(b.correctionReason === undefined ? {} : { correction: { reason: b.correctionReason } }),
    });
    return reply.code(201).send(saved);
  });

  app.get(
    '/api/tracking/ical/:port',
    { schema: { tags, params: z.object({ port: z.string().min(1) }).strict() } },
    async (request, reply) => {
      const access = principal(request).access;
      const baseline = await getBaseline(ctx);
      const ids = await terminalsOfScope(ctx, baseline.problem, request.params.port);
      if (!ids.some((id) => canSeeFacility(access, id)))
        throw new PortGuardError('not_found', `no terminal of port ${request.params.port} is yours`);
      if (!ids.every((id) => canSeeFacility(access, id)))
        throw new PortGuardError(
          'forbidden',
          `port ${request.params.port} includes terminals you may not see`,
        );
      const ics = await portCalendar(ctx, request.params.port);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${request.params.port.replace(/[^\w.-]/g, '_')}.ics"`,
        )
        .send(ics);
    },
  );
};
