import type { z } from 'zod';
import type { Issue } from './issue.js';

export function fromZodIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    code: i.code,
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}
