import {
  buildReport,
  DEFAULT_REPLAN_TIME_SECONDS,
  parseScenario,
  PortGuardError,
  ReplanSolver,
  replanIssues,
  SimulationPlanName,
  type PlanInput,
  type SimulationReport,
} from '@portguard/core';
import { z } from 'zod';
import { planningInputFromStore } from '../../evidence/planning.js';
import { runPlanning, type PlanMethod } from '../../services/plan.js';
import { runSimulation } from '../../simulation/pool.js';
import { InProcessHighsSolver } from '../../solver/highs-solver.js';
import { defineJobKind } from '../kind.js';

const METHOD: Record<SimulationPlanName, PlanMethod> = {
  optimized: 'milp',
  greedy: 'greedy',
  'do-nothing': 'do-nothing',
};

/** What a finished simulation.run job stores as its result. */
export interface SimulationJobResult {
  readonly scenario: { readonly name: string; readonly description: string };
  readonly report: SimulationReport;
  /** The re-planner that ran at the shocks; null under the frozen policy. */
  readonly replanner: { readonly name: ReplanSolver; readonly timeLimitSeconds: number | null } | null;
  /** Per plan: its planner status, or why it was left out. */
  readonly planNotes: readonly string[];
  readonly warnings: number;
}

/**
 * Monte Carlo replay of the stored inventory's plans against a scenario (the server's `portguard simulate`).
 * The runs execute on this job's thread (workers: 0), which is already off the server's event loop; the
 * results do not depend on the number of threads. With the 'replan' policy, `replanSolver` re-plans at each run's
 * first shock ('milp': the planner itself, `replanTimeSeconds` per re-plan, at most MAX_MILP_REPLAN_RUNS runs).
 */
export const simulationRunJob = defineJobKind({
  name: 'simulation.run',
  description: 'Replay the national plans of the stored inventory against a disruption scenario, N runs.',
  payload: z
    .object({
      scenario: z.unknown(),
      runs: z.number().int().min(1).max(20_000),
      seed: z.number().int().min(0),
      plans: z.array(SimulationPlanName).min(1).max(3),
      startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' }),
      years: z.number().int().min(1).max(20),
      policy: z.enum(['frozen', 'replan']),
      timeLimitSeconds: z.number().min(1).max(600),
      replanSolver: ReplanSolver.optional(),
      replanTimeSeconds: z.number().min(1).max(600).optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      for (const issue of replanIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
    }),
  roles: ['admin', 'program-office'],
  async run({ payload, store, access, progress }): Promise<SimulationJobResult> {
    if (access.kind !== 'all')
      throw new PortGuardError('forbidden', 'a national simulation needs access to all ports');
    const parsed = parseScenario(payload.scenario, 'scenario');
    if (!parsed.ok) throw new PortGuardError('invalid_input', 'the scenario is invalid', parsed.issues);
    const scenario = parsed.value;
    progress(0.02, 'loading the inventory');
    const { dataset, exposureByAsset } = await planningInputFromStore(store);
    const methods = payload.plans.map((p) => METHOD[p]);
    progress(
      0.05,
      methods.includes('milp') ? `planning (MILP time limit ${payload.timeLimitSeconds} s)` : 'planning',
    );
    const run = await runPlanning(
      dataset,
      {
        startMonth: payload.startMonth,
        years: payload.years,
        timeLimitSeconds: payload.timeLimitSeconds,
        methods,
        ...(exposureByAsset === undefined ? {} : { exposureByAsset }),
      },
      methods.includes('milp') ? new InProcessHighsSolver() : undefined,
    );
    const plans: PlanInput[] = [];
    const notes: string[] = [];
    payload.plans.forEach((name, i) => {
      const plan = run.plans.find((p) => p.method === methods[i]);
      if (!plan) return;
      if ((plan.status === 'infeasible' || plan.status === 'no-solution') && plan.replacements.length === 0) {
        notes.push(`${name}: ${plan.status}, no schedule: left out of the simulation`);
        return;
      }
      plans.push({ name, replacements: plan.replacements });
      const gap = plan.gap === null ? '' : `, gap ${(plan.gap * 100).toFixed(2)}%`;
      notes.push(`${name}: ${plan.status}${gap}, ${plan.replacements.length} replacements`);
    });
    if (plans.length === 0)
      throw new PortGuardError('invalid_input', `no plan to simulate: ${notes.join('; ')}`);
    const spec = { problem: run.problem, scenario, plans, seed: payload.seed, policy: payload.policy };
    const solver = payload.replanSolver ?? 'heuristic';
    const replanSeconds = payload.replanTimeSeconds ?? DEFAULT_REPLAN_TIME_SECONDS;
    const replanner =
      payload.policy === 'replan'
        ? { name: solver, timeLimitSeconds: solver === 'milp' ? replanSeconds : null }
        : null;
    const block = await runSimulation(spec, {
      runs: payload.runs,
      workers: 0,
      ...(replanner ? { replanner: replanner.name, replanTimeSeconds: replanSeconds } : {}),
      onProgress: (done, total) =>
        progress(
          0.2 + (0.75 * done) / total,
          `${done} of ${total} runs${replanner ? ` (re-planner ${replanner.name})` : ''}`,
        ),
    });
    progress(0.97, 'summarising');
    const report = buildReport(run.problem, block, {
      scenario: scenario.name,
      policy: payload.policy,
      seed: payload.seed,
    });
    return {
      scenario: { name: scenario.name, description: scenario.description },
      report,
      replanner,
      planNotes: notes,
      warnings: run.warnings.length,
    };
  },
});
