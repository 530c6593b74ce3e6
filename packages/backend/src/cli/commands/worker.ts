import { PortGuardError } from '@portguard/core';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { dbConfigFrom } from '../../db/index.js';
import { createJobQueue } from '../../jobs/queue.js';
import { createContext } from '../../services/context.js';
import { jobCount } from './serve.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Run background jobs (plan solves, simulations) from the shared PostgreSQL queue, without serving HTTP. ' +
        'Start as many as you like on as many machines; each job runs once. With SQLite, `portguard serve` runs jobs itself.',
    )
    .option(
      '--concurrency <n>',
      'jobs at once in this process (default 1, or $PORTGUARD_JOB_CONCURRENCY)',
      jobCount,
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ DATABASE_URL=postgres://portguard@db/portguard portguard worker --concurrency 2\n',
    )
    .action(async (opts: { concurrency?: number }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<{ db?: string }>();
      const config = loadConfig(process.env, globals.db === undefined ? {} : { db: globals.db });
      const dbConfig = dbConfigFrom(config);
      if (dbConfig.kind !== 'postgres') {
        throw new PortGuardError(
          'invalid_input',
          'portguard worker needs a shared PostgreSQL queue: set DATABASE_URL (with SQLite, `portguard serve` runs jobs)',
        );
      }
      const ctx = await createContext({ config });
      try {
        const jobs = await createJobQueue({
          store: ctx.store,
          dbConfig,
          log: ctx.log,
          concurrency: opts.concurrency ?? config.jobConcurrency,
        });
        process.stdout.write(`PortGuard worker running jobs from ${ctx.store.where}\n`);
        const signal = await new Promise<string>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        process.stderr.write(`${signal}: stopping after the running job…\n`);
        await jobs.close();
      } finally {
        await ctx.close();
      }
    });
}
