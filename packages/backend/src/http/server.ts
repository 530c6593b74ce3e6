import cookie from '@fastify/cookie';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAuthHook } from './auth-hook.js';
import type { ServerContext, ServerOptions } from './context.js';
import { errorHandler } from './errors.js';
import { parsingSerializerCompiler } from './serializer.js';
import { routes } from './routes/index.js';
import type { App } from './routes/types.js';
import { registerWebStatic } from './web-static.js';

/**
 * The HTTP API, without listening. Tests call `app.inject()`; `portguard serve` calls `app.listen()`.
 * @example const app = await buildServer({ ...ctx, jobs }); await app.listen({ host: '127.0.0.1', port: 8080 })
 */
export async function buildServer(ctx: ServerContext, options: ServerOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Request ids in logs only; never echo internals to clients.
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(parsingSerializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      code: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
      issues: [],
    });
  });

  const securityHeaders = await helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'PortGuard API',
        version: '0.1.0',
        description:
          'Inventory, screening and replacement planning for untrusted port equipment. Sign in with POST /api/auth/login ' +
          '(session cookie + x-csrf-token header on writes) or send `Authorization: Bearer <token>` from POST /api/auth/tokens.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pg_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: { withCredentials: true } as never,
  });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  registerAuthHook(app, ctx);
  for (const register of routes)
    await app.register(async (instance) =>
      register(instance.withTypeProvider<ZodTypeProvider>(), ctx, options),
    );
  await registerWebStatic(app);
  return app;
}

/**
 * The headers helmet sets for these options, computed once: @fastify/helmet rebuilds helmet's middleware (and
 * re-parses the CSP) on every request, ~4% of an asset listing's time. Our options have no per-request part (no
 * nonces), so the headers are the same for every response.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', () => '');
  const r = await probe.inject({ url: '/' });
  const bare = Fastify();
  const plain = await bare.inject({ url: '/' });
  await Promise.all([probe.close(), bare.close()]);
  // Keep what helmet added, not what any Fastify reply carries.
  return Object.fromEntries(
    Object.entries(r.headers)
      .filter(([k]) => plain.headers[k] === undefined && k !== 'content-type' && k !== 'content-length')
      .map(([k, v]) => [k, String(v)]),
  );
}
