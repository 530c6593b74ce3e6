import type { PlanningProblem } from '../planning/problem.js';
import { issue, type Issue, type Result, fail, ok } from '../shared/issue.js';
import {
  compilePlan,
  compileProblem,
  type CompiledPlan,
  type CompiledProblem,
  type PlanInput,
} from './compile.js';
import { RunDraws } from './draws.js';
import {
  mergeReplan,
  problemFromState,
  type AsyncReplanner,
  type Replanner,
  type ReplanResult,
} from './replan.js';
import { NATIONAL_MEASURES, PERIOD_SERIES, Replayer, TERMINAL_MEASURES } from './replay.js';
import { runStream } from './rng.js';
import type { Scenario } from './scenario.js';

export type SimulationPolicy = 'frozen' | 'replan';

/** Everything that defines a simulation's results, apart from the run range. Plain data: it crosses worker threads. */
export interface SimulationSpec {
  readonly problem: PlanningProblem;
  readonly scenario: Scenario;
  readonly plans: readonly PlanInput[];
  readonly seed: number;
  readonly policy: SimulationPolicy;
}

export interface PreparedSimulation {
  readonly spec: SimulationSpec;
  readonly problem: CompiledProblem;
  readonly plans: readonly CompiledPlan[];
}

/**
 * Measures of runs [runStart, runStart + runCount) for every plan.
 * national[(plan * M + measure) * runCount + run], terminal[(plan * 2T + measure * T + terminal) * runCount + run],
 * series[(plan * 2P + s * P + period) * runCount + run].
 */
export interface SimulationBlock {
  readonly runStart: number;
  readonly runCount: number;
  readonly planNames: readonly string[];
  readonly terminalIds: readonly string[];
  readonly national: Float64Array;
  readonly terminal: Float64Array;
  readonly periods: number;
  /** National shortfall and remaining risk per period (PERIOD_SERIES), single precision. */
  readonly series: Float32Array;
  /** Runs × plans in which the replan policy re-optimised. */
  readonly replans: number;
  /** Re-plans whose planner stopped on a wall-clock limit, so that they may not repeat exactly. */
  readonly clockBoundReplans: number;
}

export function prepareSimulation(spec: SimulationSpec): Result<PreparedSimulation> {
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed >= 2 ** 32)
    return fail([
      issue('simulation/seed', ['seed'], `expected an integer seed in [0, 2^32), got ${spec.seed}`),
    ]);
  if (spec.plans.length === 0)
    return fail([issue('simulation/plans', ['plans'], 'expected at least one plan')]);
  const problem = compileProblem(spec.problem, spec.scenario);
  if (!problem.ok) return problem;
  const issues: Issue[] = [];
  const plans: CompiledPlan[] = [];
  spec.plans.forEach((p, k) => {
    const c = compilePlan(problem.value, p);
    if (c.ok) plans.push(c.value);
    else issues.push(...c.issues.map((i) => ({ ...i, path: ['plans', p.name || k, ...i.path] })));
  });
  const names = new Set<string>();
  for (const p of spec.plans) {
    if (names.has(p.name))
      issues.push(issue('simulation/plan-name', ['plans', p.name], `two plans are named '${p.name}'`));
    names.add(p.name);
  }
  if (issues.length > 0) return fail(issues);
  return ok({ spec, problem: problem.value, plans });
}

/**
 * Replays runs [runStart, runStart + runCount). Run r draws from runStream(seed, r) only, and every plan
 * of the run meets the same draws, so blocks can be computed anywhere and merged in run order.
 */
export function simulateBlock(
  prep: PreparedSimulation,
  runStart: number,
  runCount: number,
  replan?: Replanner,
): SimulationBlock {
  if (prep.spec.policy === 'replan' && !replan)
    throw new Error('simulateBlock: the replan policy needs a Replanner');
  const runs = blockRuns(prep, runStart, runCount);
  let step = runs.next();
  while (!step.done) step = runs.next(replan!(step.value));
  return step.value;
}

/** As simulateBlock, with a re-planner that may be asynchronous (e.g. the MILP planner through a solver port). */
export async function simulateBlockAsync(
  prep: PreparedSimulation,
  runStart: number,
  runCount: number,
  replan: AsyncReplanner,
): Promise<SimulationBlock> {
  const runs = blockRuns(prep, runStart, runCount);
  let step = runs.next();
  while (!step.done) step = runs.next(await replan(step.value));
  return step.value;
}

