import { z } from 'zod';

/** Plans a simulation can compare; the first one is the baseline of the paired comparisons. */
export const SimulationPlanName = z.enum(['optimized', 'greedy', 'do-nothing']);
export type SimulationPlanName = z.infer<typeof SimulationPlanName>;

/**
 * Body of `POST /api/simulations`: a built-in scenario by name, or a scenario object (same JSON as a
 * `portguard simulate --scenario FILE`), replayed `runs` times on the stored inventory's plans.
 * @example { "scenario": "budget-cut-year-2", "runs": 1000, "seed": 1, "plans": ["optimized", "greedy"] }
 */
export const SimulationRequest = z
  .object({
    scenario: z.union([z.string().min(1).max(100), z.record(z.string(), z.unknown())]),
    runs: z.number().int().min(1).max(20_000).default(1000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    plans: z.array(SimulationPlanName).min(1).max(3).default(['optimized', 'greedy']),
    startMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' })
      .default('2027-01'),
    years: z.number().int().min(1).max(20).default(10),
    policy: z.enum(['frozen', 'replan']).default('frozen'),
    /** MILP time limit of the optimized plan, seconds. */
    timeLimitSeconds: z.number().min(1).max(600).default(10),
  })
  .strict()
  .refine((b) => new Set(b.plans).size === b.plans.length, {
    message: 'each plan at most once',
    path: ['plans'],
  });
export type SimulationRequest = z.infer<typeof SimulationRequest>;

/** One built-in scenario as `GET /api/scenarios` lists it. */
export const ScenarioSummary = z.object({ name: z.string(), description: z.string() });
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;
