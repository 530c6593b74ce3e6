import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../support/databases.js';
import { dbConfigOf, harness, PASSWORD, type Harness } from './fixture.js';

forEachDialect((_dialect, open) => {
  let h: Harness;
  beforeAll(async () => {
    const store = await open();
    h = await harness(store, dbConfigOf(store, process.env.PORTGUARD_TEST_PG_URL), { loginRateLimit: 3 });
  });
  afterAll(() => h?.close());

  it('serves health, the OpenAPI document and the docs page without signing in', async () => {
    expect((await h.app.inject({ url: '/health' })).json()).toEqual({ ok: true });
    const doc = (await h.app.inject({ url: '/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/assets', '/api/assets/{id}', '/api/auth/login', '/api/jobs']),
    );
    const docs = await h.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('sends security headers', async () => {
    const r = await h.app.inject({ url: '/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['strict-transport-security']).toBeDefined();
  });

  it('answers errors with { code, message, issues } and no stack', async () => {
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/assets?limit=0&kind=spaceship',
      headers: { authorization: `Bearer ${h.tokens.admin}` },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json() as { code: string; message: string; issues: Array<{ path: unknown[] }> };
    expect(body.code).toBe('invalid_input');
    expect(body.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        ['querystring', 'limit'],
        ['querystring', 'kind'],
      ]),
    );
    expect(bad.body).not.toMatch(/at .*\.ts:\d+/);
    const missing = await h.app.inject({
      url: '/api/nothing',
      headers: { authorization: `Bearer ${h.tokens.admin}` },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', issues: [] });
    const malformed = await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a1-1',
      headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'application/json' },
      payload: '{"status": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).not.toContain('node_modules');
  });

  it('pages asset listings with the total of the whole result', async () => {
    const auth = { authorization: `Bearer ${h.tokens.admin}` };
    const page = async (q: string) =>
      (await h.app.inject({ url: `/api/assets?${q}`, headers: auth })).json() as {
        items: Array<{ id: string }>;
        total: number;
      };
    const first = await page('limit=3');
    const second = await page('limit=3&offset=3');
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect([...first.items, ...second.items].map((a) => a.id)).toEqual([
      'crane-a1-1',
      'crane-a1-2',
      'crane-a2-1',
      'crane-b1-1',
    ]);
    expect((await page('limit=10')).total).toBe(4);
    const operator = (
      await h.app.inject({
        url: '/api/assets?limit=1',
        headers: { authorization: `Bearer ${h.tokens['op-a']}` },
      })
    ).json() as { total: number };
    expect(operator.total).toBe(3);
  });

  it('rejects unknown fields and oversized bodies', async () => {
    const auth = { authorization: `Bearer ${h.tokens.admin}` };
    const extra = await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a1-1',
      headers: auth,
      payload: { facilityId: 'fac-b1' },
    });
    expect(extra.statusCode).toBe(400);
    const big = await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a1-1',
      headers: auth,
      payload: { model: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('signs in with a cookie session, requires the CSRF token on writes, and signs out', async () => {
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'op-a', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'op-a', password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'pg_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const { csrfToken, user } = r.json() as { csrfToken: string; user: { role: string; portIds: string[] } };
    expect(user).toMatchObject({ role: 'port-operator', portIds: ['port-a'] });
    const cookies = { pg_session: cookie.value };

    expect((await h.app.inject({ url: '/api/auth/me', cookies })).json()).toMatchObject({
      csrfToken,
      user: { username: 'op-a' },
    });
    const noCsrf = await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a1-1',
      cookies,
      payload: { model: 'X1' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const badCsrf = await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a1-1',
      cookies,
      headers: { 'x-csrf-token': 'forged' },
      payload: { model: 'X1' },
    });
    expect(badCsrf.statusCode).toBe(403);
    const ok = await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a1-1',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
      payload: { model: 'X1' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'crane-a1-1', model: 'X1' });

    const out = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await h.app.inject({ url: '/api/auth/me', cookies })).statusCode).toBe(401);
  });

  it('API tokens need no CSRF token, are stored hashed, and stop working when revoked', async () => {
    const auth = { authorization: `Bearer ${h.tokens.office}` };
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: auth,
      payload: { name: 'script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    const stored = await h.store.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const mine = { authorization: `Bearer ${token}` };
    expect(
      (
        await h.app.inject({
          method: 'PATCH',
          url: '/api/assets/crane-b1-1',
          headers: mine,
          payload: { serial: 'S-1' },
        })
      ).statusCode,
    ).toBe(200);
    // Another user cannot revoke it.
    const other = await h.app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${id}`,
      headers: { authorization: `Bearer ${h.tokens['op-a']}` },
    });
    expect(other.statusCode).toBe(404);
    expect(
      (await h.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: auth })).statusCode,
    ).toBe(204);
    expect((await h.app.inject({ url: '/api/assets', headers: mine })).statusCode).toBe(401);
  });

  it('rate-limits login attempts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'auditor', password: 'wrong' },
        remoteAddress: '10.9.9.9',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
  });

  it('audits every change with who, what, before and after, and the chain verifies', async () => {
    const auth = { authorization: `Bearer ${h.tokens.admin}` };
    await h.app.inject({
      method: 'PATCH',
      url: '/api/assets/crane-a2-1',
      headers: auth,
      payload: { status: 'out-of-service' },
    });
    const list = (
      await h.app.inject({ url: '/api/audit?entity=asset&entityId=crane-a2-1', headers: auth })
    ).json() as {
      items: Array<{
        actor: string;
        action: string;
        before: { status: string };
        after: { status: string };
        facilityId: string;
      }>;
    };
    expect(list.items[0]).toMatchObject({
      actor: 'admin',
      action: 'asset.update',
      facilityId: 'fac-a2',
      before: { status: 'in-service' },
      after: { status: 'out-of-service' },
    });
    expect((await h.app.inject({ url: '/api/audit/verify', headers: auth })).json()).toMatchObject({
      ok: true,
      problems: [],
    });
  });

  it('runs a job in a worker thread and reports its result', async () => {
    const auth = { authorization: `Bearer ${h.tokens.auditor}` };
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/jobs',
      headers: auth,
      payload: { kind: 'audit.verify' },
    });
    expect(r.statusCode).toBe(202);
    const { job } = r.json() as { job: { id: string; status: string } };
    expect(job.status).toBe('queued');
    let status = 'queued';
    let body:
      { status: string; result: { ok: boolean; entries: number } | null; attempts: number } | undefined;
    for (let i = 0; i < 100 && status !== 'succeeded' && status !== 'failed'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      body = (await h.app.inject({ url: `/api/jobs/${job.id}`, headers: auth })).json();
      status = body!.status;
    }
    expect(body).toMatchObject({ status: 'succeeded', attempts: 1, result: { ok: true } });
    expect(body!.result!.entries).toBeGreaterThan(5);
  });
});
