import { z } from 'zod';
import type { RouteModule } from './types.js';

export const healthRoutes: RouteModule = (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['system'], response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    () => ({ ok: true as const }),
  );
};
