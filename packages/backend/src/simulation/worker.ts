import {
  PortGuardError,
  prepareSimulation,
  simulateBlock,
  simulateBlockAsync,
  type PreparedSimulation,
  type SimulationBlock,
  type SimulationSpec,
} from '@portguard/core';
import { InProcessHighsSolver } from '../solver/highs-solver.js';
import { milpReplanner, replannerFor, type ReplannerName } from './replanners.js';

export interface SimulationTask {
  /** Identifies the spec so a worker compiles it once for all its blocks. */
  readonly key: string;
  readonly spec: SimulationSpec;
  readonly runStart: number;
  readonly runCount: number;
  readonly replanner?: ReplannerName;
  /** Time limit of each 'milp' re-plan, seconds (charged per solve, not measured: see ChargedTimeSolver). */
  readonly replanTimeSeconds?: number;
}

let cached: { key: string; prep: PreparedSimulation } | undefined;
let solver: InProcessHighsSolver | undefined;

/** Default time limit of a 'milp' re-plan, seconds. */
export const DEFAULT_REPLAN_SECONDS = 2;

/** Prepares (once per spec) and replays one block of runs. Also used in-process when no worker is wanted. */
export async function runTask(task: SimulationTask): Promise<SimulationBlock> {
  if (cached?.key !== task.key) {
    const prep = prepareSimulation(task.spec);
    if (!prep.ok) throw new PortGuardError('invalid_input', 'the simulation input is invalid', prep.issues);
    cached = { key: task.key, prep: prep.value };
  }
  if (task.replanner === 'milp') {
    // HiGHS runs on this thread: a worker's solves never wait for another's.
    solver ??= new InProcessHighsSolver();
    const replan = milpReplanner(solver, task.replanTimeSeconds ?? DEFAULT_REPLAN_SECONDS);
    return simulateBlockAsync(cached.prep, task.runStart, task.runCount, replan);
  }
  return simulateBlock(cached.prep, task.runStart, task.runCount, replannerFor(task.replanner));
}

/** Loads the module on a thread; waits a little so that concurrent pings land on different threads. */
export interface PingTask {
  readonly kind: 'ping';
  readonly waitMs: number;
}

/** Piscina task. */
export default async function simulationTask(
  task: SimulationTask | PingTask,
): Promise<SimulationBlock | null> {
  if ('kind' in task) {
    await new Promise((resolve) => setTimeout(resolve, task.waitMs));
    return null;
  }
  return runTask(task);
}
