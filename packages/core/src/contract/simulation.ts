import { z } from 'zod';

/** Plans a simulation can compare; the first one is the baseline of the paired comparisons. */
export const SimulationPlanName = z.enum(['optimized', 'greedy', 'do-nothing']);
export type SimulationPlanName = z.infer<typeof SimulationPlanName>;

/** Re-planners of the 'replan' policy (`portguard simulate --replan-solver`). */
export const ReplanSolver = z.enum(['heuristic', 'greedy', 'milp']);
export type ReplanSolver = z.infer<typeof ReplanSolver>;

/**
 * Most runs a server simulation may re-plan with the 'milp' re-planner: each re-plan costs seconds (about 7–26 s on
 * the national problem at 2 s per re-plan, docs/design/simulation.md), so 200 runs of two plans take hours.
 */
export const MAX_MILP_REPLAN_RUNS = 200;

/** Time limit of a 'milp' re-plan when none is given, seconds (as `portguard simulate --replan-time`). */
export const DEFAULT_REPLAN_TIME_SECONDS = 2;

/**
 * Body of `POST /api/simulations`: a built-in scenario by name, or a scenario object (same JSON as a
 * `portguard simulate --scenario FILE`), replayed `runs` times on the stored inventory's plans. With the 'replan'
 * policy, `replanSolver` re-plans at each run's first shock; 'milp' (the planner itself) takes at most
 * `MAX_MILP_REPLAN_RUNS` runs.
 * @example { "scenario": "budget-cut-year-2", "runs": 1000, "seed": 1, "plans": ["optimized", "greedy"] }
 * @example { "scenario": "budget-cut-year-2", "runs": 20, "policy": "replan", "replanSolver": "milp", "replanTimeSeconds": 2 }
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
    replanSolver: ReplanSolver.default('heuristic'),
    /** Time limit of each 'milp' re-plan, seconds (charged per solve, so the re-plan repeats). */
    replanTimeSeconds: z.number().min(1).max(600).default(DEFAULT_REPLAN_TIME_SECONDS),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (new Set(b.plans).size !== b.plans.length)
      ctx.addIssue({ code: 'custom', message: 'each plan at most once', path: ['plans'] });
    for (const issue of replanIssues(b)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type SimulationRequest = z.infer<typeof SimulationRequest>;

/**
 * What a simulation's re-plan settings break, with the field to blame: a re-planner other than the default without
 * the 'replan' policy, or a 'milp' re-plan of more than `MAX_MILP_REPLAN_RUNS` runs. Shared by the API body and the
 * simulation.run job payload.
 */
export function replanIssues(b: {
  readonly runs: number;
  readonly policy: 'frozen' | 'replan';
  readonly replanSolver?: ReplanSolver | undefined;
}): Array<{ message: string; path: string[] }> {
  const solver = b.replanSolver ?? 'heuristic';
  if (b.policy !== 'replan' && solver !== 'heuristic')
    return [
      {
        message: `replanSolver ${solver} applies only with policy replan (policy is ${b.policy})`,
        path: ['replanSolver'],
      },
    ];
  if (b.policy === 'replan' && solver === 'milp' && b.runs > MAX_MILP_REPLAN_RUNS)
    return [
      {
        message: `at most ${MAX_MILP_REPLAN_RUNS} runs with replanSolver milp (a MILP re-plan takes seconds per run); got ${b.runs}: use fewer runs or the heuristic re-planner`,
        path: ['runs'],
      },
    ];
  return [];
}

/** One built-in scenario as `GET /api/scenarios` lists it. */
export const ScenarioSummary = z.object({ name: z.string(), description: z.string() });
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;
