import { vi } from 'vitest';
import { run } from '../../src/cli/main.js';

const text = (c: unknown) => (typeof c === 'string' ? c : Buffer.from(c as Uint8Array).toString('utf8'));

/** Runs the `portguard` CLI in-process, capturing what it writes and its exit code. */
export async function runCli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: unknown) => ((out += text(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: unknown) => ((err += text(c)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    return { code: await run(args), out, err };
  } finally {
    process.exitCode = before;
    o.mockRestore();
    e.mockRestore();
  }
}
