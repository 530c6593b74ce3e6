import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue #6: every query is scoped by the caller's rights in the repository or service layer, not in the route.
 * Routes pass `principal.access` down; they never cut rows themselves nor query tables directly.
 */
const routesDir = fileURLToPath(new URL('../../src/http/routes/', import.meta.url));
const files = readdirSync(routesDir).filter((f) => f.endsWith('.ts'));

describe('routes leave scoping to services and repositories', () => {
  it('finds the route files', () => {
    expect(files).toEqual(expect.arrayContaining(['dashboard.ts', 'simulations.ts', 'tracking.ts']));
  });
  for (const f of files) {
    it(`${f} neither filters by facility nor queries tables`, () => {
      const src = readFileSync(routesDir + f, 'utf8');
      expect(src, `${f} calls canSeeFacility: move the scoping into a service`).not.toMatch(
        /\bcanSeeFacility\b/,
      );
      expect(src, `${f} queries a table: add a repository function`).not.toMatch(
        /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/,
      );
    });
  }
});
