import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  PortGuardError,
  buildReport,
  builtinScenarios,
  doNothingPlan,
  greedyPlan,
  findBuiltinScenario,
  generateProblem,
  parsePlanFile,
  parseScenario,
  type Issue,
  type PlanInput,
  type PlanningProblem,
  type Scenario,
  type SimulationBlock,
  type SimulationPolicy,
  type SimulationReport,
} from '@portguard/core';
import type { Config } from '../config/config.js';
import { loadPlanningDataset, runPlanning, type DatasetSource, type PlanMethod } from '../services/plan.js';
import { runSimulation } from './pool.js';
import type { ReplannerName } from './replanners.js';

export const SIMULATION_PLANS = ['optimized', 'greedy', 'do-nothing'] as const;
export type SimulationPlanName = (typeof SIMULATION_PLANS)[number];
const METHOD: Record<SimulationPlanName, PlanMethod> = {
  optimized: 'milp',
  greedy: 'greedy',
  'do-nothing': 'do-nothing',
};

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PortGuardError('invalid_input', `cannot read the ${what} ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PortGuardError('invalid_input', `${file}: expected a JSON ${what}: ${(e as Error).message}`);
  }
}

/** A built-in scenario by name, or a scenario JSON file. */
export function resolveScenario(nameOrFile: string): Scenario {
  const builtin = findBuiltinScenario(nameOrFile);
  if (builtin) return builtin;
  if (!existsSync(nameOrFile))
    throw new PortGuardError(
      'invalid_input',
      `--scenario: '${nameOrFile}' is neither a built-in scenario (${builtinScenarios.map((s) => s.name).join(', ')}) nor a file`,
    );
  const parsed = parseScenario(readJson(nameOrFile, 'scenario'), basename(nameOrFile));
  if (!parsed.ok)
    throw new PortGuardError('invalid_input', `${nameOrFile} is not a valid scenario`, parsed.issues);
  return parsed.value;
}

export function readPlanFile(file: string): PlanInput {
  const raw = readJson(file, 'plan');
  // A file written by `portguard plan --out x.json` wraps the plan: { startMonth, …, plan }.
  const body =
    typeof raw === 'object' && raw !== null && 'plan' in raw ? (raw as { plan: unknown }).plan : raw;
  const parsed = parsePlanFile(body, basename(file));
  if (!parsed.ok) throw new PortGuardError('invalid_input', `${file} is not a valid plan`, parsed.issues);
  return parsed.value.name === 'user'
    ? { ...parsed.value, name: basename(file).replace(/\.json$/i, '') }
    : parsed.value;
}

export type ProblemSource =
  | { readonly kind: 'dataset'; readonly prefer: 'auto' | DatasetSource }
  | {
      readonly kind: 'generated';
      readonly terminals: number;
      readonly cranes: number;
      readonly seed: number;
    };

export interface SimulateRequest {
  readonly scenario: Scenario;
  readonly source: ProblemSource;
  readonly startMonth: string;
  readonly years: number;
  readonly plans: readonly SimulationPlanName[];
  readonly planFiles: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly workers: number;
  readonly policy: SimulationPolicy;
  /** Re-optimiser of the replan policy (default 'heuristic'); 'milp' runs the planner at every shock. */
  readonly replanner?: ReplannerName;
  /** Time limit of each 'milp' re-plan, seconds. */
  readonly replanTimeSeconds?: number;
  /** Time limit of the MILP for the 'optimized' plan. */
  readonly timeLimitSeconds: number;
  /** Plan with a priced capacity shortfall instead of a hard floor (portguard plan --soft). */
  readonly softFloor?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onStatus?: (message: string) => void;
}

export interface SimulateOutcome {
  readonly report: SimulationReport;
  readonly block: SimulationBlock;
  readonly problem: PlanningProblem;
  readonly source: string;
  readonly warnings: readonly Issue[];
  /** Per plan: how it was obtained and its planner status. */
  readonly planNotes: readonly string[];
}

/**
 * Builds the problem and the plans (planner services, or a user's plan files), then replays them all on the
 * same draws. Example: `await simulatePlans(config, { scenario: resolveScenario('budget-cut-year-2'), … })`.
 */
export async function simulatePlans(config: Config, req: SimulateRequest): Promise<SimulateOutcome> {
  if (req.plans.length === 0 && req.planFiles.length === 0)
    throw new PortGuardError('invalid_input', 'expected at least one plan (--plans or --plan FILE)');
  let problem: PlanningProblem;
  let source: string;
  let warnings: readonly Issue[] = [];
  const plans: PlanInput[] = [];
  const notes: string[] = [];
  const methods = req.plans.map((p) => METHOD[p]);
  if (req.source.kind === 'generated') {
    const { terminals, cranes, seed } = req.source;
    problem = generateProblem({
      terminals,
      cranes,
      suppliers: 4,
      years: req.years,
      seed,
      startMonth: req.startMonth,
    });
    source = `generated (${terminals} terminals, ${cranes} cranes, seed ${seed})`;
    if (methods.includes('milp'))
      throw new PortGuardError(
        'invalid_input',
        'the optimized plan needs the dataset; with --generated use --plans greedy,do-nothing or --plan FILE',
      );
    for (const p of req.plans) {
      const plan = p === 'greedy' ? greedyPlan(problem) : doNothingPlan(problem);
      plans.push({ name: p, replacements: plan.replacements });
      notes.push(`${p}: ${plan.status}, ${plan.replacements.length} replacements`);
    }
  } else {
    const loaded = await loadPlanningDataset(config, req.source.prefer);
    source = loaded.source;
    if (methods.includes('milp'))
      req.onStatus?.(`solving the optimized plan (time limit ${req.timeLimitSeconds} s)…`);
    const run = await runPlanning(loaded.dataset, {
      startMonth: req.startMonth,
      years: req.years,
      timeLimitSeconds: req.timeLimitSeconds,
      softFloor: req.softFloor === true,
      ...(loaded.exposureByAsset === undefined ? {} : { exposureByAsset: loaded.exposureByAsset }),
      methods: methods.length > 0 ? methods : ['do-nothing'],
      clock: () => performance.now(),
    });
    problem = run.problem;
    warnings = run.warnings;
    req.plans.forEach((name, i) => {
      const plan = run.plans.find((p) => p.method === methods[i]);
      if (!plan) return;
      if ((plan.status === 'infeasible' || plan.status === 'no-solution') && plan.replacements.length === 0) {
        notes.push(
          `${name}: ${plan.status}, no schedule: left out of the simulation (see portguard plan; --soft allows a priced shortfall)`,
        );
        return;
      }
      plans.push({ name, replacements: plan.replacements });
      const gap = plan.gap === null ? '' : `, gap ${(plan.gap * 100).toFixed(2)}%`;
      notes.push(`${name}: ${plan.status}${gap}, ${plan.replacements.length} replacements`);
    });
  }
  for (const file of req.planFiles) {
    const plan = readPlanFile(file);
    plans.push(plan);
    notes.push(`${plan.name}: from ${file}, ${plan.replacements.length} replacements`);
  }
  if (plans.length === 0)
    throw new PortGuardError('invalid_input', `no plan to simulate: ${notes.join('; ')}`);
  const spec = { problem, scenario: req.scenario, plans, seed: req.seed, policy: req.policy };
  const block = await runSimulation(spec, {
    runs: req.runs,
    workers: req.workers,
    ...(req.policy === 'replan' ? { replanner: req.replanner ?? 'heuristic' } : {}),
    ...(req.replanTimeSeconds !== undefined ? { replanTimeSeconds: req.replanTimeSeconds } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
  });
  const report = buildReport(problem, block, {
    scenario: req.scenario.name,
    policy: req.policy,
    seed: req.seed,
  });
  return { report, block, problem, source, warnings, planNotes: notes };
}
