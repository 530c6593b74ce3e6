import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { createContext, type Context } from '../services/context.js';

/** Opens the store chosen by `--db` / $PORTGUARD_DB / $DATABASE_URL for one command, and closes it afterwards. */
export async function withContext<T>(cmd: Command, fn: (ctx: Context) => Promise<T>): Promise<T> {
  const globals = cmd.optsWithGlobals<{ db?: string }>();
  const ctx = await createContext({
    config: loadConfig(process.env, globals.db === undefined ? {} : { db: globals.db }),
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
