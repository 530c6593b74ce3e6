import {
  PortGuardError,
  prepareSimulation,
  simulateBlock,
  type PreparedSimulation,
  type SimulationBlock,
  type SimulationSpec,
} from '@portguard/core';
import { replannerFor, type ReplannerName } from './replanners.js';

export interface SimulationTask {
  /** Identifies the spec so a worker compiles it once for all its blocks. */
  readonly key: string;
  readonly spec: SimulationSpec;
  readonly runStart: number;
  readonly runCount: number;
  readonly replanner?: ReplannerName;
}

let cached: { key: string; prep: PreparedSimulation } | undefined;

/** Prepares (once per spec) and replays one block of runs. Also used in-process when no worker is wanted. */
export function runTask(task: SimulationTask): SimulationBlock {
  if (cached?.key !== task.key) {
    const prep = prepareSimulation(task.spec);
    if (!prep.ok) throw new PortGuardError('invalid_input', 'the simulation input is invalid', prep.issues);
    cached = { key: task.key, prep: prep.value };
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
