import { InvalidArgumentError, type Command } from 'commander';
import { isPortGuardError, type ReviewStatus, type Severity } from '@portguard/core';
import { currentCoveredList, showCoveredList } from '../../screening/covered-lists.js';
import { describeFinding } from '../../screening/format.js';
import { getFinding, listFindings, reviewFindingIn } from '../../screening/service.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';
import { parseSeverity } from './screen.js';

const STATUSES = ['open', 'accepted-risk', 'false-positive'] as const;
const parseStatus = (value: string): ReviewStatus['status'] => {
  const s = STATUSES.find((x) => x === value);
  if (!s) throw new InvalidArgumentError(`expected one of ${STATUSES.join(', ')}`);
  return s;
};

export function registerFindingsCommands(program: Command): void {
  const findings = program
    .command('findings')
    .description('Screening findings: list them, see why one was raised, review them');

  findings
    .command('list')
    .description('List the findings of the last `portguard screen`, most severe first')
    .option('--json', 'print JSON')
    .option('--status <status>', `only this review status (${STATUSES.join(' | ')})`, parseStatus)
    .option('--min-severity <severity>', 'only findings at or above this severity', parseSeverity)
    .addHelpText('after', '\nExample:\n  $ portguard findings list --status open --min-severity high\n')
    .action(
      async (
        opts: { json?: boolean; status?: ReviewStatus['status']; minSeverity?: Severity },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const rows = await listFindings(ctx, {
            ...(opts.status === undefined ? {} : { status: opts.status }),
            ...(opts.minSeverity === undefined ? {} : { minSeverity: opts.minSeverity }),
          });
          if (opts.json) return printJson(rows);
          printTable(
            ['ID', 'SEVERITY', 'STATUS', 'NAME AS RECORDED', 'ENTITY', 'BASIS', 'SCORE'],
            rows.map((f) => [
              f.id,
              f.severity,
              f.review.status,
              f.subject.name,
              f.entity.name,
              f.basis,
              f.score.toFixed(2),
            ]),
          );
          process.stdout.write(`${rows.length} findings. Details: portguard findings show <id>\n`);
        });
      },
    );

  findings
    .command('show <id>')
    .description(
      'Why a finding was raised: the name forms that aligned, the ownership chain, the designations with citations, the review history',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard findings show asset:sts-lax-apm-terminals-pier-400-01:ce-zpmc\n',
    )
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const { finding, history } = await getFinding(ctx, id);
        if (opts.json) return printJson({ finding, history });
        const list = await showCoveredList(ctx, finding.listVersion).catch((e: unknown) =>
          // A finding from a --list file names a version the store does not hold.
          isPortGuardError(e) && e.code === 'not_found' ? currentCoveredList(ctx) : Promise.reject(e),
        );
        const names = new Map(list.release.organisations.map((o) => [o.id as string, o.legalName]));
        process.stdout.write(`${describeFinding(finding, (oid) => names.get(oid) ?? oid)}\n`);
        for (const h of history)
          process.stdout.write(
            `  history     ${h.at} ${h.status} by ${h.reviewer}${h.note ? `: ${h.note}` : ''}\n`,
          );
      });
    });

  findings
    .command('review <id>')
    .description(
      'Record a review decision: accepted-risk (with a justification) or false-positive (with a reason), or reopen',
    )
    .requiredOption('--status <status>', `${STATUSES.join(' | ')}`, parseStatus)
    .option('--reviewer <name>', 'who decided (required unless reopening)')
    .option('--justification <text>', 'why the risk is accepted (accepted-risk)')
    .option('--reason <text>', 'why it is not the covered entity (false-positive)')
    .option('--json', 'print the updated finding as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard findings review supplier:sup-acme:ce-zpmc --status false-positive --reviewer "J. Doe (PSO)" --reason "Acme Zhenhua Road Ltd is a Singapore logistics firm"\n',
    )
    .action(
      async (
        id: string,
        opts: {
          status: ReviewStatus['status'];
          reviewer?: string;
          justification?: string;
          reason?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const note = opts.status === 'accepted-risk' ? opts.justification : opts.reason;
          const f = await reviewFindingIn(ctx, id, {
            status: opts.status,
            ...(opts.reviewer === undefined ? {} : { reviewer: opts.reviewer }),
            ...(note === undefined ? {} : { note }),
          });
          if (opts.json) return printJson(f);
          process.stdout.write(`${f.id}: ${f.review.status}\n`);
        });
      },
    );
}
