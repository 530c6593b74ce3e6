import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { PortGuardError, formatIssue, issue, type BomOrganisation } from '@portguard/core';
import { evidenceRepository } from '../../db/repositories/evidence.js';
import { coveredVendorCheck, importEvidence, inventoryFor } from '../../evidence/service.js';
import { inert, withContext } from '../../evidence/cli-support.js';
import { ExitCode } from '../exit-codes.js';
import { registerExposureCommands } from './exposure.js';

export function registerEvidenceCommands(program: Command): void {
  const evidence = program
    .command('evidence')
    .description('Network evidence: import Nmap scans, Zeek logs, pcaps, CycloneDX BOMs and STIX indicators');
  registerExposureCommands(program);

  evidence
    .command('import')
    .description(
      'Import evidence files (format detected from content: Nmap XML, Zeek TSV/JSON incl. .gz, pcap/pcapng via tshark, CycloneDX JSON/XML, STIX 2.1); a refused file is reported and stores nothing else',
    )
    .argument('<files...>', 'evidence files')
    .option('--facility <id>', 'the terminal or site the evidence was collected at')
    .option(
      '--asset <id>',
      'the inventory asset the CycloneDX BOMs among the files describe (default: the asset whose serial, id or model the BOM subject names)',
    )
    .option(
      '--threads <n>',
      'threads for a large uncompressed conn.log (2 folds its second half in a worker thread; helps only when a CPU is idle)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 16)
          throw new PortGuardError('invalid_input', `--threads ${v}: expected a whole number from 1 to 16`);
        return n;
      },
    )
    .option('--json', 'print the per-file summary as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard evidence import scan.xml conn.log.gz capture.pcap --facility term-lax-apm\n  $ portguard evidence import crane-11-hbom.cdx.json --asset sts-lax-apm-terminals-pier-400-11\n',
    )
    .action(
      async (
        files: string[],
        opts: { facility?: string; asset?: string; threads?: number; json?: boolean },
        cmd: Command,
      ) => {
        const missing = files.filter((f) => !existsSync(f));
        if (missing.length > 0) {
          throw new PortGuardError(
            'invalid_input',
            'some files do not exist',
            missing.map((f) => issue('evidence.no_file', [f], 'file not found')),
          );
        }
        const bar = new SingleBar({
          stream: process.stderr,
          noTTYOutput: !process.stderr.isTTY,
          notTTYSchedule: 5000,
          format: '{file} [{bar}] {percentage}% | {value}/{total} bytes',
          hideCursor: true,
        });
        let current = '';
        const { results, covered } = await withContext(cmd, async (ctx) => {
          if (opts.asset !== undefined) {
            const { dataset, source } = await inventoryFor(ctx);
            if (!dataset.assets.some((a) => a.id === opts.asset))
              throw new PortGuardError(
                'invalid_input',
                `--asset ${opts.asset}: no such asset in the ${source} inventory`,
              );
          }
          return {
            covered: await coveredVendorCheck(ctx),
            results: await importEvidence(ctx, files, {
              ...(opts.facility === undefined ? {} : { facilityId: opts.facility }),
              ...(opts.asset === undefined ? {} : { assetId: opts.asset }),
              ...(opts.threads === undefined ? {} : { threads: opts.threads }),
              onProgress: (file, done, total) => {
                // In logs (no TTY) small files would only add two bar lines each.
                if (!process.stderr.isTTY && total < 8 * 1024 * 1024) return;
                if (file !== current) {
                  if (current !== '') bar.stop();
                  current = file;
                  bar.start(total, 0, { file: file.split('/').pop() });
                }
                bar.update(done);
              },
            }),
          };
        });
        if (current !== '') bar.stop();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
        } else {
          const t = new Table({ head: ['file', 'format', 'records', 'issues', 'result'] });
          for (const r of results)
            t.push([
              inert(r.file),
              r.format ?? '-',
              r.records,
              r.issues.length,
              r.refused ? 'REFUSED' : 'stored',
            ]);
          process.stdout.write(`${t.toString()}\n`);
          const orgs = [
            ...new Set(
              results.flatMap((r) =>
                ((r.meta['organisations'] ?? []) as BomOrganisation[])
                  .filter((o) => o.role !== 'author')
                  .map((o) => o.name),
              ),
            ),
          ].sort();
          if (orgs.length > 0) {
            process.stdout.write(
              `BOM suppliers/manufacturers screened: ${orgs.map((n) => `${inert(n)}${covered(n) ? ' (COVERED ENTITY)' : ''}`).join('; ')}\n`,
            );
          }
          for (const r of results)
            for (const i of r.issues.slice(0, 20)) process.stderr.write(`  - ${inert(formatIssue(i))}\n`);
        }
        if (results.some((r) => r.refused)) process.exitCode = ExitCode.invalidInput;
      },
    );

  evidence
    .command('list')
    .description('List imported evidence files with their format, record count and issues')
    .option('--facility <id>', 'only evidence collected at this facility')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard evidence list --json\n')
    .action(async (opts: { facility?: string; json?: boolean }, cmd: Command) => {
      const rows = await withContext(cmd, (ctx) =>
        evidenceRepository(ctx.store.db, ctx.store.dialect).list(
          opts.facility === undefined ? {} : { facilityId: opts.facility },
        ),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const t = new Table({
        head: ['imported', 'file', 'format', 'facility', 'records', 'issues', 'result'],
      });
      for (const r of rows)
        t.push([
          r.importedAt,
          inert(r.file),
          r.format ?? '-',
          r.facilityId ?? '-',
          r.records,
          r.issues.length,
          r.refused ? 'REFUSED' : 'stored',
        ]);
      process.stdout.write(`${t.toString()}\n`);
    });
}
