import { PortGuardError } from '@portguard/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { safeEqual, hashSecret } from '../auth/secrets.js';
import { sessionPrincipal, tokenPrincipalCached } from '../auth/service.js';
import type { ServerContext } from './context.js';
import type { App } from './routes/types.js';

export const SESSION_COOKIE = 'pg_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, login, OpenAPI). */
    public?: boolean;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in caller; routes call this instead of reading request.principal. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new PortGuardError('unauthenticated', 'sign in first');
  return request.principal;
}

/**
 * Authenticates every non-public route before its body is parsed: `Authorization: Bearer <api token>` or the
 * session cookie. Cookie-authenticated unsafe requests must echo the session's CSRF token in x-csrf-token;
 * token-authenticated requests are exempt (a browser never attaches a bearer token by itself).
 */
export function registerAuthHook(app: App, ctx: ServerContext): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    // Unknown routes fall through to the 404 handler; swagger-ui's own routes are public.
    if (
      request.routeOptions.config.public === true ||
      url === undefined ||
      url === '/docs' ||
      url.startsWith('/docs/')
    )
      return;
    const now = ctx.clock.now();
    const auth = request.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const p = m ? await tokenPrincipalCached(ctx.store, m[1]!, now) : undefined;
      if (!p) throw new PortGuardError('unauthenticated', 'invalid or revoked API token');
      request.principal = p;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const s = cookie ? await sessionPrincipal(ctx.store, cookie, now) : undefined;
    if (!s) throw new PortGuardError('unauthenticated', 'sign in first (session missing or expired)');
    if (unsafe.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(hashSecret(header), s.csrfHash)) {
        throw new PortGuardError(
          'forbidden',
          `missing or wrong ${CSRF_HEADER} header (returned by login and /api/auth/me)`,
        );
      }
    }
    request.principal = s.principal;
  });
}
