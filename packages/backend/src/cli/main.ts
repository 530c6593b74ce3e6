import { Command } from 'commander';
import { formatIssue, isPortGuardError } from '@portguard/core';
import { registrations } from './commands/index.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('portguard')
    .description(
      'PortGuard: inventory, screening and replacement planning for untrusted port equipment (STS cranes, CCTV, scanners).',
    )
    .option(
      '--db <file>',
      'SQLite database file (default ./portguard.db, or $PORTGUARD_DB; $DATABASE_URL selects PostgreSQL)',
    )
    .showHelpAfterError()
    .addHelpText('after', '\nExample:\n  $ portguard init && portguard summary\n');
  for (const register of registrations) register(program);
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  // Subcommands copy settings only when created, so the override is applied to every command here.
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
        ? 0
        : ExitCode.invalidInput;
    }
    if (isPortGuardError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      for (const i of error.issues.slice(0, 200)) process.stderr.write(`  - ${formatIssue(i)}\n`);
      if (error.issues.length > 200) process.stderr.write(`  … and ${error.issues.length - 200} more\n`);
    } else {
      process.stderr.write(
        `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return exitCodeFor(error);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && /(main\.ts|portguard(\.mjs)?)$/.test(process.argv[1]);
if (invokedDirectly || process.env.PORTGUARD_CLI === '1') {
  // `portguard assets list | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await run(process.argv.slice(2));
}
