import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { reportToPdf } from '../../tracking/pdf.js';
import {
  buildStatusReport,
  portCalendar,
  reportToCsv,
  reportToXlsx,
  type ReportScope,
} from '../../tracking/report.js';
import { withContext } from '../context.js';

const parseScope = (v: string): ReportScope => {
  if (v === 'national') return { kind: 'national' };
  if (v.startsWith('port:') && v.length > 5) return { kind: 'port', port: v.slice(5) };
  throw new InvalidArgumentError('expected national or port:ID');
};
const parseFormat = (v: string): 'csv' | 'xlsx' | 'pdf' => {
  if (v !== 'csv' && v !== 'xlsx' && v !== 'pdf') throw new InvalidArgumentError('expected csv, xlsx or pdf');
  return v;
};

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description(
      'Status report against the baseline (progress, spend, slippage, risk, capacity headroom, findings)',
    )
    .option('--scope <scope>', 'national | port:ID', parseScope, { kind: 'national' } as ReportScope)
    .option('--format <format>', 'csv | xlsx | pdf (default from --out)', parseFormat)
    .option('--out <file>', 'where to write the report (required)')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard report --scope port:USLAX --format xlsx --out lax-status.xlsx\n',
    )
    .action(
      async (o: { scope: ReportScope; format?: 'csv' | 'xlsx' | 'pdf'; out?: string }, cmd: Command) => {
        const out = o.out;
        if (out === undefined) throw new InvalidArgumentError('--out <file> is required');
        const format = o.format ?? (out.endsWith('.xlsx') ? 'xlsx' : out.endsWith('.pdf') ? 'pdf' : 'csv');
        await withContext(cmd, async (ctx) => {
          const r = await buildStatusReport(ctx, o.scope);
          if (format === 'xlsx') writeFileSync(out, await reportToXlsx(r));
          else if (format === 'pdf')
            writeFileSync(out, await reportToPdf(r, process.env.PORTGUARD_CHROMIUM ?? '/usr/bin/chromium'));
          else writeFileSync(out, reportToCsv(r));
          process.stdout.write(`${r.title} (baseline "${r.baseline}", as of ${r.asOf}) written to ${out}\n`);
        });
      },
    );

  report
    .command('ical')
    .description('Milestones of one port’s replacements as an iCalendar feed (RFC 5545)')
    .requiredOption('--port <id>', 'a terminal id or id prefix')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText('after', '\nExample:\n  $ portguard report ical --port USLAX --out lax.ics\n')
    .action(async (o: { port: string; out?: string }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const ics = await portCalendar(ctx, o.port);
        if (o.out) writeFileSync(o.out, ics);
        else process.stdout.write(ics);
      });
    });
}
