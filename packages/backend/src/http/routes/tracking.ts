import {
  BaselineList,
  isTrackEvent,
  PortGuardError,
  TrackStatusView,
  TrackStepRecord,
} from '@portguard/core';
import { z } from 'zod';
import { requireWrite } from '../../auth/principal.js';
import { reportToPdf } from '../../tracking/pdf.js';
import {
  portCalendarFor,
  recordStepFor,
  reportScopeFor,
  trackStatusFor,
} from '../../services/tracking-scope.js';
import { buildStatusReport, reportToCsv, reportToXlsx } from '../../tracking/report.js';
import { listBaselines, recordForecast } from '../../tracking/service.js';
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

const ForecastBody = z
  .object({
    craneId: z.string().min(1),
    arrivalDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    reason: z.string().min(1),
    evidence: z.string().min(1).optional(),
  })
  .strict();

/** A file body: CSV text, or the bytes of an XLSX workbook or PDF. */
const ReportFile = z.custom<string | Uint8Array>(() => true).meta({ type: 'string', format: 'binary' });

const REPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** Program tracking: status by step (scoped to what the caller may see), recording steps, milestone calendars. */
export const trackingRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/tracking/status',
    {
      schema: {
        tags,
        description:
          "Counts by lifecycle step per terminal of the latest baseline: the caller's terminals only.",
        querystring: z.object({ port: z.string().min(1).optional() }).strict(),
        response: { 200: TrackStatusView },
      },
    },
    async (request) => trackStatusFor(ctx, principal(request).access, request.query.port),
  );

  app.get(
    '/api/tracking/baselines',
    {
      schema: {
        tags,
        description: 'Approved baselines (national plans: names and approval only), oldest first.',
        response: { 200: BaselineList },
      },
    },
    async () => ({ items: await listBaselines(ctx) }),
  );

  app.post(
    '/api/tracking/steps',
    {
      schema: {
        tags,
        description:
          'Record a lifecycle step or a payment for a crane of the latest baseline on one of your terminals (audited).',
        body: StepBody,
        response: { 201: TrackStepRecord },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const access = requireWrite(p);
      const b = request.body;
      if (!isTrackEvent(b.event)) throw new PortGuardError('invalid_input', `unknown step ${b.event}`);
      const saved = await recordStepFor(ctx, p, access, {
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
    },
  );

  app.post(
    '/api/tracking/forecasts',
    {
      schema: {
        tags,
        description:
          "Record a supplier's forecast of a crane's delivery (contracted, not delivered) on one of your terminals (audited); the re-plan takes it as the arrival.",
        body: ForecastBody,
        response: { 201: TrackStepRecord },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const b = request.body;
      const saved = await recordForecast(
        ctx,
        p,
        {
          craneId: b.craneId,
          arrivalDate: b.arrivalDate,
          reason: b.reason,
          ...(b.evidence === undefined ? {} : { evidence: b.evidence }),
        },
        requireWrite(p),
      );
      return reply.code(201).send(saved);
    },
  );

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
        response: {
          200: {
            description: 'The report file (attachment).',
            content: Object.fromEntries(
              Object.values(REPORT_TYPES).map((type) => [type, { schema: ReportFile }]),
            ),
          },
        },
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
    {
      schema: {
        tags,
        description: "A port's milestones (baseline and recorded steps) as an iCalendar feed.",
        params: z.object({ port: z.string().min(1) }).strict(),
        response: {
          200: { description: 'iCalendar (RFC 5545).', content: { 'text/calendar': { schema: z.string() } } },
        },
      },
    },
    async (request, reply) => {
      const ics = await portCalendarFor(ctx, principal(request).access, request.params.port);
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
