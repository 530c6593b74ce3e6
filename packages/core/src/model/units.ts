import { z } from 'zod';

/** Money is an integer number of US cents; format only at the edge. */
export const UsdCents = z.number().int().nonnegative().brand<'UsdCents'>();
export type UsdCents = z.infer<typeof UsdCents>;
export const Teu = z.number().nonnegative().brand<'Teu'>();
export type Teu = z.infer<typeof Teu>;
export const MovesPerHour = z.number().positive().max(100).brand<'MovesPerHour'>();
export type MovesPerHour = z.infer<typeof MovesPerHour>;
export const Months = z.number().nonnegative().max(240).brand<'Months'>();
export type Months = z.infer<typeof Months>;
/** A share in [0, 1]. */
export const Fraction = z.number().min(0).max(1).brand<'Fraction'>();
export type Fraction = z.infer<typeof Fraction>;

export const units = {
  cents: (n: number) => Math.round(n) as UsdCents,
  usd: (dollars: number) => Math.round(dollars * 100) as UsdCents,
  teu: (n: number) => n as Teu,
  movesPerHour: (n: number) => n as MovesPerHour,
  months: (n: number) => n as Months,
  fraction: (n: number) => n as Fraction,
};

export function formatUsd(cents: number): string {
  const dollars = cents / 100;
  if (Math.abs(dollars) >= 1e9) return `$${(dollars / 1e9).toFixed(2)}B`;
  if (Math.abs(dollars) >= 1e6) return `$${(dollars / 1e6).toFixed(1)}M`;
  return `$${dollars.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** A three-point estimate (min / most likely / max), e.g. a lead time in months. */
export const ThreePoint = z
  .object({ min: z.number().nonnegative(), mode: z.number().nonnegative(), max: z.number().nonnegative() })
  .refine((t) => t.min <= t.mode && t.mode <= t.max, { message: 'expected min <= mode <= max' });
export type ThreePoint = z.infer<typeof ThreePoint>;

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' });
export type IsoDate = z.infer<typeof IsoDate>;
/** Calendar month, YYYY-MM. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected a month as YYYY-MM' });
export type IsoMonth = z.infer<typeof IsoMonth>;
