import { describe, expect, it } from 'vitest';
import {
  doNothingPlan,
  findBuiltinScenario,
  generateProblem,
  greedyPlan,
  type SimulationSpec,
} from '@portguard/core';
import { runSimulation } from './pool.js';

describe('runSimulation', () => {
  const problem = generateProblem({ terminals: 6, cranes: 30, suppliers: 2, years: 5, seed: 3 });
  const spec: SimulationSpec = {
    problem,
    scenario: findBuiltinScenario('western-pacific-crisis-2027')!,
    plans: [greedyPlan(problem), doNothingPlan(problem)],
    seed: 2026,
    policy: 'frozen',
  };

  it('gives identical results with 1 and 2 worker threads and in-process, whatever the block size', async () => {
    const progress: number[] = [];
    const one = await runSimulation(spec, {
      runs: 300,
      workers: 1,
      blockSize: 64,
      onProgress: (d) => progress.push(d),
    });
    const two = await runSimulation(spec, { runs: 300, workers: 2, blockSize: 37 });
    const inline = await runSimulation(spec, { runs: 300, workers: 0 });
    expect(two.national).toEqual(one.national);
    expect(two.terminal).toEqual(one.terminal);
    expect(two.series).toEqual(one.series);
    expect(inline.national).toEqual(one.national);
    expect(one.runCount).toBe(300);
    expect(progress.at(-1)).toBe(300);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Different draws for a different seed.
    const other = await runSimulation({ ...spec, seed: 2027 }, { runs: 300, workers: 0 });
    expect(other.national).not.toEqual(one.national);
  });

  it('re-plans with the greedy planner in workers, reproducibly', async () => {
    const replan = { ...spec, policy: 'replan' as const };
    const a = await runSimulation(replan, { runs: 40, workers: 2, blockSize: 7, replanner: 'greedy' });
    const b = await runSimulation(replan, { runs: 40, workers: 0, replanner: 'greedy' });
    expect(a.national).toEqual(b.national);
    expect(a.replans).toBeGreaterThan(0);
  });

  it('re-plans with the MILP planner reproducibly: the same seed gives the same runs in-process and on 2 workers', async () => {
    const small = generateProblem({ terminals: 4, cranes: 12, suppliers: 2, years: 5, seed: 5 });
    const replan: SimulationSpec = {
      problem: small,
      scenario: findBuiltinScenario('western-pacific-crisis-2027')!,
      plans: [greedyPlan(small), doNothingPlan(small)],
      seed: 11,
      policy: 'replan',
    };
    const options = { runs: 4, replanner: 'milp' as const, replanTimeSeconds: 1 };
    const inline = await runSimulation(replan, { ...options, workers: 0 });
    const two = await runSimulation(replan, { ...options, workers: 2 });
    expect(inline.replans).toBe(8);
    expect(inline.clockBoundReplans).toBe(0);
    expect(two.national).toEqual(inline.national);
    expect(two.terminal).toEqual(inline.terminal);
    expect(two.series).toEqual(inline.series);
    // The planner re-plans differently from the heuristic on the same draws.
    const heuristic = await runSimulation(replan, { runs: 4, workers: 0, replanner: 'heuristic' });
    expect(heuristic.national).not.toEqual(inline.national);
  }, 120_000);

  it('rejects bad input before starting workers', async () => {
    await expect(runSimulation(spec, { runs: 0, workers: 1 })).rejects.toThrow(/--runs/);
    await expect(runSimulation(spec, { runs: 9_000_000, workers: 0 })).rejects.toThrow(
      /GB of results; use at most \d+ runs/,
    );
    await expect(runSimulation({ ...spec, policy: 'replan' }, { runs: 5, workers: 0 })).rejects.toThrow(
      /re-planner/,
    );
  });
});
