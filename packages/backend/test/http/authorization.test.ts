import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../support/databases.js';
import { dbConfigOf, harness, users, world, type Harness, type UserName } from './fixture.js';

/**
 * Every endpoint × every role × own / other port. "own" is a resource a port-operator is scoped to, "other"
 * one it is not; for the all-ports roles both are theirs. A resource outside the caller's scope must look
 * exactly like one that does not exist (404), and listings must contain only in-scope rows.
 */
type Role = UserName;
const scope: Record<
  Role,
  {
    facilities: string[] | 'all';
    own: { facility: string; asset: string };
    other: { facility: string; asset: string };
  }
> = {
  admin: {
    facilities: 'all',
    own: { facility: 'fac-a1', asset: 'crane-a1-1' },
    other: { facility: 'fac-b1', asset: 'crane-b1-1' },
  },
  office: {
    facilities: 'all',
    own: { facility: 'fac-a1', asset: 'crane-a1-1' },
    other: { facility: 'fac-b1', asset: 'crane-b1-1' },
  },
  auditor: {
    facilities: 'all',
    own: { facility: 'fac-a1', asset: 'crane-a1-1' },
    other: { facility: 'fac-b1', asset: 'crane-b1-1' },
  },
  'op-a': {
    facilities: ['fac-a1', 'fac-a2'],
    own: { facility: 'fac-a2', asset: 'crane-a1-2' },
    other: { facility: 'fac-b1', asset: 'crane-b1-1' },
  },
  'op-b1': {
    facilities: ['fac-b1'],
    own: { facility: 'fac-b1', asset: 'crane-b1-1' },
    other: { facility: 'fac-a1', asset: 'crane-a1-1' },
  },
};
const sees = (r: Role, facility: string) =>
  scope[r].facilities === 'all' || scope[r].facilities.includes(facility);
const canWrite = (r: Role) => r !== 'auditor';

interface Case {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: (r: Role, which: 'own' | 'other') => string;
  readonly body?: (r: Role, which: 'own' | 'other') => unknown;
  /** Expected status, and for 200 listings the check that nothing out of scope leaked. */
  readonly expect: (r: Role, which: 'own' | 'other') => number;
  readonly check?: (r: Role, which: 'own' | 'other', body: unknown) => void;
}

const facilityOf = (assetId: string) => world.assets[assetId]!;

