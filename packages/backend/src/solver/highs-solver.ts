import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import {
  PortGuardError,
  type MilpModel,
  type MilpResult,
  type MilpSolveOptions,
  type MilpSolver,
  type ResidentLps,
} from '@portguard/core';
import {
  compileHighs,
  discardHighs,
  loadHighs,
  packedBuffers,
  packModel,
  ResidentHighsModels,
  solveWithHighs,
} from './highs-solve.js';
import { bundledWorker } from '../jobs/bundled-worker.js';
import type { ResidentTask } from './worker.js';

/** The solver workers' module: worker.ts bundled, or the tsx shim (see bundledWorker). */
const solverWorkerFile = (): string =>
  bundledWorker(new URL('./worker.ts', import.meta.url), new URL('./worker-shim.mjs', import.meta.url));

const isAbort = (e: unknown): boolean =>
  e instanceof Error && /Aborted|out of memory|RuntimeError/i.test(`${e.name} ${e.message}`);

/** A solver failure as the error PortGuard maps: out of memory on `what`, or HiGHS (`where`) failing otherwise. */
const solverError = (e: unknown, what: string, where: string): PortGuardError =>
  isAbort(e)
    ? new PortGuardError('model_too_large', `the solver ran out of memory on ${what}; reduce the model`)
    : new PortGuardError('infrastructure', `${where} failed: ${e instanceof Error ? e.message : String(e)}`);
const aModelOf = (model: MilpModel): string => `a model with ${model.columns.length} columns`;

/** HiGHS on the calling thread: blocks the event loop while it solves. For tests and scripts. */
export class InProcessHighsSolver implements MilpSolver {
  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    const highs = await loadHighs();
    try {
      return solveWithHighs(highs, packModel(model), options);
    } catch (e) {
      if (isAbort(e)) discardHighs();
      throw solverError(e, aModelOf(model), 'HiGHS');
    }
  }

  async openResidentLps(models: readonly MilpModel[]): Promise<ResidentLps> {
    const resident = new ResidentHighsModels(await loadHighs());
    models.forEach((model, index) => resident.open(index, packModel(model)));
    return {
      solve: async (index, costs, options) => resident.solve(index, costs, options),
      close: async () => resident.close(),
    };
  }
}

/**
 * Solver workers for planning: two where the machine has two cores. Column generation shares each round's block LPs
 * between them (2,000 cranes: 12 rounds in 32.9 s instead of 45.3 s); the other solves go one at a time.
 */
export const PLANNING_THREADS = Math.min(2, availableParallelism());

/**
 * HiGHS in a worker thread (piscina), so a long solve never blocks the event loop.
 * Example: `const solver = new WorkerHighsSolver(); await planReplacement(problem, {}, solver); await solver.close();`
 */
export class WorkerHighsSolver implements MilpSolver {
  private readonly pool: Piscina;
  readonly parallelism: number;

  /** `threads`: worker threads, each solving one model at a time (default 1; planning uses PLANNING_THREADS). */
  constructor(options: { readonly threads?: number } = {}) {
    this.parallelism = Math.max(1, options.threads ?? 1);
    this.pool = new Piscina({
      filename: solverWorkerFile(),
      execArgv: [],
      // Several are started at once: piscina gives a new task to the least busy worker, and with queued tasks
      // allowed per worker it would otherwise never start a second one.
      minThreads: this.parallelism > 1 ? this.parallelism : 0,
      workerData: { highsModule: compileHighs() },
      maxThreads: this.parallelism,
      idleTimeout: 30_000,
      // Solves queued at once (column generation keeps 32 a worker in flight) go to the worker together, so it
      // does not wait for this thread, busy with the order search, between them.
      concurrentTasksPerWorker: 1024,
    });
  }

  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    try {
      const packed = packModel(model);
      return (await this.pool.run(
        { model: packed, options },
        { transferList: packedBuffers(packed) },
      )) as MilpResult;
    } catch (e) {
      throw solverError(e, aModelOf(model), 'HiGHS worker');
    }
  }

  /**
   * Resident LPs on workers of their own, model i on worker i mod `threads`: piscina cannot send a task to a
   * chosen worker of its pool, so each is a pool of one. Closing them ends the workers, which is what gives the
   * WebAssembly memory back.
   */
  async openResidentLps(models: readonly MilpModel[]): Promise<ResidentLps> {
    const pools = Array.from(
      { length: Math.min(this.parallelism, Math.max(1, models.length)) },
      () =>
        new Piscina({
          filename: solverWorkerFile(),
          execArgv: [],
          name: 'residentTask',
          workerData: { highsModule: compileHighs() },
          minThreads: 1,
          maxThreads: 1,
          idleTimeout: 2 ** 31 - 1,
          concurrentTasksPerWorker: 1024,
        }),
    );
    const poolOf = (index: number): Piscina => pools[index % pools.length] as Piscina;
    const run = async (
      pool: Piscina,
      task: ResidentTask,
      transferList?: ArrayBuffer[],
    ): Promise<MilpResult | null> => {
      try {
        return (await pool.run(
          task,
          transferList !== undefined ? { transferList } : {},
        )) as MilpResult | null;
      } catch (e) {
        throw solverError(e, 'resident LPs', 'HiGHS worker');
      }
    };
    try {
      await Promise.all(
        pools.map((pool, w) => {
          const opened = models.flatMap((model, index) =>
            index % pools.length === w ? [{ index, model: packModel(model) }] : [],
          );
          return run(
            pool,
            { op: 'open', models: opened },
            opened.flatMap(({ model }) => packedBuffers(model)),
          );
        }),
      );
    } catch (e) {
      await Promise.all(pools.map((p) => p.destroy()));
      throw e;
    }
    return {
      solve: async (index, costs, options) =>
        (await run(poolOf(index), { op: 'solve', index, costs, options })) as MilpResult,
      close: async () => {
        await Promise.all(pools.map((p) => p.destroy()));
      },
    };
  }

  yieldToSolver(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
