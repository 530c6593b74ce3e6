import { z } from 'zod';
import { fail, ok, type Result } from '../shared/issue.js';
import { fromZodIssues } from '../shared/zod-issues.js';
import type { PlanInput } from './compile.js';

const Period = z.number().int().nonnegative();

/** A user's plan as JSON: a `Plan` exported by `portguard plan --json` fits, as does just `{ name, replacements }`. */
export const PlanFile = z.object({
  name: z.string().min(1).default('user'),
  replacements: z
    .array(
      z.object({
        craneId: z.string().min(1),
        terminalId: z.string().min(1),
        sizeClass: z.string().default(''),
        supplierId: z.string().min(1),
        contractPeriod: Period,
        arrivalPeriod: Period,
        inServicePeriod: Period,
        retirePeriod: Period,
        costCents: z.number().nonnegative(),
      }),
    )
    .readonly(),
});

export function parsePlanFile(data: unknown, source = 'plan'): Result<PlanInput> {
  const parsed = PlanFile.safeParse(data);
  if (!parsed.success) return fail(fromZodIssues(parsed.error, [source]));
  return ok(parsed.data);
}
