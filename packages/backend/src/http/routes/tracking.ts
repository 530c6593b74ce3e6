import { canSeeFacility, isTrackEvent, PortGuardError, type Access } from '@portguard/core';
import { z } from 'zod';
import { requireWrite } from '../../auth/principal.js';
import { reportToPdf } from '../../tracking/pdf.js';
import {
  buildStatusReport,
  portCalendar,
  reportToCsv,
  reportToXlsx,
  type ReportScope,
} from '../../tracking/report.js';
import {
  getBaseline,
  listBaselines,
  recordStep,
  terminalsOfScope,
  trackStatus,
} from '../../tracking/service.js';
import { principal } from '../auth-hook.js';
import type { ServerContext } from '../context.js';
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

/**
 * The report scope a caller may ask for: national for all-ports roles; a port whose terminals are all the
 * caller's otherwise (404 when none is theirs, 403 when only some are, as for the calendars).
 */
export async function reportScopeFor(
  ctx: ServerContext,
  access: Access,
  port: string | undefined,
): Promise<ReportScope> {
  if (port === undefined) {
    if (access.kind === 'all') return { kind: 'national' };
    throw new PortGuardError('forbidden', 'reports of a port operator are per port: add ?port=<port id>');
  }
  const baseline = await getBaseline(ctx);
  const ids = await terminalsOfScope(ctx, baseline.problem, port);
  if (!ids.some((id) => canSeeFacility(access, id)))
    throw new PortGuardError('not_found', `no terminal of port ${port} is yours`);
  if (!ids.every((id) => canSeeFacility(access, id)))
    throw new PortGuardError('forbidden', `port ${port} includes terminals you may not see`);
  return { kind: 'port', port };
}

const REPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

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
    '/api/tracking/report',
    {
      schema: {
        tags,
        description:
          'Status report against the baseline (progress, spend, slippage, risk, capacity, findings, missed milestones) as CSV, XLSX or PDF; national, or ?port= (port operators: their port only).',
        querystring: z
          .object({
            port: z.string().min(1).optional(),
            format: z.enum(['csv', 'xlsx', 'pdf']).default('pdf'),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const { port, format } = request.query;
      const scope = await reportScopeFor(ctx, principal(request).access, port);
      const report = await buildStatusReport(ctx, scope);
      const body =
        format === 'csv'
          ? reportToCsv(report)
          : Buffer.from(format === 'xlsx' ? await reportToXlsx(report) : await reportToPdf(report));
      const name = `status-${(port ?? 'national').replace(/[^\w.-]/g, '_')}-${report.asOf}.${format}`;
      return reply
        .header('content-type', REPORT_TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    },
  );

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
