import { IdParam, JobCreated, JobView, PortGuardError } from '@portguard/core';
import { z } from 'zod';
import { principal } from '../auth-hook.js';
import type { ServerContext } from '../context.js';
import type { RouteModule } from './types.js';

const tags = ['jobs'];

function queue(ctx: ServerContext) {
  if (!ctx.jobs) throw new PortGuardError('infrastructure', 'this server runs no job queue');
  return ctx.jobs;
}

export const jobRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/jobs',
    {
      schema: {
        tags,
        description:
          'Start a background job: plan.solve and plan.earliest-deadline (admin, program-office), audit.verify (admin, auditor). Poll GET /api/jobs/{id}.',
        body: z
          .object({ kind: z.string().min(1).max(100), params: z.record(z.string(), z.unknown()).default({}) })
          .strict(),
        response: { 202: JobCreated },
      },
    },
    async (request, reply) => {
      const job = await queue(ctx).submit(principal(request), request.body.kind, request.body.params);
      return reply.status(202).send({ job });
    },
  );

  app.get(
    '/api/jobs',
    {
      schema: {
        tags,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
        response: { 200: z.object({ items: z.array(JobView) }) },
      },
    },
    async (request) => ({ items: await queue(ctx).list(principal(request).access, request.query.limit) }),
  );

  app.get(
    '/api/jobs/:id',
    { schema: { tags, params: IdParam, response: { 200: JobView } } },
    async (request) => {
      const job = await queue(ctx).get(principal(request).access, request.params.id);
      if (!job) throw new PortGuardError('not_found', `no job ${request.params.id}`);
      return job;
    },
  );
};
