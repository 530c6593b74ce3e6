import { readFileSync, renameSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { AssetKind, PortGuardError, issue } from '@portguard/core';
import { loadBundledDataset } from '../../dataset/load.js';
import { findTable, tables, templateFiles, type ImportIssue, type InputFile } from '../../io/index.js';
import type { Context } from '../../services/context.js';
import {
  exportInventory,
  importInventory,
  inventoryCounts,
  listAssets,
  listFacilities,
  loadBundledIfEmpty,
  loadInventory,
} from '../../services/inventory.js';
import { nationalSummary, type NationalSummary } from '../../services/summary.js';
import { withContext } from '../context.js';
import { loadConfig } from '../../config/config.js';
import { portArg, serveUntilStopped } from './serve.js';
import { formatNumber, inert, printJson, printTable } from '../output.js';

const example = (...lines: string[]) => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): T => {
    const v = allowed.find((a) => a === value);
    if (!v) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return v;
  };

const tableName = (value: string): string => {
  if (!findTable(value))
    throw new InvalidArgumentError(`expected one of ${tables.map((t) => t.key).join(', ')}`);
  return value;
};

const yearArg = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100)
    throw new InvalidArgumentError('expected a year such as 2026');
  return n;
};

/** Writes next to the target and renames, so a reader never sees half a file. */
function writeAtomically(file: string, content: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

function readInputs(files: readonly string[]): InputFile[] {
  const missing = files.filter((f) => !existsSync(f) || !statSync(f).isFile());
  if (missing.length > 0) {
    throw new PortGuardError(
      'invalid_input',
      'cannot read the input files; nothing was written',
      missing.map((f) => issue('no_file', [f], 'file not found')),
    );
  }
  return files.map((f) => ({ name: f, content: readFileSync(f) }));
}

function reportIssues(issues: readonly ImportIssue[]): never {
  const rows = new Set(issues.map((i) => `${i.file}\u0000${i.table ?? ''}\u0000${i.row ?? ''}`)).size;
  throw new PortGuardError(
    'invalid_input',
    `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}; nothing was written`,
    // The message already says where; an empty path keeps the printed line short.
    issues.map((i) => ({ code: i.code, path: [], message: inert(i.message) })),
  );
}

const TEU = (n: number) => formatNumber(Math.round(n));

function printSummary(s: NationalSummary): void {
  const rows = s.ports
    .filter((p) => p.terminals > 0 || p.stsCranes > 0)
    .sort((a, b) => b.capacityAtRiskTeuPerYear - a.capacityAtRiskTeuPerYear || a.name.localeCompare(b.name))
    .map((p) => [
      p.name,
      p.state,
      p.terminals,
      p.stsCranes,
      p.untrustedCranes,
      TEU(p.capacityTeuPerYear),
      TEU(p.demandTeuPerYear),
      TEU(p.capacityAtRiskTeuPerYear),
      TEU(p.shortfallWithoutUntrustedTeuPerYear),
    ]);
  const n = s.national;
  rows.push([
    'NATIONAL',
    `${n.ports} ports`,
    n.terminals,
    n.stsCranes,
    n.untrustedCranes,
    TEU(n.capacityTeuPerYear),
    TEU(n.demandTeuPerYear),
    TEU(n.capacityAtRiskTeuPerYear),
    TEU(n.shortfallWithoutUntrustedTeuPerYear),
  ]);
  process.stdout.write(`National summary, ${s.year} (TEU per year)\n`);
  printTable(
    [
      'Port',
      'State',
      'Terminals',
      'STS cranes',
      'PRC-made/covered',
      'Capacity',
      'Demand',
      'Capacity at risk',
      'Shortfall if untrusted stop',
    ],
    rows,
    { alignRight: [2, 3, 4, 5, 6, 7, 8] },
  );
  const share = n.stsCranes > 0 ? Math.round((100 * n.untrustedCranes) / n.stsCranes) : 0;
  process.stdout.write(
    `${n.untrustedCranes} of ${n.stsCranes} STS cranes (${share}%) are PRC-made or made by a covered entity ` +
      `(${n.coveredCranes} covered directly or through ownership, ${n.prcMadeCranes} PRC-made); ` +
      `they carry ${TEU(n.capacityAtRiskTeuPerYear)} TEU/year of handling capacity.\n`,
  );
  if (n.terminalsWithoutCapacity > 0) {
    process.stdout.write(
      `${n.terminalsWithoutCapacity} terminals have no capacity record and are left out of capacity and demand.\n`,
    );
  }
}

async function summaryOf(ctx: Context, year?: number): Promise<NationalSummary> {
  return nationalSummary(await loadInventory(ctx), year ?? ctx.clock.now().getUTCFullYear());
}

async function initStore(ctx: Context, bundled: boolean): Promise<{ loaded: boolean; records: number }> {
  const r = bundled
    ? await loadBundledIfEmpty(ctx, () => loadBundledDataset())
    : { loaded: false, counts: await inventoryCounts(ctx) };
  return { loaded: r.loaded, records: Object.values(r.counts).reduce((a, b) => a + b, 0) };
}

export function registerInventoryCommands(program: Command): void {
  program
    .command('init')
    .description(
      'Create or migrate the database, and load the bundled national dataset if it holds no inventory yet',
    )
    .option('--no-bundled', 'create an empty database (for your own inventory)')
    .addHelpText('after', example('portguard init', 'portguard --db ./my-port.db init --no-bundled'))
    .action(async (opts: { bundled: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const r = await initStore(ctx, opts.bundled);
        process.stdout.write(
          `Database ready: ${ctx.store.where}\n` +
            (r.loaded
              ? `Loaded the bundled national dataset (${formatNumber(r.records)} records).\n`
              : `It holds ${formatNumber(r.records)} inventory records; nothing was loaded.\n`),
        );
      });
    });

  program
    .command('import')
    .description(
      'Import inventory from CSV, XLSX or JSON files (layout: docs/import-format.md). All or nothing: every bad row is reported and nothing is written',
    )
    .argument('<files...>', 'files to import together (.csv, .xlsx, .json)')
    .option('--dry-run', 'check the files and report, but write nothing')
    .option(
      '--table <table>',
      'the table of CSV files (and bare JSON arrays) whose file name and header do not say it',
      tableName,
    )
    .option('--json', 'print the result (or every problem) as JSON')
    .addHelpText(
      'after',
      example(
        'portguard import facilities.csv assets.csv components.csv --dry-run',
        'portguard import my-cranes.csv --table assets',
        'portguard import inventory.xlsx',
      ),
    )
    .action(
      async (files: string[], opts: { dryRun?: boolean; table?: string; json?: boolean }, cmd: Command) => {
        const inputs = readInputs(files);
        await withContext(cmd, async (ctx) => {
          let bar: SingleBar | undefined;
          const report = await importInventory(ctx, inputs, {
            dryRun: opts.dryRun === true,
            ...(opts.table === undefined ? {} : { table: opts.table }),
            onProgress: (done, total) => {
              if (total < 5000) return;
              if (!bar) {
                bar = new SingleBar({
                  stream: process.stderr,
                  noTTYOutput: true,
                  format: 'writing {bar} {value}/{total} records',
                });
                bar.start(total, 0);
              }
              bar.update(done);
              if (done >= total) bar.stop();
            },
          });
          if (!report.ok) {
            if (opts.json) printJson(report);
            reportIssues(report.issues);
          }
          if (opts.json) return printJson(report);
          const parts = Object.entries(report.counts).map(([k, n]) => `${formatNumber(n)} ${k}`);
          process.stdout.write(
            report.dryRun
              ? `Dry run: ${files.length} file(s) are valid (${parts.join(', ')}); nothing was written.\n`
              : `Imported ${formatNumber(report.total)} records (${parts.join(', ')}) into ${ctx.store.where}.\n`,
          );
        });
      },
    );

  program
    .command('export')
    .description(
      'Export the whole database to JSON (the core Dataset) or XLSX (one sheet per table); both import back losslessly',
    )
    .option(
      '--format <format>',
      'json | xlsx (default: from the --out extension)',
      oneOf(['json', 'xlsx'] as const),
    )
    .requiredOption('--out <file>', 'file to write')
    .addHelpText(
      'after',
      example('portguard export --format xlsx --out inventory.xlsx', 'portguard export --out backup.json'),
    )
    .action(async (opts: { format?: 'json' | 'xlsx'; out: string }, cmd: Command) => {
      const format =
        opts.format ??
        (opts.out.toLowerCase().endsWith('.xlsx')
          ? 'xlsx'
          : opts.out.toLowerCase().endsWith('.json')
            ? 'json'
            : undefined);
      if (!format)
        throw new PortGuardError(
          'invalid_input',
          `cannot tell the format of ${opts.out}: pass --format json or --format xlsx`,
        );
      await withContext(cmd, async (ctx) => {
        writeAtomically(opts.out, await exportInventory(ctx, format));
        process.stdout.write(`Wrote ${opts.out} (${format}).\n`);
      });
    });

  program
    .command('template')
    .description(
      'Write a blank import template: XLSX with one sheet per table, JSON with every table, or CSV files (facilities, assets, components)',
    )
    .option('--format <format>', 'csv | xlsx | json', oneOf(['csv', 'xlsx', 'json'] as const), 'xlsx')
    .option(
      '--out <path>',
      'file to write (CSV without --table: the directory for the CSV files); - for stdout (csv/json)',
    )
    .option('--table <table>', 'only this table', tableName)
    .addHelpText(
      'after',
      example(
        'portguard template --format xlsx --out inventory.xlsx',
        'portguard template --format csv --out ./my-inventory',
        'portguard template --format csv --table assets --out -',
      ),
    )
    .action(async (opts: { format: 'csv' | 'xlsx' | 'json'; out?: string; table?: string }) => {
      const files = await templateFiles(opts.format, opts.table);
      if (opts.out === '-') {
        if (opts.format === 'xlsx' || files.length !== 1)
          throw new PortGuardError(
            'invalid_input',
            '--out - needs --format json, or --format csv with --table',
          );
        process.stdout.write((files[0] as { content: Uint8Array }).content);
        return;
      }
      const toDir = opts.format === 'csv' && opts.table === undefined;
      const targets = toDir
        ? files.map((f) => ({ file: path.join(opts.out ?? '.', f.name), content: f.content }))
        : files.map((f) => ({ file: opts.out ?? f.name, content: f.content }));
      if (toDir) mkdirSync(opts.out ?? '.', { recursive: true });
      for (const t of targets) writeAtomically(t.file, t.content);
      process.stdout.write(`Wrote ${targets.map((t) => t.file).join(', ')}\n`);
    });

  const facilities = program.command('facilities').description('Terminals and sites in the inventory');
  facilities
    .command('list')
    .description('List facilities (terminals, port authority sites, emergency operations centres…)')
    .option('--port <id>', 'only facilities of this port')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      example('portguard facilities list --port port-la', 'portguard facilities list --json'),
    )
    .action(async (opts: { port?: string; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const list = await listFacilities(ctx, opts.port === undefined ? {} : { portId: opts.port });
        if (opts.json) return printJson(list);
        printTable(
          ['ID', 'Kind', 'Name', 'Port', 'Region', 'Operator'],
          list.map((f) => [f.id, f.kind, f.name, f.portId ?? '', f.region ?? '', f.operator ?? '']),
        );
        process.stderr.write(`${list.length} facilities\n`);
      });
    });

  const assets = program
    .command('assets')
    .description('Cranes, cameras, scanners and other equipment in the inventory');
  assets
    .command('list')
    .description('List assets, filtered by port, facility, kind or maker')
    .option('--port <id>', 'only assets at facilities of this port')
    .option('--facility <id>', 'only assets at this facility')
    .option('--kind <kind>', `one of ${AssetKind.options.join(', ')}`, oneOf(AssetKind.options))
    .option('--maker <text>', 'maker id, or part of the maker name (any case)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      example(
        'portguard assets list --port port-lb --kind sts-crane --maker zpmc',
        'portguard assets list --facility term-lb-pier-t --json',
      ),
    )
    .action(
      async (
        opts: { port?: string; facility?: string; kind?: AssetKind; maker?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const list = await listAssets(ctx, {
            ...(opts.port === undefined ? {} : { portId: opts.port }),
            ...(opts.facility === undefined ? {} : { facilityId: opts.facility }),
            ...(opts.kind === undefined ? {} : { kind: opts.kind }),
            ...(opts.maker === undefined ? {} : { maker: opts.maker }),
          });
          if (opts.json) return printJson(list);
          printTable(
            ['ID', 'Facility', 'Kind', 'Maker', 'Model', 'Year', 'Status', 'Class', 'Criticality'],
            list.map((a) => [
              a.id,
              a.facilityId,
              a.kind,
              a.makerId ?? a.makerName ?? '',
              a.model ?? '',
              a.yearCommissioned?.toString() ?? '',
              a.status,
              a.sizeClass ?? '',
              a.criticality,
            ]),
          );
          process.stderr.write(`${list.length} assets\n`);
        });
      },
    );

  program
    .command('summary')
    .description(
      'National summary: ports, terminals, STS cranes, PRC-made or covered cranes, handling capacity vs demand per port and nationally',
    )
    .option('--year <year>', 'the year demand is grown to (default: this year)', yearArg)
    .option('--json', 'print JSON')
    .addHelpText('after', example('portguard summary', 'portguard summary --year 2027 --json'))
    .action(async (opts: { year?: number; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const s = await summaryOf(ctx, opts.year);
        if (opts.json) printJson(s);
        else printSummary(s);
      });
    });

  program
    .command('start')
    .description(
      'The first look: open or create ./portguard.db, load the bundled national dataset if it is empty, print the national summary, then serve the dashboard on 127.0.0.1 (Ctrl-C stops it)',
    )
    .option('--json', 'print the summary as JSON')
    .option('--no-serve', 'print the summary and exit without starting the dashboard')
    .option(
      '--port <port>',
      'dashboard TCP port (default 8080, or $PORTGUARD_PORT; 0 picks a free one)',
      portArg,
    )
    .addHelpText('after', example('portguard start', 'portguard start --no-serve --json', 'npm start'))
    .action(async (opts: { json?: boolean; serve: boolean; port?: number }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const r = await initStore(ctx, true);
        if (r.loaded) process.stderr.write(`Created ${ctx.store.where} from the bundled national dataset.\n`);
        const s = await summaryOf(ctx);
        if (opts.json) printJson(s);
        else printSummary(s);
      });
      if (opts.serve) {
        const globals = cmd.optsWithGlobals<{ db?: string }>();
        const config = loadConfig(process.env, globals.db === undefined ? {} : { db: globals.db });
        await serveUntilStopped(config, {
          worker: true,
          dataset: false,
          ...(opts.port === undefined ? {} : { port: opts.port }),
        });
      }
    });
}
