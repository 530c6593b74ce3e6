import {
  LoginRequest,
  LoginResponse,
  Me,
  TokenCreated,
  TokenCreateRequest,
  TokenInfo,
} from '@portguard/core';
import { z } from 'zod';
import { listApiTokens } from '../../db/repositories/accounts.js';
import {
  csrfTokenFor,
  issueApiToken,
  login,
  logout,
  revokeApiToken,
  SESSION_TTL_MS,
  toMe,
} from '../../auth/service.js';
import { findUserById } from '../../db/repositories/accounts.js';
import { PortGuardError } from '@portguard/core';
import { principal, SESSION_COOKIE } from '../auth-hook.js';
import type { RouteModule } from './types.js';

const tags = ['auth'];

export const authRoutes: RouteModule = (app, ctx, options) => {
  const cookieOptions = {
    httpOnly: true,
    secure: options.secureCookies ?? true,
    sameSite: 'strict' as const,
    path: '/',
  };

  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: options.loginRateLimit ?? 10, timeWindow: '1 minute' } },
      schema: { tags, body: LoginRequest, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      const r = await login(ctx.store, request.body.username, request.body.password, ctx.clock.now());
      void reply.setCookie(SESSION_COOKIE, r.sessionSecret, {
        ...cookieOptions,
        maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: r.user, csrfToken: r.csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await logout(ctx.store, secret);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/auth/me',
    { schema: { tags, response: { 200: z.object({ user: Me, csrfToken: z.string().nullable() }) } } },
    async (request) => {
      const p = principal(request);
      const u = await findUserById(ctx.store.db, p.userId);
      if (!u) throw new PortGuardError('unauthenticated', 'the account no longer exists');
      const secret = p.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      return { user: toMe(u), csrfToken: secret ? csrfTokenFor(secret) : null };
    },
  );

  app.get(
    '/api/auth/tokens',
    { schema: { tags, response: { 200: z.object({ items: z.array(TokenInfo) }) } } },
    async (request) => ({
      items: await listApiTokens(ctx.store.db, principal(request).userId),
    }),
  );

  app.post(
    '/api/auth/tokens',
    { schema: { tags, body: TokenCreateRequest, response: { 201: TokenCreated } } },
    async (request, reply) => {
      const created = await issueApiToken(ctx.store, principal(request), request.body.name, ctx.clock.now());
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    { schema: { tags, params: z.object({ id: z.string().min(1).max(100) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeApiToken(ctx.store, principal(request), request.params.id, ctx.clock.now());
      return reply.status(204).send(null);
    },
  );
};