/** The runs of a block; yields the state at each shock under the replan policy and resumes with its re-plan. */
function* blockRuns(
  prep: PreparedSimulation,
  runStart: number,
  runCount: number,
): Generator<PlanningProblem, SimulationBlock, ReplanResult> {
  const cp = prep.problem;
  const T = cp.terminalIds.length;
  const M = NATIONAL_MEASURES.length;
  const TM = TERMINAL_MEASURES.length;
  const K = prep.plans.length;
  const national = new Float64Array(K * M * runCount);
  const terminal = new Float64Array(K * TM * T * runCount);
  const P = cp.periods;
  const SP = PERIOD_SERIES.length * P;
  const series = new Float32Array(K * SP * runCount);
  const draws = new RunDraws(cp);
  const replayer = new Replayer(cp);
  const replanning = prep.spec.policy === 'replan';
  let replans = 0;
  let clockBoundReplans = 0;
  for (let r = 0; r < runCount; r++) {
    draws.draw(runStream(prep.spec.seed, runStart + r));
    for (let k = 0; k < K; k++) {
      let plan = prep.plans[k]!;
      let dates = replayer.realize(plan, draws);
      if (replanning && draws.shock < cp.periods) {
        const state = problemFromState(cp, plan, dates, draws, draws.shock);
        const replanned: ReplanResult = yield state;
        if (replanned.clockBound === true) clockBoundReplans++;
        const merged = mergeReplan(cp, plan, dates, draws.shock, replanned);
        const compiled = compilePlan(cp, merged.input, merged.modes);
        if (!compiled.ok)
          throw new Error(
            `simulateBlock: the re-plan of '${plan.name}' is invalid: ${compiled.issues.map((i) => i.message).join('; ')}`,
          );
        plan = compiled.value;
        dates = replayer.realize(plan, draws);
        replans++;
      }
      replayer.measure(
        plan,
        dates,
        draws,
        national,
        k * M * runCount + r,
        terminal,
        k * TM * T * runCount + r,
        runCount,
        series,
        k * SP * runCount + r,
      );
    }
  }
  return {
    runStart,
    runCount,
    planNames: prep.plans.map((p) => p.name),
    terminalIds: cp.terminalIds,
    national,
    terminal,
    periods: P,
    series,
    replans,
    clockBoundReplans,
  };
}

/** Joins blocks that together cover runs [0, n) exactly once, in run order. */
export function mergeBlocks(blocks: readonly SimulationBlock[]): SimulationBlock {
  const sorted = [...blocks].sort((a, b) => a.runStart - b.runStart);
  const first = sorted[0];
  if (!first) throw new Error('mergeBlocks: no blocks');
  let expected = 0;
  for (const b of sorted) {
    if (b.runStart !== expected)
      throw new Error(`mergeBlocks: runs ${expected}..${b.runStart - 1} are missing or overlap`);
    expected += b.runCount;
  }
  const n = expected;
  const K = first.planNames.length;
  const T = first.terminalIds.length;
  const rowsN = K * NATIONAL_MEASURES.length;
  const rowsT = K * TERMINAL_MEASURES.length * T;
  const rowsS = K * PERIOD_SERIES.length * first.periods;
  const national = new Float64Array(rowsN * n);
  const terminal = new Float64Array(rowsT * n);
  const series = new Float32Array(rowsS * n);
  let replans = 0;
  let clockBoundReplans = 0;
  for (const b of sorted) {
    for (let row = 0; row < rowsN; row++)
      national.set(b.national.subarray(row * b.runCount, (row + 1) * b.runCount), row * n + b.runStart);
    for (let row = 0; row < rowsT; row++)
      terminal.set(b.terminal.subarray(row * b.runCount, (row + 1) * b.runCount), row * n + b.runStart);
    for (let row = 0; row < rowsS; row++)
      series.set(b.series.subarray(row * b.runCount, (row + 1) * b.runCount), row * n + b.runStart);
    replans += b.replans;
    clockBoundReplans += b.clockBoundReplans;
  }
  return {
    runStart: 0,
    runCount: n,
    planNames: first.planNames,
    terminalIds: first.terminalIds,
    national,
    terminal,
    periods: first.periods,
    series,
    replans,
    clockBoundReplans,
  };
}

/** The runs of one national measure for one plan (a view, no copy). */
export function nationalSeries(block: SimulationBlock, plan: number, measure: number): Float64Array {
  const n = block.runCount;
  const row = plan * NATIONAL_MEASURES.length + measure;
  return block.national.subarray(row * n, (row + 1) * n);
}

export function terminalSeries(
  block: SimulationBlock,
  plan: number,
  measure: number,
  terminal: number,
): Float64Array {
  const n = block.runCount;
  const T = block.terminalIds.length;
  const row = plan * TERMINAL_MEASURES.length * T + measure * T + terminal;
  return block.terminal.subarray(row * n, (row + 1) * n);
}

/** The runs of one period series (PERIOD_SERIES index `s`) at one period for one plan (a view). */
export function periodSeries(block: SimulationBlock, plan: number, s: number, period: number): Float32Array {
  const n = block.runCount;
  const row = (plan * PERIOD_SERIES.length + s) * block.periods + period;
  return block.series.subarray(row * n, (row + 1) * n);
}
