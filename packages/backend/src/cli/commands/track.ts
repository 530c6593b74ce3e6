import { InvalidArgumentError, type Command } from 'commander';
import { LIFECYCLE_STEPS, TRACK_EVENTS, isTrackEvent, type TrackEvent } from '@portguard/core';
import { recordForecast, recordStep, replan, reviseBudget, trackStatus } from '../../tracking/service.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';
import { cliActor, parseDateOption, parseMethod, registerBaselineCommands } from './baseline.js';
import { registerReportCommands } from './report.js';

/** USD with optional thousands separators and cents, e.g. 12,500,000.50, to integer cents. */
export const parseUsd = (v: string): number => {
  const s = v.replace(/[,_$\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s))
    throw new InvalidArgumentError('expected an amount in USD, e.g. 12500000 or 12,500,000.50');
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};
const parseEvent = (v: string): TrackEvent => {
  if (!isTrackEvent(v)) throw new InvalidArgumentError(`expected one of ${TRACK_EVENTS.join(', ')}`);
  return v;
};

/** track, baseline, replan and report: the program-tracking commands. */
export function registerTrackingCommands(program: Command): void {
  const track = program
    .command('track')
    .description('Record where each replacement stands, and see the program by step and port');

  track
    .command('record <crane> <step>')
    .description(`Record a lifecycle step (${LIFECYCLE_STEPS.join(' → ')}) or a payment (paid) for a crane`)
    .requiredOption('--date <YYYY-MM-DD>', 'when it happened', parseDateOption)
    .option('--amount <USD>', 'obligated (funded, contracted) or paid', parseUsd)
    .option('--supplier <id>', 'the trusted supplier contracted (default the baseline’s)')
    .option(
      '--evidence <ref>',
      'a document reference (contract number, bill of lading, acceptance certificate)',
    )
    .option('--note <text>', 'a note')
    .option('--correct', 'a correction: may move the replacement back (needs --reason)')
    .option('--reason <text>', 'why the correction')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard track record LAX-T1-C07 contracted --date 2027-03-14 --amount 14,200,000 --evidence DOT-MARAD-2027-0031\n',
    )
    .action(
      async (
        crane: string,
        step: string,
        o: {
          date: string;
          amount?: number;
          supplier?: string;
          evidence?: string;
          note?: string;
          correct?: boolean;
          reason?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const event = parseEvent(step);
        if (o.correct && o.reason === undefined) throw new InvalidArgumentError('--correct needs --reason');
        await withContext(cmd, async (ctx) => {
          const saved = await recordStep(ctx, cliActor(), {
            craneId: crane,
            event,
            date: o.date,
            ...(o.amount === undefined ? {} : { amountCents: o.amount }),
            ...(o.supplier === undefined ? {} : { supplierId: o.supplier }),
            ...(o.evidence === undefined ? {} : { evidence: o.evidence }),
            ...(o.note === undefined ? {} : { note: o.note }),
            ...(o.correct ? { correction: { reason: o.reason ?? '' } } : {}),
          });
          if (o.json) return printJson(saved);
          process.stdout.write(
            `${crane}: ${event} on ${saved.date} recorded (#${saved.seq}, by ${saved.recordedBy})\n`,
          );
        });
      },
    );

  track
    .command('forecast <crane>')
    .description(
      'Record a supplier’s forecast of a later (or earlier) delivery for a contracted crane; the re-plan uses it as the arrival until delivery',
    )
    .requiredOption('--arrival <YYYY-MM-DD>', 'the delivery date the supplier now expects', parseDateOption)
    .requiredOption('--reason <text>', 'what the supplier said, and why')
    .option('--evidence <ref>', 'a document reference (supplier letter, revised schedule)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard track forecast LAX-T1-C07 --arrival 2029-11-01 --reason "heavy-lift vessel slot lost" --evidence "supplier letter 2029-041"\n',
    )
    .action(
      async (
        crane: string,
        o: { arrival: string; reason: string; evidence?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const saved = await recordForecast(ctx, cliActor(), {
            craneId: crane,
            arrivalDate: o.arrival,
            reason: o.reason,
            ...(o.evidence === undefined ? {} : { evidence: o.evidence }),
          });
          if (o.json) return printJson(saved);
          process.stdout.write(
            `${crane}: delivery forecast ${saved.date} recorded (#${saved.seq}, by ${saved.recordedBy})\n`,
          );
        });
      },
    );

  track
    .command('status')
    .description('Counts of replacements by step, per terminal and in total')
    .option('--port <id>', 'only this port’s terminals (a terminal id or id prefix)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard track status --port USLAX --json\n')
    .action(async (o: { port?: string; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const s = await trackStatus(ctx, o.port);
        if (o.json) return printJson(s);
        printTable(
          ['TERMINAL', ...LIFECYCLE_STEPS.map((x) => x.toUpperCase()), 'OBLIGATED USD', 'PAID USD'],
          [...s.rows, s.total].map((r) => [
            r.terminalId,
            ...LIFECYCLE_STEPS.map((x) => r.counts[x]),
            r.obligatedCents / 100,
            r.paidCents / 100,
          ]),
        );
      });
    });

  track
    .command('budget <program> <fiscalYear>')
    .description('Revise a fiscal year’s appropriation (a cut or an increase) for re-planning; audited')
    .requiredOption('--amount <USD>', 'the new appropriation', parseUsd)
    .requiredOption('--reason <text>', 'why (e.g. the enacted appropriation)')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard track budget prog-federal 2029 --amount 250,000,000 --reason "FY29 appropriation cut"\n',
    )
    .action(async (programId: string, fy: string, o: { amount: number; reason: string }, cmd: Command) => {
      const fiscalYear = Number(fy);
      if (!Number.isInteger(fiscalYear)) throw new InvalidArgumentError('fiscal year: expected e.g. 2029');
      await withContext(cmd, async (ctx) => {
        const saved = await reviseBudget(ctx, cliActor(), {
          programId,
          fiscalYear,
          amountCents: o.amount,
          reason: o.reason,
        });
        process.stdout.write(
          `${programId} FY${fiscalYear}: appropriation now ${o.amount / 100} USD (revision #${saved.seq})\n`,
        );
      });
    });

  program
    .command('replan')
    .description(
      'Re-plan from where things stand today: recorded replacements fixed, revised budgets, no contract before today; what changed and why',
    )
    .option('--method <method>', 'greedy | milp', parseMethod, 'greedy')
    .option('--time-limit <seconds>', 'MILP time limit', (v) => {
      const n = Number(v);
      if (!(n > 0)) throw new InvalidArgumentError('seconds > 0');
      return n;
    })
    .option('--baseline <name>', 'compare with this baseline (default the latest)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard replan --method milp --time-limit 20\n')
    .action(
      async (
        o: { method: 'greedy' | 'milp'; timeLimit?: number; baseline?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const r = await replan(ctx, {
            method: o.method,
            ...(o.timeLimit === undefined ? {} : { timeLimitSeconds: o.timeLimit }),
            ...(o.baseline === undefined ? {} : { baseline: o.baseline }),
          });
          if (o.json)
            return printJson({
              baseline: r.baseline,
              today: r.today,
              notes: r.actual.notes,
              issues: r.issues,
              plan: r.plan,
              changes: r.changes,
            });
          process.stdout.write(
            `Re-plan from ${r.today} against "${r.baseline.name}": ${r.plan.status}, ${r.plan.replacements.length} replacements, ${r.actual.facts.length} held as recorded\n`,
          );
          for (const n of r.actual.notes) process.stdout.write(`note: ${n}\n`);
          for (const i of r.issues) process.stdout.write(`violation: ${i.message}\n`);
          printTable(
            ['CRANE', 'TERMINAL', 'BASELINE IN SERVICE', 'NOW', 'SLIP', 'WHY'],
            r.changes.map((c) => [
              c.craneId,
              c.terminalId,
              c.baselineInService ?? '-',
              c.inService ?? '-',
              c.slipPeriods ?? '-',
              c.why,
            ]),
          );
        });
      },
    );

  registerBaselineCommands(program);
  registerReportCommands(program);
}
