import { Me, UserCreateRequest } from '@portguard/core';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import { addUser, toMe } from '../../auth/service.js';
import { listUsers } from '../../db/repositories/accounts.js';
import { principal } from '../auth-hook.js';
import type { RouteModule } from './types.js';

const tags = ['users'];

export const userRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/users',
    { schema: { tags, response: { 200: z.object({ items: z.array(Me) }) } } },
    async (request) => {
      requireRole(principal(request), 'admin', 'auditor');
      return { items: (await listUsers(ctx.store.db)).map(toMe) };
    },
  );

  app.post(
    '/api/users',
    { schema: { tags, body: UserCreateRequest, response: { 201: Me } } },
    async (request, reply) => {
      const p = principal(request);
      requireRole(p, 'admin');
      return reply.status(201).send(await addUser(ctx.store, p, request.body, ctx.clock.now()));
    },
  );
};
