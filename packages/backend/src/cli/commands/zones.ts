import Table from 'cli-table3';
import type { Command } from 'commander';
import { cliPrincipal } from '../../auth/principal.js';
import { zoneRepository } from '../../db/repositories/zones.js';
import { inert, withContext } from '../../evidence/cli-support.js';
import { declareZones } from '../../evidence/zones.js';
import { readZones } from './exposure.js';

/** `portguard zones import|list`: the network zones the zone-boundary rule of `portguard exposure` uses. */
export function registerZoneCommands(program: Command): void {
  const zones = program
    .command('zones')
    .description('Network zones (OT, IT, DMZ, external) for the industrial-protocol zone-boundary finding');

  zones
    .command('import')
    .description(
      'Declare zones from a JSON file [{ "name", "kind": "ot|it|dmz|external", "cidrs": [...], "facility"? }]; a zone of the same name is replaced; every bad entry is reported and nothing is stored',
    )
    .argument('<file>', 'zones file (JSON)')
    .option('--json', 'print the stored zones as JSON')
    .addHelpText('after', '\nExample:\n  $ portguard zones import zones.json && portguard exposure\n')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      const declared = readZones(file, { requireKind: true });
      const stored = await withContext(cmd, (ctx) =>
        declareZones(ctx, cliPrincipal(`cli:${process.env.USER ?? 'operator'}`), declared),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(stored, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${stored.length} zone(s) declared: ${stored.map((z) => inert(z.name)).join(', ')}\n`,
      );
    });

  zones
    .command('list')
    .description('List the declared network zones')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard zones list --json\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rows = await withContext(cmd, (ctx) => zoneRepository(ctx.store.db).list());
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no zones declared: portguard exposure counts each /24 as a zone\n');
        return;
      }
      const t = new Table({ head: ['zone', 'kind', 'CIDR ranges', 'facility', 'declared'] });
      for (const z of rows)
        t.push([inert(z.name), z.kind, z.cidrs.join('\n'), z.facilityId ?? '-', z.declaredAt]);
      process.stdout.write(`${t.toString()}\n`);
    });
}
