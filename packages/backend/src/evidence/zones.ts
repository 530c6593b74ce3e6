import { PortGuardError, type NetworkZone, type ZoneKind } from '@portguard/core';
import { audited } from '../audit/audited.js';
import type { Principal } from '../auth/principal.js';
import { zoneRepository, type StoredZone } from '../db/repositories/zones.js';
import type { Context } from '../services/context.js';

/**
 * Declares zones (replacing those of the same name) and audits each change, in one transaction.
 * @example await declareZones(ctx, cliPrincipal('cli:ops'), [{ name: 'crane-ot', kind: 'ot', cidrs: ['10.40.1.0/24'] }])
 */
export async function declareZones(
  ctx: Pick<Context, 'store' | 'clock'>,
  principal: Pick<Principal, 'username'>,
  zones: readonly NetworkZone[],
): Promise<StoredZone[]> {
  const kinded = zones.map((z) => {
    if (z.kind === undefined)
      throw new PortGuardError('invalid_input', `zone "${z.name}" has no kind (ot, it, dmz or external)`);
    return z as NetworkZone & { kind: ZoneKind };
  });
  const now = ctx.clock.now();
  return audited(ctx.store, principal, now, async (trx, record) => {
    const repo = zoneRepository(trx);
    const before = new Map((await repo.declare(kinded, now.toISOString())).map((z) => [z.name, z]));
    for (const z of kinded) {
      const { declaredAt: _at, ...old } = before.get(z.name) ?? { declaredAt: '' };
      await record({
        action: before.has(z.name) ? 'zone.update' : 'zone.declare',
        entity: 'network-zone',
        entityId: z.name,
        facilityId: z.facilityId ?? null,
        before: before.has(z.name) ? old : null,
        after: z,
      });
    }
    return repo.byName(kinded.map((z) => z.name));
  });
}
