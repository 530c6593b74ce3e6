import { z } from 'zod';

export const WireIssue = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

/** Every non-2xx response body. */
export const ErrorBody = z.object({ code: z.string(), message: z.string(), issues: z.array(WireIssue) });
export type ErrorBody = z.infer<typeof ErrorBody>;
