import { InvalidArgumentError, type Command } from 'commander';
import { ensureFirstAdmin } from '../../auth/service.js';
import { loadBundledDataset } from '../../dataset/load.js';
import { dbConfigFrom } from '../../db/index.js';
import { buildServer } from '../../http/server.js';
import { createJobQueue } from '../../jobs/queue.js';
import { loadBundledIfEmpty } from '../../services/inventory.js';
import { loadConfig, type Config } from '../../config/config.js';
import { createContext } from '../../services/context.js';

export const portArg = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a TCP port 0-65535');
  return n;
};

const seconds = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a whole number of seconds >= 1');
  return n;
};

export const jobCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number 1-64');
  return n;
};

const untilSignal = () =>
  new Promise<string>((resolve) => {
    const on = (s: string) => () => resolve(s);
    process.once('SIGINT', on('SIGINT'));
    process.once('SIGTERM', on('SIGTERM'));
  });

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the HTTP API and web server on 127.0.0.1 (prints the address). Creates or opens the database, loads the bundled ' +
        'dataset if it is empty, creates an admin with a one-time password if there are no users, and runs background jobs.',
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or $PORTGUARD_HOST)')
    .option('--port <port>', 'TCP port (default 8080, or $PORTGUARD_PORT; 0 picks a free one)', portArg)
    .option(
      '--no-worker',
      'do not run background jobs in this process (PostgreSQL: leave them to `portguard worker`)',
    )
    .option(
      '--job-timeout <seconds>',
      'PostgreSQL: a job attempt not finished after this long is presumed dead and retried (default 3600)',
      seconds,
    )
    .option(
      '--job-concurrency <n>',
      'background jobs run at once, each in its own thread (default 1, or $PORTGUARD_JOB_CONCURRENCY)',
      jobCount,
    )
    .option('--no-dataset', 'do not load the bundled dataset into an empty database')
    .option(
      '--insecure-cookies',
      'session cookies without the Secure flag (only for a plain-HTTP host other than localhost)',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard serve --port 8080\n  $ DATABASE_URL=postgres://… portguard serve --no-worker & portguard worker\n',
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<{ db?: string }>();
      await serveUntilStopped(
        loadConfig(process.env, globals.db === undefined ? {} : { db: globals.db }),
        opts,
      );
    });
}

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly worker: boolean;
  readonly dataset: boolean;
  readonly insecureCookies?: boolean;
  readonly jobTimeout?: number;
  readonly jobConcurrency?: number;
}

/** Opens the store, starts the API and dashboard on config.httpHost, and serves until SIGINT/SIGTERM. */
export async function serveUntilStopped(config: Config, opts: ServeOptions): Promise<void> {
  const ctx = await createContext({ config });
  try {
    if (opts.dataset) {
      const r = await loadBundledIfEmpty(ctx, loadBundledDataset);
      if (r.loaded) process.stdout.write('Loaded the bundled national dataset into the empty database.\n');
    }
    const admin = await ensureFirstAdmin(ctx.store, ctx.clock.now());
    const jobs = await createJobQueue({
      store: ctx.store,
      dbConfig: dbConfigFrom(config),
      log: ctx.log,
      work: opts.worker,
      concurrency: opts.jobConcurrency ?? config.jobConcurrency,
      ...(opts.jobTimeout !== undefined
        ? {
            expireInSeconds: opts.jobTimeout,
            maintenanceIntervalSeconds: Math.max(1, Math.min(30, Math.floor(opts.jobTimeout / 4))),
          }
        : {}),
    });
    const app = await buildServer({ ...ctx, jobs }, { secureCookies: opts.insecureCookies !== true });
    const address = await app.listen({
      host: opts.host ?? config.httpHost,
      port: opts.port ?? config.httpPort,
    });
    process.stdout.write(
      `PortGuard listening on ${address}  (dashboard: ${address}/, API docs: ${address}/docs)\n`,
    );
    if (admin) {
      process.stdout.write(
        `\nNo users existed, so an administrator was created. This password is shown ONCE:\n` +
          `  user:     ${admin.username}\n  password: ${admin.password}\n` +
          `Sign in and create named accounts: portguard user add <name> --role …\n\n`,
      );
    }
    const signal = await untilSignal();
    process.stderr.write(`${signal}: stopping (finishing running jobs)…\n`);
    await app.close();
    await jobs.close();
  } finally {
    await ctx.close();
  }
}
