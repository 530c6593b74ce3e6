import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../support/databases.js';
import { dbConfigOf, harness, type Harness } from './fixture.js';

const header =
  'id,facilityId,kind,makerId,makerName,model,serial,yearCommissioned,status,sizeClass,criticality,provenance';

function multipart(files: Array<{ name: string; content: string }>): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = '----portguard-test-boundary';
  const parts = files.map(
    (f) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n${f.content}\r\n`,
  );
  return {
    payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

forEachDialect((_dialect, open) => {
  let h: Harness;
  beforeAll(async () => {
    const store = await open();
    h = await harness(store, dbConfigOf(store, process.env.PORTGUARD_TEST_PG_URL));
  });
  afterAll(() => h?.close());

  const countAssets = async () =>
    Number(
      (
        await h.store.db
          .selectFrom('assets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('reports every bad row of an upload at once and writes nothing', async () => {
    const before = await countAssets();
    const csv = [
      header,
      'crane-new-1,fac-a1,sts-crane,,ZPMC,,,2010,in-service,post-panamax,high,',
      'crane-new-2,fac-a1,spaceship,,ZPMC,,,2010,in-service,post-panamax,high,',
      'crane-new-3,fac-nowhere,sts-crane,,ZPMC,,,1800,in-service,post-panamax,high,',
    ].join('\n');
    const m = multipart([{ name: 'assets.csv', content: csv }]);
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...m.headers, authorization: `Bearer ${h.tokens.office}` },
      payload: m.payload,
    });
    expect(r.statusCode).toBe(400);
    const body = r.json() as { code: string; issues: Array<{ path: unknown[] }> };
    expect(body.code).toBe('invalid_input');
    const rows = new Set(body.issues.map((i) => i.path[2]));
    expect(rows).toEqual(new Set([3, 4]));
    expect(body.issues.every((i) => i.path[0] === 'assets.csv')).toBe(true);
    expect(await countAssets()).toBe(before);
  });

  it('imports a clean file, audits it, and refuses port-operators and auditors', async () => {
    const csv = `${header}\ncrane-new-9,fac-b1,sts-crane,,Konecranes,,,2020,in-service,post-panamax,medium,\n`;
    for (const who of ['op-b1', 'auditor'] as const) {
      const m = multipart([{ name: 'assets.csv', content: csv }]);
      const r = await h.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...m.headers, authorization: `Bearer ${h.tokens[who]}` },
        payload: m.payload,
      });
      expect(r.statusCode).toBe(403);
    }
    const dry = multipart([{ name: 'assets.csv', content: csv }]);
    const d = await h.app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=true',
      headers: { ...dry.headers, authorization: `Bearer ${h.tokens.admin}` },
      payload: dry.payload,
    });
    expect(d.json()).toMatchObject({ dryRun: true, total: 1 });
    expect(
      (
        await h.app.inject({
          url: '/api/assets/crane-new-9',
          headers: { authorization: `Bearer ${h.tokens.admin}` },
        })
      ).statusCode,
    ).toBe(404);

    const m = multipart([{ name: 'assets.csv', content: csv }]);
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...m.headers, authorization: `Bearer ${h.tokens.admin}` },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ dryRun: false, counts: { assets: 1 }, total: 1 });
    const seen = await h.app.inject({
      url: '/api/assets/crane-new-9',
      headers: { authorization: `Bearer ${h.tokens['op-b1']}` },
    });
    expect(seen.statusCode).toBe(200);
    const audit = (
      await h.app.inject({
        url: '/api/audit?entity=import',
        headers: { authorization: `Bearer ${h.tokens.auditor}` },
      })
    ).json() as {
      items: Array<{ actor: string; after: { counts: Record<string, number> } }>;
    };
    expect(audit.items[0]).toMatchObject({ actor: 'admin', after: { counts: { assets: 1 } } });
  });
});
