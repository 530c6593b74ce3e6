import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSqlite } from '../support/databases.js';
import { dbConfigOf, harness, type Harness } from './fixture.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

/** Every GET route documents its 200 response with a schema in /openapi.json (the web's and scripts' contract). */
onSqlite((open) => {
  describe('OpenAPI response schemas', () => {
    let h: Harness;
    let paths: Record<string, Record<string, Operation>>;
    beforeAll(async () => {
      const store = await open();
      h = await harness(store, dbConfigOf(store, undefined));
      paths = (
        (await h.app.inject({ url: '/openapi.json' })).json() as {
          paths: Record<string, Record<string, Operation>>;
        }
      ).paths;
    });
    afterAll(() => h?.close());

    it('has every GET route with a 200 response schema', () => {
      const missing: string[] = [];
      let gets = 0;
      for (const [path, ops] of Object.entries(paths)) {
        const get = ops.get;
        if (!get) continue;
        gets++;
        const content = get.responses?.['200']?.content ?? {};
        const schemas = Object.values(content).map((c) => c.schema);
        if (schemas.length === 0 || schemas.some((s) => s === undefined || Object.keys(s).length === 0))
          missing.push(`GET ${path}`);
      }
      expect(gets).toBeGreaterThan(20);
      expect(missing, `GET routes without a 200 response schema: ${missing.join(', ')}`).toEqual([]);
    });

    it('documents the dashboard objects field by field', () => {
      const schemaOf = (path: string, status = '200') =>
        paths[path]!.get!.responses![status]!.content!['application/json']!.schema as {
          properties: Record<string, { properties?: Record<string, unknown> }>;
        };
      expect(Object.keys(schemaOf('/api/dashboard/overview').properties)).toEqual(
        expect.arrayContaining(['year', 'scope', 'national', 'ports', 'plan', 'simulation']),
      );
      expect(Object.keys(schemaOf('/api/dashboard/plans/{id}').properties)).toEqual(
        expect.arrayContaining(['id', 'status', 'params', 'periods', 'plans']),
      );
      expect(Object.keys(schemaOf('/api/simulations/{id}').properties)).toEqual(
        expect.arrayContaining(['id', 'status', 'request', 'report', 'scope']),
      );
      const report = paths['/api/tracking/report']!.get!.responses!['200']!.content!;
      expect(Object.keys(report).sort()).toEqual([
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv; charset=utf-8',
      ]);
    });
  });
});