const cases: Case[] = [
  {
    name: 'GET /api/facilities',
    method: 'GET',
    url: (r, w) =>
      w === 'own' ? '/api/facilities' : `/api/facilities?port=${world.facilities[scope[r].other.facility]}`,
    expect: () => 200,
    check: (r, _w, body) => {
      const ids = (body as { items: Array<{ id: string }> }).items.map((f) => f.id);
      for (const id of ids) expect(sees(r, id), `${r} saw facility ${id}`).toBe(true);
      if (scope[r].facilities !== 'all') expect(ids.length).toBeLessThanOrEqual(scope[r].facilities.length);
    },
  },
  {
    name: 'GET /api/facilities/:id',
    method: 'GET',
    url: (r, w) => `/api/facilities/${scope[r][w].facility}`,
    expect: (r, w) => (sees(r, scope[r][w].facility) ? 200 : 404),
  },
  {
    name: 'GET /api/assets',
    method: 'GET',
    url: (r, w) => (w === 'own' ? '/api/assets' : `/api/assets?facility=${scope[r].other.facility}`),
    expect: () => 200,
    check: (r, _w, body) => {
      const b = body as { items: Array<{ facilityId: string }>; total: number };
      for (const a of b.items)
        expect(sees(r, a.facilityId), `${r} saw an asset of ${a.facilityId}`).toBe(true);
      expect(b.total).toBe(b.items.length);
    },
  },
  {
    name: 'GET /api/assets?port=',
    method: 'GET',
    url: (r, w) => `/api/assets?port=${world.facilities[scope[r][w].facility]}`,
    expect: () => 200,
    check: (r, _w, body) => {
      for (const a of (body as { items: Array<{ facilityId: string }> }).items)
        expect(sees(r, a.facilityId)).toBe(true);
    },
  },
  {
    name: 'GET /api/assets/:id',
    method: 'GET',
    url: (r, w) => `/api/assets/${scope[r][w].asset}`,
    expect: (r, w) => (sees(r, facilityOf(scope[r][w].asset)) ? 200 : 404),
  },
  {
    name: 'GET /api/assets/:id/components',
    method: 'GET',
    url: (r, w) => `/api/assets/${scope[r][w].asset}/components`,
    expect: (r, w) => (sees(r, facilityOf(scope[r][w].asset)) ? 200 : 404),
  },
  {
    name: 'PATCH /api/assets/:id',
    method: 'PATCH',
    url: (r, w) => `/api/assets/${scope[r][w].asset}`,
    body: (r) => ({ serial: `by-${r}` }),
    expect: (r, w) => (!canWrite(r) ? 403 : sees(r, facilityOf(scope[r][w].asset)) ? 200 : 404),
  },
  {
    // A JSON body is not an upload: the roles allowed to import get 400, the others 403 before the body is read.
    name: 'POST /api/imports',
    method: 'POST',
    url: () => '/api/imports?dryRun=true',
    body: () => ({}),
    expect: (r) => (r === 'admin' || r === 'office' ? 400 : 403),
  },
  {
    name: 'GET /api/audit',
    method: 'GET',
    url: (r, w) => (w === 'own' ? '/api/audit' : `/api/audit?entity=asset&entityId=${scope[r].other.asset}`),
    expect: () => 200,
    check: (r, _w, body) => {
      for (const e of (body as { items: Array<{ facilityId: string | null }> }).items) {
        if (scope[r].facilities !== 'all')
          expect(e.facilityId !== null && sees(r, e.facilityId), `${r} saw audit of ${e.facilityId}`).toBe(
            true,
          );
      }
    },
  },
  {
    name: 'GET /api/audit/verify',
    method: 'GET',
    url: () => '/api/audit/verify',
    expect: (r) => (r === 'admin' || r === 'auditor' ? 200 : 403),
  },
  {
    name: 'GET /api/users',
    method: 'GET',
    url: () => '/api/users',
    expect: (r) => (r === 'admin' || r === 'auditor' ? 200 : 403),
  },
  {
    name: 'POST /api/users',
    method: 'POST',
    url: () => '/api/users',
    body: (r, w) => ({
      username: `new-${r}-${w}`,
      password: 'a long enough password',
      role: 'port-operator',
      facilityIds: [scope[r][w].facility],
    }),
    expect: (r) => (r === 'admin' ? 201 : 403),
  },
  { name: 'GET /api/auth/me', method: 'GET', url: () => '/api/auth/me', expect: () => 200 },
  { name: 'GET /api/auth/tokens', method: 'GET', url: () => '/api/auth/tokens', expect: () => 200 },
  {
    name: 'POST /api/auth/tokens',
    method: 'POST',
    url: () => '/api/auth/tokens',
    body: () => ({ name: 'matrix' }),
    expect: () => 201,
  },
  {
    name: 'POST /api/jobs plan/audit',
    method: 'POST',
    url: () => '/api/jobs',
    body: () => ({ kind: 'audit.verify' }),
    expect: (r) => (r === 'admin' || r === 'auditor' ? 202 : 403),
  },
  { name: 'GET /api/jobs', method: 'GET', url: () => '/api/jobs', expect: () => 200 },
  // The web dashboard's reads (packages/backend/src/http/routes/dashboard.ts); the generic leak check below applies.
  {
    name: 'GET /api/dashboard/overview',
    method: 'GET',
    url: () => '/api/dashboard/overview',
    expect: () => 200,
  },
  {
    name: 'GET /api/dashboard/ports/:id',
    method: 'GET',
    url: (r, w) => `/api/dashboard/ports/${world.facilities[scope[r][w].facility]!}`,
    expect: (r, w) => (sees(r, scope[r][w].facility) ? 200 : 404),
  },
  {
    name: 'GET /api/dashboard/sites/:id',
    method: 'GET',
    url: (r, w) => `/api/dashboard/sites/${scope[r][w].facility}`,
    expect: (r, w) => (sees(r, scope[r][w].facility) ? 200 : 404),
  },
  {
    name: 'GET /api/dashboard/findings',
    method: 'GET',
    url: () => '/api/dashboard/findings',
    expect: () => 200,
  },
  { name: 'GET /api/dashboard/plans', method: 'GET', url: () => '/api/dashboard/plans', expect: () => 200 },
  // Simulations (routes/simulations.ts): national jobs; everyone reads, operators only their terminals' rows.
  { name: 'GET /api/scenarios', method: 'GET', url: () => '/api/scenarios', expect: () => 200 },
  {
    name: 'POST /api/simulations',
    method: 'POST',
    url: () => '/api/simulations',
    body: () => ({ scenario: 'as-planned', runs: 2, plans: ['do-nothing'] }),
    expect: (r) => (r === 'admin' || r === 'office' ? 202 : 403),
  },
  { name: 'GET /api/simulations', method: 'GET', url: () => '/api/simulations', expect: () => 200 },
  // Without a baseline the program page says how to make one; with one: packages/web/test/api/program-api.test.ts.
  {
    name: 'GET /api/dashboard/program',
    method: 'GET',
    url: () => '/api/dashboard/program',
    expect: () => 200,
    check: (_r, _w, body) => expect((body as { baseline: unknown }).baseline).toBeNull(),
  },
];

