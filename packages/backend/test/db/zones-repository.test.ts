import { describe, expect, it } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { verifyAuditLog } from '../../src/audit/verify.js';
import { zoneRepository } from '../../src/db/repositories/zones.js';
import { storedZones } from '../../src/evidence/service.js';
import { declareZones } from '../../src/evidence/zones.js';
import { contextFor } from '../support/context.js';
import { forEachDialect } from '../support/databases.js';

describe('network zone repository contract', () => {
  forEachDialect((_dialect, open) => {
    it('declares zones, replaces one by name, lists them in name order and audits each change', async () => {
      const store = await open();
      const ctx = contextFor(store, '2026-11-26T12:00:00Z');
      const who = cliPrincipal('cli:test');
      await declareZones(ctx, who, [
        { name: 'yard', kind: 'ot', cidrs: ['10.41.0.0/16'] },
        { name: 'crane-control', kind: 'ot', cidrs: ['10.40.1.0/24', 'fd00:40::/64'], facilityId: 'fac-a' },
      ]);
      await declareZones(ctx, who, [{ name: 'yard', kind: 'dmz', cidrs: ['10.42.0.0/16'] }]);
      const zones = await zoneRepository(store.db).list();
      expect(zones).toEqual([
        {
          name: 'crane-control',
          kind: 'ot',
          cidrs: ['10.40.1.0/24', 'fd00:40::/64'],
          facilityId: 'fac-a',
          declaredAt: '2026-11-26T12:00:00.000Z',
        },
        { name: 'yard', kind: 'dmz', cidrs: ['10.42.0.0/16'], declaredAt: '2026-11-26T12:00:00.000Z' },
      ]);
      // A facility sees its own zones and those declared for none.
      expect((await storedZones(ctx, 'fac-b')).map((z) => z.name)).toEqual(['yard']);
      expect((await storedZones(ctx, 'fac-a')).map((z) => z.name)).toEqual(['crane-control', 'yard']);
      const audit = await store.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('entity', '=', 'network-zone')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual([
        'zone.declare yard',
        'zone.declare crane-control',
        'zone.update yard',
      ]);
      expect((await verifyAuditLog(store)).ok).toBe(true);
      expect(await zoneRepository(store.db).remove(['yard'])).toBe(1);
      expect((await zoneRepository(store.db).list()).map((z) => z.name)).toEqual(['crane-control']);
    });

    it('a zone without a kind is refused before anything is written', async () => {
      const store = await open();
      const ctx = contextFor(store);
      await expect(
        declareZones(ctx, cliPrincipal('cli:test'), [{ name: 'x', cidrs: ['10.0.0.0/8'] }]),
      ).rejects.toThrow(/has no kind/);
      expect(await zoneRepository(store.db).list()).toEqual([]);
    });
  });
});
