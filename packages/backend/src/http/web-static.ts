import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { PortGuardError } from '@portguard/core';
import type { App } from './routes/types.js';

/** Where `npm run build:web` writes the dashboard. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the built dashboard at `/` with an SPA fallback (any other GET that is not under /api, /docs or
 * /openapi.json answers index.html). Does nothing when the dashboard has not been built.
 */
export async function registerWebStatic(app: App, root: string = WEB_DIST): Promise<void> {
  if (!existsSync(`${root}/index.html`)) return;
  await app.register(fastifyStatic, { root, serve: false });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('api/') || path === 'api')
      throw new PortGuardError('not_found', `no route GET /${path.split('?')[0]}`);
    if (path.startsWith('assets/') || /^[\w.-]+\.(svg|ico|png|txt|json)$/.test(path)) {
      if (existsSync(`${root}/${path}`))
        return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path);
      throw new PortGuardError('not_found', `no file /${path}`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