forEachDialect((_dialect, open) => {
  let h: Harness;
  let adminJob: string;
  beforeAll(async () => {
    const store = await open();
    h = await harness(store, dbConfigOf(store, process.env.PORTGUARD_TEST_PG_URL));
    // Give every facility an audit entry, and the admin a job, so that listings have something to leak.
    for (const asset of Object.keys(world.assets)) {
      await h.app.inject({
        method: 'PATCH',
        url: `/api/assets/${asset}`,
        headers: { authorization: `Bearer ${h.tokens.admin}` },
        payload: { model: 'M' },
      });
    }
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: { authorization: `Bearer ${h.tokens.admin}` },
      payload: { kind: 'audit.verify' },
    });
    adminJob = (r.json() as { job: { id: string } }).job.id;
  });
  afterAll(async () => {
    await h.jobs.idle();
    await h.close();
  });

  for (const c of cases) {
    describe(c.name, () => {
      it('needs a signed-in caller', async () => {
        const r = await h.app.inject({
          method: c.method,
          url: c.url('admin', 'own'),
          ...(c.body ? { payload: c.body('admin', 'own') as object } : {}),
        });
        expect(r.statusCode).toBe(401);
        expect(r.json()).toMatchObject({ code: 'unauthenticated' });
      });
      for (const u of users) {
        for (const which of ['own', 'other'] as const) {
          it(`${u.username} (${u.role}) on ${which} port`, async () => {
            const r = await h.app.inject({
              method: c.method,
              url: c.url(u.username, which),
              headers: { authorization: `Bearer ${h.tokens[u.username]}` },
              ...(c.body ? { payload: c.body(u.username, which) as object } : {}),
            });
            expect(r.statusCode, r.body).toBe(c.expect(u.username, which));
            if (r.statusCode >= 400)
              expect(Object.keys(r.json() as object).sort()).toEqual(['code', 'issues', 'message']);
            else {
              c.check?.(u.username, which, r.json());
              // No response to a port-operator names a facility or asset outside its scope.
              if (u.role === 'port-operator') {
                for (const [asset, facility] of Object.entries(world.assets)) {
                  if (!sees(u.username, facility))
                    expect(r.body, `${c.name} leaked ${asset}`).not.toContain(`"${asset}"`);
                }
                for (const facility of Object.keys(world.facilities)) {
                  if (!sees(u.username, facility))
                    expect(r.body, `${c.name} leaked ${facility}`).not.toContain(`"${facility}"`);
                }
              }
            }
          });
        }
      }
    });
  }

  describe('GET /api/jobs/:id', () => {
    for (const u of users) {
      it(`${u.username}: a job started with all-ports rights is visible only to all-ports roles`, async () => {
        const r = await h.app.inject({
          url: `/api/jobs/${adminJob}`,
          headers: { authorization: `Bearer ${h.tokens[u.username]}` },
        });
        expect(r.statusCode).toBe(u.role === 'port-operator' ? 404 : 200);
        const list = (
          await h.app.inject({
            url: '/api/jobs',
            headers: { authorization: `Bearer ${h.tokens[u.username]}` },
          })
        ).json() as {
          items: Array<{ id: string }>;
        };
        expect(list.items.some((j) => j.id === adminJob)).toBe(u.role !== 'port-operator');
      });
    }
  });

  it('covers every API route in the OpenAPI document', async () => {
    const doc = (await h.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const tested = new Set([
      ...cases.map((c) => c.name.split(' ').slice(0, 2).join(' ').replace(/\?.*$/, '')),
      'GET /api/jobs/:id',
    ]);
    const untestedHere = new Set([
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'DELETE /api/auth/tokens/:id',
      // packages/web/test/api/dashboard-api.test.ts (plan runs and reviews need planner and screening data)
      'POST /api/dashboard/plans',
      'GET /api/dashboard/plans/:id',
      'POST /api/dashboard/findings/:id/review',
      // packages/web/test/api/simulation-api.test.ts (needs a finished simulation of the bundled inventory)
      'GET /api/simulations/:id',
      // packages/web/test/api/program-api.test.ts (needs an approved baseline of the bundled inventory)
      'GET /api/tracking/report',
      // packages/backend/test/tracking/http.test.ts (needs an approved baseline)
      'GET /api/tracking/status',
      'GET /api/tracking/baselines',
      'POST /api/tracking/steps',
      'POST /api/tracking/forecasts',
      'GET /api/tracking/ical/:port',
    ]); // the auth routes: server.test.ts
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const m of Object.keys(methods)) {
        const key = `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        expect(tested.has(key) || untestedHere.has(key), `${key} is not in the authorization matrix`).toBe(
          true,
        );
      }
    }
  });
});
