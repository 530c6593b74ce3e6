import { z } from 'zod';
import { IsoMonth } from '../model/units.js';
import { fail, ok, type Result } from '../shared/issue.js';
import { fromZodIssues } from '../shared/zod-issues.js';

/** Three-point (min / most likely / max) triangular distribution. Durations are in months. */
const Triangular = (lo: number) =>
  z
    .object({ min: z.number().min(lo), mode: z.number().min(lo), max: z.number().min(lo) })
    .refine((t) => t.min <= t.mode && t.mode <= t.max, { message: 'expected min <= mode <= max' });

const MonthsRange = Triangular(0);
const Probability = z.number().min(0).max(1);
const Share = z.number().min(0).max(1);

/** When an adversary event happens. At most one occurrence per event and run. */
export const Hazard = z.discriminatedUnion('kind', [
  /** A constant hazard: the chance the event happens within any one year, from the plan start. */
  z.object({ kind: z.literal('constant'), annualProbability: Probability }),
  /** With `probability`, the event happens at a month drawn uniformly in [from, to] (inclusive). */
  z
    .object({ kind: z.literal('window'), from: IsoMonth, to: IsoMonth, probability: Probability.default(1) })
    .refine((w) => w.from <= w.to, { message: 'expected from <= to', path: ['to'] }),
  /** At the same time as the earlier adversary event with this `name` (one crisis, several effects). */
  z.object({ kind: z.literal('with'), event: z.string().min(1) }),
]);
export type Hazard = z.infer<typeof Hazard>;

const SupplierSelector = z.union([
  z.literal('all'),
  z.literal('untrusted'),
  z.literal('trusted'),
  z.array(z.string().min(1)).min(1),
]);
export type SupplierSelector = z.infer<typeof SupplierSelector>;

/** A point in time: an absolute month, or months after the plan start. */
const When = z.union([
  z.object({ month: IsoMonth }).strict(),
  z.object({ afterMonths: z.number().int().nonnegative() }).strict(),
]);
export type When = z.infer<typeof When>;

export const FundingShock = z
  .object({
    /** Federal fiscal year (e.g. 2028), or the plan's n-th fiscal year (1 = the first). */
    fiscalYear: z.number().int().min(1900).optional(),
    planYear: z.number().int().min(1).optional(),
    /** Share of the year's money that is withheld (0.4 = 40% cut). */
    share: Share,
    /** 'cut': contracts that no longer fit wait for the next year, first come first served.
     *  'prorate': every contract in the year is funded only in part and waits for the rest. */
    mode: z.enum(['cut', 'prorate']).default('cut'),
    probability: Probability.default(1),
    /**
     * When the cut becomes known, in months after the fiscal year starts (1 October), drawn per run: contracts
     * signed before it stand. Default 0–6, most likely 3: the full-year appropriation usually follows continuing
     * resolutions. { min: 0, mode: 0, max: 0 } = known on 1 October.
     */
    knownAfterMonths: Triangular(0)
      .refine((t) => t.max <= 12, {
        message: 'expected at most 12 months (the cut is known within its year)',
      })
      .default({ min: 0, mode: 3, max: 6 }),
  })
  .refine((f) => (f.fiscalYear === undefined) !== (f.planYear === undefined), {
    message: 'expected exactly one of fiscalYear or planYear',
  });

export const SupplierLoss = z.object({
  suppliers: SupplierSelector,
  /** Share of delivery capacity lost; deliveries after `from` stretch by 1 / (1 - share); 1 = nothing more arrives. */
  share: Share,
  from: When,
  probability: Probability.default(1),
});

export const SupplierSlip = z.object({
  suppliers: SupplierSelector,
  /** One draw per supplier and run, added to every arrival from that supplier (correlated delay). */
  months: MonthsRange,
  probability: Probability.default(1),
});

export const AdversaryEvent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('disable-untrusted'),
    name: z.string().min(1).optional(),
    hazard: Hazard,
    /** Share of the untrusted cranes in service at the event that go dark, per terminal. */
    share: Share.default(1),
    durationMonths: MonthsRange,
  }),
  z.object({
    kind: z.literal('spare-parts-cutoff'),
    name: z.string().min(1).optional(),
    hazard: Hazard,
    /** After the cutoff, each untrusted crane fails with this probability per month and stays down until retired. */
    failureProbabilityPerMonth: Probability,
  }),
]);
export type AdversaryEvent = z.infer<typeof AdversaryEvent>;

/**
 * A named disruption scenario: the distribution of events a plan is replayed against.
 * Every part is optional; an empty scenario replays the plan exactly as planned.
 *
 * @example { "name": "slip", "description": "ZPMC-free makers six months late", "supplierSlips": [{ "suppliers": "trusted", "months": { "min": 6, "mode": 6, "max": 6 } }] }
 */
export const Scenario = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a kebab-case name, e.g. my-scenario' }),
  description: z.string().min(1),
  /** Draw each crane's lead time from its supplier's min / most likely / max (arrival never earlier than planned). */
  leadTimes: z
    .object({
      /** Used when a supplier has no min/max: min = mode × minFactor, max = mode × maxFactor. */
      fallbackMinFactor: z.number().positive().default(1),
      fallbackMaxFactor: z.number().positive().default(1.3),
    })
    .optional(),
  /** Independent per-crane shipping delay. */
  shippingDelay: z.object({ probability: Probability, months: MonthsRange }).optional(),
  supplierSlips: z.array(SupplierSlip).readonly().default([]),
  /** Commissioning from the supplier's range, plus an optional independent per-crane slip. */
  commissioning: z
    .object({
      useSupplierRange: z.boolean().default(true),
      fallbackMaxFactor: z.number().positive().default(1.5),
      slip: z.object({ probability: Probability, months: MonthsRange }).optional(),
    })
    .optional(),
  fundingShocks: z.array(FundingShock).readonly().default([]),
  /** Yearly growth of demand relative to the problem's forecast, drawn once per run (e.g. min -0.02, mode 0, max 0.02). */
  demandGrowth: Triangular(-0.99).optional(),
  supplierLosses: z.array(SupplierLoss).readonly().default([]),
  adversary: z
    .array(AdversaryEvent)
    .readonly()
    .default([])
    .superRefine((events, ctx) => {
      events.forEach((e, i) => {
        if (e.hazard.kind !== 'with') return;
        const target = e.hazard.event;
        if (!events.slice(0, i).some((x) => x.name === target))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'hazard', 'event'],
            message: `expected the name of an earlier adversary event, got '${target}'`,
          });
      });
    }),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Validates a user's scenario (parsed JSON); `source` names the file in the issues. */
export function parseScenario(data: unknown, source = 'scenario'): Result<Scenario> {
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) return fail(fromZodIssues(parsed.error, [source]));
  return ok(parsed.data);
}
