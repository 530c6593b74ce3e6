import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Piscina } from 'piscina';
import {
  NATIONAL_MEASURES,
  PortGuardError,
  mergeBlocks,
  prepareSimulation,
  type SimulationBlock,
  type SimulationSpec,
} from '@portguard/core';
import { bundledWorker } from '../jobs/bundled-worker.js';
import type { ReplannerName } from './replanners.js';
import { runTask, type PingTask, type SimulationTask } from './worker.js';

/**
 * Worker threads that stay loaded between simulations (they load worker.ts bundled, see bundledWorker: two ready in
 * 0.41 s instead of 1.1 s through tsx). Example: `const pool = new SimulationPool(2); await pool.warm(); …
 * await pool.close()`.
 */
export class SimulationPool {
  readonly piscina: Piscina;

  constructor(readonly threads: number) {
    this.piscina = new Piscina({
      filename: bundledWorker(
        new URL('./worker.ts', import.meta.url),
        new URL('./worker-shim.mjs', import.meta.url),
      ),
      // Not the parent's tsx flags: the bundle is plain JavaScript (the shim loads tsx itself).
      execArgv: [],
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  /** Resolves once every thread has loaded the worker module. */
  async warm(): Promise<void> {
    const ping: PingTask = { kind: 'ping', waitMs: 50 };
    await Promise.all(Array.from({ length: this.threads }, () => this.piscina.run(ping)));
  }

  close(): Promise<void> {
    return this.piscina.destroy();
  }
}

/** Results are kept per run (for exact quantiles and paired differences); this caps their memory. */
const MAX_RESULT_BYTES = 1.5e9;

export interface RunSimulationOptions {
  readonly runs: number;
  /** Worker threads; 0 runs every block on the calling thread. Results do not depend on it. */
  readonly workers: number;
  /** A warm pool to use instead of starting `workers` threads (it is left open). */
  readonly pool?: SimulationPool;
  /** Runs per block (default: about eight blocks per worker, 16..1000 runs each). */
  readonly blockSize?: number;
  /** Needed by the 'replan' policy. */
  readonly replanner?: ReplannerName;
  /** Time limit of each 'milp' re-plan, seconds. */
  readonly replanTimeSeconds?: number;
  readonly onProgress?: (doneRuns: number, totalRuns: number) => void;
}

/**
 * Runs a simulation in blocks of runs, on worker threads or in-process, and merges the blocks in run order.
 * Example: `const block = await runSimulation(spec, { runs: 10_000, workers: 2 })`.
 */
export async function runSimulation(
  spec: SimulationSpec,
  options: RunSimulationOptions,
): Promise<SimulationBlock> {
  const { runs } = options;
  const workers = options.pool?.threads ?? options.workers;
  if (!Number.isInteger(runs) || runs < 1)
    throw new PortGuardError('invalid_input', `--runs: expected a whole number >= 1, got ${runs}`);
  if (!Number.isInteger(workers) || workers < 0)
    throw new PortGuardError('invalid_input', `--workers: expected a whole number >= 0, got ${workers}`);
  if (spec.policy === 'replan' && !options.replanner)
    throw new PortGuardError(
      'invalid_input',
      'the replan policy needs a re-planner (heuristic, greedy or milp)',
    );
  const prep = prepareSimulation(spec);
  if (!prep.ok) throw new PortGuardError('invalid_input', 'the simulation input is invalid', prep.issues);

  const cp = prep.value.problem;
  const bytesPerRun =
    spec.plans.length * (8 * (NATIONAL_MEASURES.length + 2 * cp.terminalIds.length) + 4 * 2 * cp.periods);
  if (bytesPerRun * runs > MAX_RESULT_BYTES)
    throw new PortGuardError(
      'invalid_input',
      `--runs: ${runs} runs of ${spec.plans.length} plans would hold ${((bytesPerRun * runs) / 1e9).toFixed(1)} GB of results; ` +
        `use at most ${Math.floor(MAX_RESULT_BYTES / bytesPerRun)} runs`,
    );
  // A 'milp' re-plan takes seconds: one run per block keeps the workers evenly loaded.
  const size =
    options.blockSize ??
    (spec.policy === 'replan' && options.replanner === 'milp'
      ? 1
      : Math.max(16, Math.min(1000, Math.ceil(runs / (Math.max(workers, 1) * 8)))));
  const key = randomUUID();
  const tasks: SimulationTask[] = [];
  for (let start = 0; start < runs; start += size) {
    tasks.push({
      key,
      spec,
      runStart: start,
      runCount: Math.min(size, runs - start),
      ...(options.replanner ? { replanner: options.replanner } : {}),
      ...(options.replanTimeSeconds !== undefined ? { replanTimeSeconds: options.replanTimeSeconds } : {}),
    });
  }
  let done = 0;
  const progress = (b: SimulationBlock) => {
    done += b.runCount;
    options.onProgress?.(done, runs);
    return b;
  };
  options.onProgress?.(0, runs);

  if (workers === 0) {
    const blocks: SimulationBlock[] = [];
    for (const t of tasks) {
      blocks.push(progress(await runTask(t)));
      await yieldToLoop();
    }
    return mergeBlocks(blocks);
  }

  const pool = options.pool ?? new SimulationPool(workers);
  try {
    const blocks = await Promise.all(
      tasks.map((t) => (pool.piscina.run(t) as Promise<SimulationBlock>).then(progress)),
    );
    return mergeBlocks(blocks);
  } finally {
    if (!options.pool) await pool.close();
  }
}
