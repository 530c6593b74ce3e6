import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { listProvenance } from '@portguard/core';
import type { ProvenanceRow } from '@portguard/core';
import { formatBuildReport, writeBundledFiles } from '../../dataset/build.js';
import { loadBundledDataset } from '../../dataset/load.js';

const KINDS = ['sourced', 'estimated', 'user'] as const;

function parseKind(value: string): (typeof KINDS)[number] {
  const k = KINDS.find((x) => x === value);
  if (!k) throw new InvalidArgumentError(`expected one of ${KINDS.join(', ')}`);
  return k;
}

function parseShare(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1))
    throw new InvalidArgumentError('expected a number between 0 and 1, e.g. 0.78');
  return n;
}

function formatRows(rows: readonly ProvenanceRow[]): string {
  const header = ['RECORD', 'ID', 'FIELD', 'KIND', 'CONF', 'CITATION OR RULE'];
  const cells = rows.map((r) => [r.recordType, r.id, r.field, r.kind, r.confidence ?? '', r.basis]);
  const widths = header
    .slice(0, 5)
    .map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    [...c.slice(0, 5).map((x, i) => x.padEnd(widths[i] ?? 0)), c[5] ?? ''].join('  ').trimEnd();
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}

export function registerDatasetCommands(program: Command): void {
  const dataset = program
    .command('dataset')
    .description('The bundled national dataset: where each number comes from, and how to regenerate it');

  dataset
    .command('provenance')
    .description(
      'List every field of the bundled dataset with its provenance: the citation it came from or the rule that estimated it',
    )
    .option('--json', 'print JSON rows instead of a table')
    .option('--kind <kind>', 'only fields of this kind: sourced | estimated | user', parseKind)
    .option(
      '--record <type>',
      'only one record type: parameter | port | facility | capacity | asset | component | supplier | funding-program',
    )
    .option('--id <id>', 'only the record with this id')
    .option('--file <file>', 'a dataset file written by `dataset build --out` instead of the bundled one')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard dataset provenance --kind estimated --record capacity\n  $ portguard dataset provenance --id sts-lax-apm-terminals-pier-400-01 --json\n',
    )
    .action(
      (opts: {
        json?: boolean;
        kind?: ProvenanceRow['kind'];
        record?: string;
        id?: string;
        file?: string;
      }) => {
        const rows = listProvenance(
          opts.file === undefined ? loadBundledDataset() : loadBundledDataset(opts.file),
        ).filter(
          (r) =>
            (opts.kind === undefined || r.kind === opts.kind) &&
            (opts.record === undefined || r.recordType === opts.record) &&
            (opts.id === undefined || r.id === opts.id),
        );
        process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatRows(rows));
        if (!opts.json) {
          const sourced = rows.filter((r) => r.kind === 'sourced').length;
          process.stderr.write(
            `${rows.length} fields: ${sourced} sourced, ${rows.length - sourced} estimated or user-entered\n`,
          );
        }
      },
    );

  dataset
    .command('build')
    .description(
      'Regenerate the national dataset and covered-entity list from packages/backend/data/sources (deterministic); --zpmc-share 0.78 gives scenario B',
    )
    .option(
      '--zpmc-share <s>',
      'share of unknown-maker STS cranes attributed to ZPMC (default 0.18, scenario A)',
      parseShare,
    )
    .option('--out <file>', 'dataset output file (default: the bundled national-dataset.json)')
    .option(
      '--covered-list-out <file>',
      'covered-entity list output file (default: the bundled covered-list.json)',
    )
    .option('--json', 'print the build report as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard dataset build --zpmc-share 0.78 --out scenario-b.json --covered-list-out /tmp/covered.json\n',
    )
    .action((opts: { zpmcShare?: number; out?: string; coveredListOut?: string; json?: boolean }) => {
      const result = writeBundledFiles({
        ...(opts.zpmcShare === undefined ? {} : { zpmcShare: opts.zpmcShare }),
        ...(opts.out === undefined ? {} : { out: opts.out }),
        ...(opts.coveredListOut === undefined ? {} : { coveredListOut: opts.coveredListOut }),
      });
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ report: result.report, provenance: result.provenanceCounts, written: result.written }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(formatBuildReport(result));
        process.stdout.write(`wrote ${result.written.join(', ')}\n`);
      }
    });
}
