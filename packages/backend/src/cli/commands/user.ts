import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UserRole, type Me } from '@portguard/core';
import { InvalidArgumentError, type Command } from 'commander';
import { hashPassword } from '../../auth/passwords.js';
import { oneTimePassword } from '../../auth/secrets.js';
import { addUser, toMe } from '../../auth/service.js';
import { listUsers, setPassword } from '../../db/repositories/accounts.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';

const role = (value: string) => {
  const r = UserRole.safeParse(value);
  if (!r.success) throw new InvalidArgumentError(`expected one of ${UserRole.options.join(', ')}`);
  return r.data;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];
const cliActor = () => ({ username: `cli:${userInfo().username}` });

function readPassword(fromStdin: boolean): { password: string; generated: boolean } {
  if (!fromStdin) return { password: oneTimePassword(), generated: true };
  const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (password.length < 12)
    throw new InvalidArgumentError('the password on stdin must have at least 12 characters');
  return { password, generated: false };
}

export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description(
      'Accounts: admin, program-office (all ports), port-operator (named facilities/ports), auditor (read-only)',
    );

  user
    .command('add <username>')
    .description('Create a user. Without --password-stdin a one-time password is generated and printed once.')
    .requiredOption('--role <role>', `one of ${UserRole.options.join(', ')}`, role)
    .option('--facility <id>', 'port-operator: a facility it may see and change (repeatable)', collect)
    .option('--port <id>', 'port-operator: every facility of this port (repeatable)', collect)
    .option('--password-stdin', 'read the password from stdin instead of generating one')
    .option('--json', 'print the created user as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard user add alice --role admin\n  $ portguard user add lb-ops --role port-operator --port port-long-beach\n',
    )
    .action(
      async (
        username: string,
        opts: {
          role: UserRole;
          facility?: string[];
          port?: string[];
          passwordStdin?: boolean;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const { password, generated } = readPassword(opts.passwordStdin === true);
        const me = await withContext(cmd, (ctx) =>
          addUser(
            ctx.store,
            cliActor(),
            {
              username,
              password,
              role: opts.role,
              facilityIds: opts.facility ?? [],
              portIds: opts.port ?? [],
            },
            ctx.clock.now(),
          ),
        );
        if (opts.json) printJson({ user: me, ...(generated ? { password } : {}) });
        else {
          process.stdout.write(`Created ${me.username} (${me.role}${scopeText(me)}).\n`);
          if (generated) process.stdout.write(`One-time password (shown once): ${password}\n`);
        }
      },
    );

  user
    .command('list')
    .description('List users with their role and scope')
    .option('--json', 'JSON instead of a table')
    .addHelpText('after', '\nExample:\n  $ portguard user list --json\n')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const users = (await withContext(cmd, (ctx) => listUsers(ctx.store.db))).map(toMe);
      if (opts.json) printJson(users);
      else
        printTable(
          ['user', 'role', 'facilities', 'ports'],
          users.map((u) => [u.username, u.role, u.facilityIds.join(' '), u.portIds.join(' ')]),
        );
    });

  user
    .command('reset-password <username>')
    .description('Give a user a new one-time password (printed once) and end their sessions')
    .addHelpText('after', '\nExample:\n  $ portguard user reset-password alice\n')
    .action(async (username: string, _opts: unknown, cmd: Command) => {
      const password = oneTimePassword();
      const hash = await hashPassword(password);
      await withContext(cmd, (ctx) => setPassword(ctx.store.db, username, hash));
      process.stdout.write(`New one-time password for ${username} (shown once): ${password}\n`);
    });
}

const scopeText = (u: Me) =>
  u.facilityIds.length + u.portIds.length === 0
    ? ''
    : `; ${[...u.portIds.map((p) => `port ${p}`), ...u.facilityIds.map((f) => `facility ${f}`)].join(', ')}`;
