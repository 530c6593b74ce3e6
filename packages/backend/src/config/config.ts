import path from 'node:path';

export interface Config {
  /** SQLite file, used when databaseUrl is absent. */
  readonly sqlitePath: string;
  /** PostgreSQL connection string (DATABASE_URL). */
  readonly databaseUrl: string | undefined;
  readonly logLevel: string;
  readonly httpHost: string;
  readonly httpPort: number;
}

/** The only reader of process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { db?: string } = {}): Config {
  return {
    sqlitePath: path.resolve(overrides.db ?? env.PORTGUARD_DB ?? './portguard.db'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.PORTGUARD_LOG_LEVEL ?? 'warn',
    httpHost: env.PORTGUARD_HOST ?? '127.0.0.1',
    httpPort: Number(env.PORTGUARD_PORT ?? 8080),
  };
}
