import {
  evaluateSchedule,
  generateProblem,
  greedyPlan,
  validatePlan,
  type MilpModel,
  type MilpResult,
  type MilpSolveOptions,
  type MilpSolver,
} from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { InProcessHighsSolver } from '../solver/highs-solver.js';
import { ChargedTimeSolver, milpReplanner, replannerFor } from './replanners.js';

const problemOf = (seed: number) =>
  generateProblem({ terminals: 6, cranes: 30, suppliers: 2, years: 6, seed, granularity: 'month' });

const riskOf = (
  problem: ReturnType<typeof problemOf>,
  replacements: Parameters<typeof evaluateSchedule>[1],
) => {
  const plan = evaluateSchedule(problem, replacements, {
    name: 'replan',
    method: 'greedy',
    status: 'feasible',
  });
  expect(validatePlan(problem, plan)).toEqual([]);
  return plan.riskExposure;
};

describe('re-planners', () => {
  it('the heuristic re-planner returns a valid plan never riskier than greedy', () => {
    for (const seed of [1, 2, 3]) {
      const problem = problemOf(seed);
      const { replacements } = replannerFor('heuristic')!(problem);
      expect(riskOf(problem, replacements)).toBeLessThanOrEqual(greedyPlan(problem).riskExposure + 1e-9);
    }
  });

  it('the planner as re-planner: a valid plan (priced shortfall) never riskier than the heuristic, the same when asked again', async () => {
    const replan = milpReplanner(new InProcessHighsSolver(), 1);
    const problem = generateProblem({ terminals: 4, cranes: 16, suppliers: 2, years: 5, seed: 2 });
    const soft = { ...problem, options: { ...problem.options, softFloor: true } };
    const first = await replan(problem);
    const again = await replan(problem);
    expect(again.replacements).toEqual(first.replacements);
    expect(first.clockBound).toBeUndefined();
    expect(first.name).toBe('replan');
    const heuristicRisk = riskOf(soft, replannerFor('heuristic')!(soft).replacements);
    expect(riskOf(soft, first.replacements)).toBeLessThanOrEqual(heuristicRisk + 1e-9);
  }, 120_000);
});

describe('ChargedTimeSolver', () => {
  class Recording implements MilpSolver {
    readonly limits: number[] = [];
    constructor(private readonly result: MilpResult) {}
    solve(_model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
      this.limits.push(options.timeLimitSeconds);
      return Promise.resolve(this.result);
    }
  }
  const model: MilpModel = { sense: 'min', columns: [], rows: [] };
  const solved: MilpResult = {
    status: 'optimal',
    values: [1],
    objective: 3,
    bound: 3,
    gap: 0,
    seconds: 0.731,
  };

  it('reports the time limit it was given, not the time taken, and gives the solve a wall-clock guard', async () => {
    const inner = new Recording(solved);
    const charged = new ChargedTimeSolver(inner, 10, 5);
    const r = await charged.solve(model, { timeLimitSeconds: 0.2, mipRelGap: 0 });
    expect(r).toEqual({ ...solved, seconds: 0.2 });
    await charged.solve(model, { timeLimitSeconds: 2, mipRelGap: 0 });
    expect(inner.limits).toEqual([5, 20]);
    expect(charged.guardHits).toBe(0);
  });

  it('solves again without the start when the solver refuses it', async () => {
    const seen: (readonly number[] | undefined)[] = [];
    const picky: MilpSolver = {
      solve(_model, options) {
        seen.push(options.initialSolution);
        if (options.initialSolution) return Promise.reject(new Error('setSparseSolution failed'));
        return Promise.resolve(solved);
      },
    };
    const charged = new ChargedTimeSolver(picky);
    const r = await charged.solve(model, { timeLimitSeconds: 1, mipRelGap: 0, initialSolution: [0] });
    expect(r).toEqual({ ...solved, seconds: 1 });
    expect(seen).toEqual([[0], undefined]);
    expect(charged.startsRefused).toBe(1);
    await expect(charged.solve(model, { timeLimitSeconds: 1, mipRelGap: 0 })).resolves.toBeDefined();
  });

  it('turns a solve stopped by the guard into no result, and counts it', async () => {
    const charged = new ChargedTimeSolver(
      new Recording({ ...solved, status: 'time-limit', message: 'stopped: time limit reached' }),
    );
    const r = await charged.solve(model, { timeLimitSeconds: 1, mipRelGap: 0 });
    expect(r).toMatchObject({ status: 'time-limit', values: null, bound: null, seconds: 1 });
    expect(charged.guardHits).toBe(1);
  });

  it('keeps the incumbent of a solve stopped by its node limit (a count, which repeats), and counts no guard hit', async () => {
    const stopped: MilpResult = {
      ...solved,
      status: 'time-limit',
      limitReached: 'nodes',
      gap: 0.1,
      bound: 2.7,
    };
    const charged = new ChargedTimeSolver(new Recording(stopped));
    const r = await charged.solve(model, { timeLimitSeconds: 1, mipRelGap: 0, maxNodes: 150 });
    expect(r).toEqual({ ...stopped, seconds: 1 });
    expect(charged.guardHits).toBe(0);
    // The clock is a guard hit, as is a stop the solver does not name.
    await charged.solve(model, { timeLimitSeconds: 1, mipRelGap: 0 });
    const clock = new ChargedTimeSolver(new Recording({ ...stopped, limitReached: 'time' }));
    await clock.solve(model, { timeLimitSeconds: 1, mipRelGap: 0 });
    expect(clock.guardHits).toBe(1);
  });
});
