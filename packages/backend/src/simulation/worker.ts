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

/** Piscina task. */
export default function simulationTask(task: SimulationTask): SimulationBlock {
  return runTask(task);
}
