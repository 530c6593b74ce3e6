import { afterAll, describe, expect, it } from 'vitest';
import type { MilpModel } from '@portguard/core';
import { describeMilpSolverContract, knapsack } from './milp-solver.contract.js';
import {
  compileHighs,
  highsOptionsFor,
  isWasmModule,
  NEIGHBOURHOOD_CUT_POOL,
  loadHighs,
  packModel,
  solveWithHighs,
  useCompiledHighs,
} from './highs-solve.js';
import { InProcessHighsSolver, WorkerHighsSolver } from './highs-solver.js';

describeMilpSolverContract('HiGHS in process', () => new InProcessHighsSolver());

const worker = new WorkerHighsSolver();
const twoWorkers = new WorkerHighsSolver({ threads: 2 });
afterAll(async () => {
  await worker.close();
  await twoWorkers.close();
});
describeMilpSolverContract('HiGHS in a worker thread', () => worker);
describeMilpSolverContract('HiGHS in two worker threads', () => twoWorkers);

describe('WorkerHighsSolver with two threads', () => {
  it('reports its parallelism and solves many models handed over at once as one worker does, each alike', async () => {
    expect(worker.parallelism).toBe(1);
    expect(twoWorkers.parallelism).toBe(2);
    // The knapsack with its capacities scaled: different optima, so a mixed-up answer shows.
    const models: MilpModel[] = Array.from({ length: 24 }, (_, i) => ({
      ...knapsack,
      rows: knapsack.rows.map((r) => ({ ...r, upper: r.upper + (i % 6) })),
    }));
    const options = { timeLimitSeconds: 10, mipRelGap: 0 };
    const one = await Promise.all(models.map((m) => worker.solve(m, options)));
    const two = await Promise.all(models.map((m) => twoWorkers.solve(m, options)));
    expect(new Set(one.map((r) => r.objective)).size).toBeGreaterThan(1);
    expect(two.map((r) => [r.objective, r.values, r.iterations])).toEqual(
      one.map((r) => [r.objective, r.values, r.iterations]),
    );
  });
});

describe('HiGHS compiled once for the process', () => {
  it('is one module, which a packed model solves on as the worker threads instantiate it', async () => {
    const module = compileHighs();
    expect(compileHighs()).toBe(module);
    expect(isWasmModule(module)).toBe(true);
    expect(isWasmModule({})).toBe(false);
    useCompiledHighs(module);
    const r = solveWithHighs(await loadHighs(), packModel(knapsack), { timeLimitSeconds: 10, mipRelGap: 0 });
    expect(r.objective).toBeCloseTo(13, 6);
  });
});

describe('the HiGHS options of a solve', () => {
  const base = { timeLimitSeconds: 10, mipRelGap: 0 };
  it('caps the cut pool and skips the reduced-cost heuristic of a neighbourhood MIP only', async () => {
    const neighbourhood = { ...base, neighbourhoodOfStart: true, initialSolution: [0, 0, 1] };
    expect(highsOptionsFor(neighbourhood, true)).toMatchObject({
      mip_pool_soft_limit: NEIGHBOURHOOD_CUT_POOL,
      mip_heuristic_run_root_reduced_cost: false,
    });
    for (const [options, isMip] of [
      [base, true],
      [neighbourhood, false],
      [{ ...neighbourhood, relaxIntegrality: true }, false],
    ] as const) {
      const set = highsOptionsFor(options, isMip);
      expect(set).not.toHaveProperty('mip_pool_soft_limit');
      expect(set).not.toHaveProperty('mip_heuristic_run_root_reduced_cost');
    }
    // HiGHS takes them: the neighbourhood MIP still proves the knapsack's optimum.
    const r = solveWithHighs(await loadHighs(), packModel(knapsack), neighbourhood);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(13, 6);
  });
});
