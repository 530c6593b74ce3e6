import { InvalidArgumentError, type Command } from 'commander';
import { Severities, severityRank, type Severity } from '@portguard/core';
import { runScreening } from '../../screening/service.js';
import { withContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { printJson, printTable } from '../output.js';

export function parseSeverity(value: string): Severity {
  const s = Severities.find((x) => x === value);
  if (!s) throw new InvalidArgumentError(`expected one of ${Severities.join(', ')}`);
  return s;
}

export function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n <= 1))
    throw new InvalidArgumentError('expected a score in (0, 1], e.g. 0.7');
  return n;
}

export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description(
      'Screen every maker, component maker, software publisher and supplier against the covered-entity lists, by name, ownership chain and MAC vendor; save the findings and report what changed since the last run',
    )
    .option('--json', 'print the findings and the changes as JSON')
    .option(
      '--fail-on <severity>',
      `exit with code 1 when open findings at or above this severity exist (${Severities.join(' | ')})`,
      parseSeverity,
    )
    .option('--list <file>', 'a covered-list release JSON file instead of the bundled list')
    .option(
      '--oui <file...>',
      'IEEE registry CSV file(s) instead of /usr/share/ieee-data (oui.csv, mam.csv, oui36.csv)',
    )
    .option('--no-mac', 'do not screen MAC addresses')
    .option('--threshold <score>', 'name-match threshold (default 0.7)', parseScore)
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard screen\n  $ portguard screen --fail-on high --json > findings.json\n  $ portguard screen --list covered-list-2027.json --oui ./oui.csv\n',
    )
    .action(
      async (
        opts: {
          json?: boolean;
          failOn?: Severity;
          list?: string;
          oui?: string[];
          mac: boolean;
          threshold?: number;
        },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const r = await runScreening(ctx, {
            ...(opts.list === undefined ? {} : { listFile: opts.list }),
            ...(opts.mac ? (opts.oui === undefined ? {} : { ouiFiles: opts.oui }) : { ouiFiles: [] }),
            ...(opts.threshold === undefined ? {} : { threshold: opts.threshold }),
          });
          const failing =
            opts.failOn === undefined
              ? []
              : r.findings.filter(
                  (f) => f.review.status === 'open' && severityRank(f.severity) >= severityRank(opts.failOn!),
                );
          if (opts.json) {
            printJson({
              runId: r.runId,
              listVersion: r.listVersion,
              inventory: r.inventory,
              macScreening: r.macScreening,
              findings: r.findings,
              changes: {
                fromVersion: r.diff.fromVersion,
                added: r.diff.added.map((f) => f.id),
                removed: r.diff.removed.map((f) => f.id),
                changed: r.diff.changed.map((c) => ({ id: c.after.id, fields: c.fields })),
                unchanged: r.diff.unchanged,
              },
              ...(opts.failOn === undefined ? {} : { failOn: opts.failOn, failing: failing.length }),
            });
          } else {
            printTable(
              ['SEVERITY', 'STATUS', 'SUBJECT', 'NAME AS RECORDED', 'ENTITY', 'BASIS', 'SCORE', 'LISTS'],
              r.findings.map((f) => [
                f.severity,
                f.review.status,
                `${f.subject.kind} ${f.subject.id}`,
                f.subject.name,
                f.entity.organisationId,
                f.basis,
                f.score.toFixed(2),
                [...new Set(f.designations.map((d) => d.list))].join(', '),
              ]),
            );
            const bySeverity = Severities.map(
              (s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`,
            ).reverse();
            process.stdout.write(
              `${r.findings.length} findings (${bySeverity.join(', ')}) against list ${r.listVersion}` +
                `${r.inventory === 'bundled' ? ' — screened the bundled dataset (the store holds no inventory; `portguard init` loads it)' : ''}` +
                `${r.macScreening ? '' : ' — MAC addresses not screened (no IEEE registry; apt-get install ieee-data or --oui FILE)'}\n`,
            );
            process.stdout.write(
              `Since the last run${r.diff.fromVersion ? ` (list ${r.diff.fromVersion})` : ''}: ${r.diff.added.length} new, ${r.diff.removed.length} removed, ${r.diff.changed.length} changed, ${r.diff.unchanged} unchanged.\n`,
            );
            for (const c of r.diff.changed.slice(0, 20))
              process.stdout.write(`  changed ${c.after.id}: ${c.fields.join(', ')}\n`);
            for (const f of r.diff.added.slice(0, 20))
              process.stdout.write(`  new     ${f.id} (${f.severity})\n`);
            for (const f of r.diff.removed.slice(0, 20)) process.stdout.write(`  removed ${f.id}\n`);
            process.stdout.write('Why a finding was raised: portguard findings show <id>\n');
          }
          if (failing.length > 0) {
            process.stderr.write(`${failing.length} open findings at or above ${opts.failOn}\n`);
            process.exitCode = ExitCode.findings;
          }
        });
      },
    );
}
