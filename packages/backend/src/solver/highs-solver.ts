import { Piscina } from 'piscina';
import {
  PortGuardError,
  type MilpModel,
  type MilpResult,
  type MilpSolveOptions,
  type MilpSolver,
} from '@portguard/core';
import { discardHighs, loadHighs, solveWithHighs } from './highs-solve.js';

const isAbort = (e: unknown): boolean =>
  e instanceof Error && /Aborted|out of memory|RuntimeError/i.test(`${e.name} ${e.message}`);

/** HiGHS on the calling thread: blocks the event loop while it solves. For tests and scripts. */
export class InProcessHighsSolver implements MilpSolver {
  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    const highs = await loadHighs();
    try {
      return solveWithHighs(highs, model, options);
    } catch (e) {
      if (isAbort(e)) {
        discardHighs();
        throw new PortGuardError(
          'model_too_large',
          `the solver ran out of memory on a model with ${model.columns.length} columns; reduce the model`,
        );
      }
      throw new PortGuardError(
        'infrastructure',
        `HiGHS failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
}

/**
 * HiGHS in a worker thread (piscina), so a long solve never blocks the event loop.
 * Example: `const solver = new WorkerHighsSolver(); await planReplacement(problem, {}, solver); await solver.close();`
 */
export class WorkerHighsSolver implements MilpSolver {
  private readonly pool: Piscina;

  constructor(options: { readonly threads?: number } = {}) {
    this.pool = new Piscina({
      filename: new URL('./worker-shim.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: options.threads ?? 1,
      idleTimeout: 30_000,
      // Solves queued at once (a column-generation round hands over hundreds of small LPs) go to the worker
      // together, so it does not wait for this thread, busy with the order search, between them.
      concurrentTasksPerWorker: 1024,
    });
  }

  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    try {
      return (await this.pool.run({ model, options })) as MilpResult;
    } catch (e) {
      if (isAbort(e)) {
        throw new PortGuardError(
          'model_too_large',
          `the solver ran out of memory on a model with ${model.columns.length} columns; reduce the model`,
        );
      }
      throw new PortGuardError(
        'infrastructure',
        `HiGHS worker failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  yieldToSolver(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
