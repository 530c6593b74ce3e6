import { readFileSync } from 'node:fs';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { PortGuardError, parseZones, type NetworkZone } from '@portguard/core';
import { exposureFromStore } from '../../evidence/service.js';
import { inert, withContext } from '../../evidence/cli-support.js';

/** Reads a zones file (`[{ "name", "kind", "cidrs": [...], "facility"? }]`), reporting every bad entry at once. */
export function readZones(file: string, options: { readonly requireKind?: boolean } = {}): NetworkZone[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PortGuardError('invalid_input', `cannot read zones file ${file}: ${(e as Error).message}`);
  }
  const parsed = parseZones(raw, file, options);
  if (!parsed.ok) throw new PortGuardError('invalid_input', `${file}: bad zone definitions`, parsed.issues);
  return parsed.zones;
}

export function registerExposureCommands(program: Command): void {
  program
    .command('exposure')
    .description(
      'Exposure per terminal and asset from the imported evidence against the inventory: findings with evidence, interim mitigations mapped to 33 CFR 101 subpart F, and undeclared or unobserved devices',
    )
    .option('--facility <id>', 'only this facility’s evidence and assets')
    .option(
      '--zones <file>',
      'JSON list of network zones [{ "name", "kind", "cidrs": [...] }] for this run, instead of the declared ones (portguard zones import); with neither, each /24 is a zone',
    )
    .option('--json', 'print the full report as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard evidence import conn.log && portguard exposure --zones zones.json\n',
    )
    .action(async (opts: { facility?: string; zones?: string; json?: boolean }, cmd: Command) => {
      const zones = opts.zones === undefined ? undefined : readZones(opts.zones);
      const run = await withContext(cmd, (ctx) =>
        exposureFromStore(ctx, {
          ...(opts.facility === undefined ? {} : { facilityId: opts.facility }),
          ...(zones === undefined ? {} : { zones }),
        }),
      );
      const { report, correlation } = run;
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              inventory: run.inventorySource,
              imports: run.imports,
              zones: run.zones,
              boms: report.boms,
              terminals: report.terminals,
              assets: report.assets,
              findings: report.findings,
              matches: correlation.matches,
              unknownDevices: correlation.unknownDevices,
              unobserved: correlation.unobserved,
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      if (run.imports === 0)
        process.stderr.write('no evidence imported yet: run `portguard evidence import FILE…` first\n');
      const terminals = new Table({ head: ['terminal', 'score', 'because'] });
      for (const t of report.terminals)
        terminals.push([t.facilityId, t.score, t.factors.map((f) => `+${f.weight} ${f.detail}`).join('\n')]);
      const assets = new Table({ head: ['asset', 'score', 'multiplier', 'factors'] });
      for (const a of report.assets)
        assets.push([
          a.assetId,
          a.score,
          (1 + a.score / 100).toFixed(2),
          a.factors.map((f) => `+${f.weight} ${f.factor}`).join('\n'),
        ]);
      const findings = new Table({
        head: ['severity', 'finding', 'device', 'asset', 'summary / mitigation'],
        colWidths: [10, 24, 18, 24, 80],
        wordWrap: true,
      });
      for (const f of report.findings.filter((x) => x.kind !== 'undeclared-device')) {
        findings.push([
          f.severity,
          f.kind,
          f.ip === '' ? '(BOM)' : f.ip,
          f.assetId ?? '-',
          `${inert(f.summary)}\n→ ${f.mitigation}\n(${f.requirements.map((r) => `${r.cite}: ${r.requirement}`).join('; ')})`,
        ]);
      }
      process.stdout.write(
        `Terminals\n${terminals.toString()}\nAssets\n${assets.toString()}\nFindings\n${findings.toString()}\n`,
      );
      for (const b of report.boms)
        process.stdout.write(
          `BOM ${inert(b.file)}${b.subject === undefined ? '' : ` (${inert(b.subject)})`}: ${b.tie.tied ? `tied to ${b.tie.assetId} (${b.tie.by})` : `not tied to an asset: ${inert(b.tie.reason)}`}${b.covered.length > 0 ? `; covered: ${[...new Set(b.covered.map((o) => inert(o.name)))].join(', ')}` : ''}\n`,
        );
      process.stdout.write(
        `${correlation.matches.length} observed devices matched the inventory (${run.inventorySource} inventory); ` +
          `${correlation.unknownDevices.length} devices seen but not declared; ` +
          `${correlation.unobserved.filter((u) => u.reason === 'not-seen').length} declared components with network identities never seen; ` +
          `zones: ${run.zones === 'default' ? 'none declared, each /24 counted as one (portguard zones import)' : run.zones}\n`,
      );
    });
}
