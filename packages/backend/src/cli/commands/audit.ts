import { InvalidArgumentError, type Command } from 'commander';
import { allAccess } from '@portguard/core';
import { verifyAuditLog } from '../../audit/verify.js';
import { listAudit } from '../../db/repositories/audit-log.js';
import { ExitCode } from '../exit-codes.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';

const limitArg = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('expected a whole number 1-100000');
  return n;
};

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('The tamper-evident trail of every change (hash-chained)');

  audit
    .command('verify')
    .description(
      'Recompute every hash of the audit log; names each edited or deleted entry. Exit code 1 if any.',
    )
    .option('--json', 'JSON report')
    .addHelpText('after', '\nExample:\n  $ portguard audit verify\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const v = await withContext(cmd, (ctx) => verifyAuditLog(ctx.store));
      if (opts.json) printJson(v);
      else if (v.ok)
        process.stdout.write(`Audit log intact: ${v.entries} entries, every hash and link checks out.\n`);
      else {
        process.stdout.write(`Audit log TAMPERED: ${v.problems.length} problem(s) in ${v.entries} entries\n`);
        for (const p of v.problems) process.stdout.write(`  - ${p.message}\n`);
      }
      if (!v.ok) process.exitCode = ExitCode.findings;
    });

  audit
    .command('list')
    .description('Latest audit entries, newest first')
    .option('--limit <n>', 'how many (default 50)', limitArg)
    .option('--json', 'JSON with before/after values')
    .addHelpText('after', '\nExample:\n  $ portguard audit list --limit 20\n')
    .action(async (opts: { limit?: number; json?: boolean }, cmd: Command) => {
      const items = await withContext(cmd, (ctx) =>
        listAudit(ctx.store.db, allAccess, { limit: opts.limit ?? 50 }),
      );
      if (opts.json) printJson(items);
      else
        printTable(
          ['seq', 'at', 'actor', 'action', 'entity'],
          items.map((e) => [e.seq, e.at, e.actor, e.action, `${e.entity} ${e.entityId}`]),
        );
    });
}
