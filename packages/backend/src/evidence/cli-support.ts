import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { createContext } from '../services/context.js';

/** Text from evidence files can carry terminal escapes or shell payloads; show it inert. */
export const inert = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export async function withContext<T>(
  cmd: Command,
  fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>,
): Promise<T> {
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
