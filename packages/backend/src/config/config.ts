import path from 'node:path';
import { PortGuardError } from '@portguard/core';

export interface Config {
  /** SQLite file, used when databaseUrl is absent. */
  readonly sqlitePath: string;
  /** PostgreSQL connection string (DATABASE_URL). */
  readonly databaseUrl: string | undefined;
  readonly logLevel: string;
  readonly httpHost: string;
  readonly httpPort: number;
  /** Background jobs run at once by `portguard serve` / `portguard worker` (PORTGUARD_JOB_CONCURRENCY, default 1). */
  readonly jobConcurrency: number;
}

/** The only reader of process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { db?: string } = {}): Config {
  return {
    sqlitePath: path.resolve(overrides.db ?? env.PORTGUARD_DB ?? './portguard.db'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.PORTGUARD_LOG_LEVEL ?? 'warn',
    httpHost: env.PORTGUARD_HOST ?? '127.0.0.1',
    httpPort: Number(env.PORTGUARD_PORT ?? 8080),
    jobConcurrency: jobConcurrencyOf(env.PORTGUARD_JOB_CONCURRENCY),
  };
}

function jobConcurrencyOf(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new PortGuardError(
      'invalid_input',
      `PORTGUARD_JOB_CONCURRENCY: expected a whole number 1-64, got "${value}"`,
    );
  return n;
}
