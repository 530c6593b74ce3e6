import { describe, expect, it } from 'vitest';
import { buildExactBoundModel, generateProblem, lagrangianBound } from '@portguard/core';
import type { MilpModel, MilpSolver } from '@portguard/core';

const col = (name: string, cost: number, upper = Infinity, integer = true) => ({
  name,
  lower: 0,
  upper,
  cost,
  integer,
});

/** max 5x + 4y + 3z s.t. 2x + 3y + z <= 5, 4x + y + 2z <= 11, 3x + 4y + 2z <= 8 (integers): optimum 13 at (2,0,1). */
export const knapsack: MilpModel = {
  sense: 'max',
  columns: [col('x', 5), col('y', 4), col('z', 3)],
  rows: [
    { name: 'a', lower: -Infinity, upper: 5, indices: [0, 1, 2], values: [2, 3, 1] },
    { name: 'b', lower: -Infinity, upper: 11, indices: [0, 1, 2], values: [4, 1, 2] },
    { name: 'c', lower: -Infinity, upper: 8, indices: [0, 1, 2], values: [3, 4, 2] },
  ],
};

/** A transportation LP: n sources (supply 20 + i) × n sinks (demand 15 + j), costs by column. */
function transportation(n: number, costs: readonly number[]): MilpModel {
  return {
    sense: 'min',
    columns: costs.map((cost, k) => ({ name: `x${k}`, lower: 0, upper: 50, cost, integer: false })),
    rows: [
      ...Array.from({ length: n }, (_, i) => ({
        name: `supply${i}`,
        lower: -Infinity,
        upper: 20 + i,
        indices: Array.from({ length: n }, (_, j) => i * n + j),
        values: Array.from({ length: n }, () => 1),
      })),
      ...Array.from({ length: n }, (_, j) => ({
        name: `demand${j}`,
        lower: 15 + j,
        upper: Infinity,
        indices: Array.from({ length: n }, (_, i) => i * n + j),
        values: Array.from({ length: n }, () => 1),
      })),
    ],
  };
}

/** A market-split instance (3 rows, 36 binaries): small, but hard for branch and bound. */
function marketSplit(): MilpModel {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const n = 36;
  const columns = Array.from({ length: n }, (_, j) => col(`x${j}`, 0, 1));
  const slackCols = Array.from({ length: 6 }, (_, j) => ({
    name: `s${j}`,
    lower: 0,
    upper: Infinity,
    cost: 1,
    integer: false,
  }));
  const rows = [0, 1, 2].map((i) => {
    const values = Array.from({ length: n }, () => Math.floor(rnd() * 100));
    const rhs = Math.floor(values.reduce((a, b) => a + b, 0) / 2);
    return {
      name: `r${i}`,
      lower: rhs,
      upper: rhs,
      indices: [...values.keys(), n + 2 * i, n + 2 * i + 1],
      values: [...values, 1, -1],
    };
  });
  return { sense: 'min', columns: [...columns, ...slackCols], rows };
}

/** The behaviour every MilpSolver must have; run it on each implementation. */
export function describeMilpSolverContract(name: string, make: () => MilpSolver): void {
  describe(`MilpSolver contract: ${name}`, () => {
    it('solves a small integer knapsack to proven optimality', async () => {
      const r = await make().solve(knapsack, { timeLimitSeconds: 10, mipRelGap: 0 });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(13, 6);
      expect(r.values?.map((v) => Math.round(v))).toEqual([2, 0, 1]);
      expect(r.bound).toBeCloseTo(13, 6);
      expect(r.gap).toBeCloseTo(0, 6);
    });

    it('relaxes integrality on request and returns row duals', async () => {
      const model: MilpModel = {
        sense: 'max',
        columns: [col('x', 1), col('y', 1)],
        rows: [{ name: 'r', lower: -Infinity, upper: 3, indices: [0, 1], values: [2, 2] }],
      };
      const mip = await make().solve(model, { timeLimitSeconds: 10, mipRelGap: 0 });
      expect(mip.objective).toBeCloseTo(1, 6);
      const r = await make().solve(model, { timeLimitSeconds: 10, mipRelGap: 0, relaxIntegrality: true });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(1.5, 6);
      expect(r.rowDuals).toHaveLength(1);
      expect(Math.abs(r.rowDuals?.[0] ?? 0)).toBeCloseTo(0.5, 6);
    });

    it('applies the objective offset', async () => {
      const r = await make().solve({ ...knapsack, offset: 100 }, { timeLimitSeconds: 10, mipRelGap: 0 });
      expect(r.objective).toBeCloseTo(113, 6);
    });

    it('reports infeasibility without values', async () => {
      const model: MilpModel = {
        sense: 'min',
        columns: [col('x', 1, 10)],
        rows: [
          { name: 'lo', lower: 5, upper: Infinity, indices: [0], values: [1] },
          { name: 'hi', lower: -Infinity, upper: 3, indices: [0], values: [1] },
        ],
      };
      const r = await make().solve(model, { timeLimitSeconds: 10, mipRelGap: 0 });
      expect(r.status).toBe('infeasible');
      expect(r.values).toBeNull();
    });

    it('reports an unbounded model', async () => {
      const model: MilpModel = {
        sense: 'max',
        columns: [col('x', 1, Infinity, false), col('y', 0, Infinity, false)],
        rows: [{ name: 'r', lower: -Infinity, upper: 1, indices: [0, 1], values: [1, -1] }],
      };
      const r = await make().solve(model, { timeLimitSeconds: 10, mipRelGap: 0 });
      expect(['unbounded', 'infeasible']).toContain(r.status);
      expect(r.values).toBeNull();
    });

    it('stops at the time limit with its incumbent and a real bound', async () => {
      const model = marketSplit();
      const start = [...new Array<number>(36).fill(0), ...new Array<number>(6).fill(0)];
      // A feasible start: all zero with the slacks absorbing each row.
      model.rows.forEach((r, i) => (start[36 + 2 * i] = r.lower));
      const r = await make().solve(model, { timeLimitSeconds: 0.2, mipRelGap: 0, initialSolution: start });
      expect(r.status).toBe('time-limit');
      expect(r.limitReached).toBe('time');
      expect(r.seconds).toBeLessThan(5);
      expect(r.values).not.toBeNull();
      expect(r.bound).not.toBeNull();
      expect(r.objective ?? -1).toBeGreaterThanOrEqual((r.bound ?? Infinity) - 1e-6);
    });

    it('stops once its incumbent is within the absolute gap of its bound', async () => {
      const model = marketSplit();
      const start = [...new Array<number>(36).fill(0), ...new Array<number>(6).fill(0)];
      model.rows.forEach((r, i) => (start[36 + 2 * i] = r.lower));
      const startObjective = model.rows.reduce((a, r) => a + r.lower, 0);
      // The bound is at least 0 (slacks cost 1, binaries nothing): a gap of the start's objective is met at once,
      // where without it the search runs to the time limit (above).
      const r = await make().solve(model, {
        timeLimitSeconds: 60,
        mipRelGap: 0,
        mipAbsGap: startObjective,
        initialSolution: start,
      });
      expect(r.status).toBe('optimal');
      // Decided at the root, where the plain search branches for seconds.
      expect(r.nodes ?? Infinity).toBeLessThanOrEqual(1);
      expect(r.objective ?? Infinity).toBeLessThanOrEqual(startObjective + 1e-6);
      expect((r.objective ?? Infinity) - (r.bound ?? -Infinity)).toBeLessThanOrEqual(startObjective + 1e-6);
    });

    it('stops on a node limit with its incumbent, and says the limit was the nodes', async () => {
      const model = marketSplit();
      const start = [...new Array<number>(36).fill(0), ...new Array<number>(6).fill(0)];
      model.rows.forEach((r, i) => (start[36 + 2 * i] = r.lower));
      const r = await make().solve(model, {
        timeLimitSeconds: 60,
        mipRelGap: 0,
        maxNodes: 3,
        initialSolution: start,
      });
      expect(r.status).toBe('time-limit');
      expect(r.limitReached).toBe('nodes');
      expect(r.values).not.toBeNull();
      expect(r.nodes).toBeLessThanOrEqual(4);
    });

    it('stops at its first solution on request, with that solution, before proving it optimal', async () => {
      const model = marketSplit();
      const r = await make().solve(model, { timeLimitSeconds: 60, mipRelGap: 0, stopAtFirstSolution: true });
      expect(r.values).not.toBeNull();
      expect(r.status).toBe('time-limit');
      expect(r.limitReached).not.toBe('time');
      const activity = (i: number) =>
        model.rows[i]!.indices.reduce((a, j, q) => a + model.rows[i]!.values[q]! * r.values![j]!, 0);
      model.rows.forEach((row, i) => expect(activity(i)).toBeCloseTo(row.lower, 6));
    });

    it('accepts an initial solution and returns one at least as good', async () => {
      const r = await make().solve(knapsack, {
        timeLimitSeconds: 10,
        mipRelGap: 0.5,
        initialSolution: [2, 0, 1],
      });
      expect(r.objective).toBeCloseTo(13, 6);
    });

    it('solves a neighbourhood of its start (a lighter root) to the same proven optimum', async () => {
      const r = await make().solve(knapsack, {
        timeLimitSeconds: 10,
        mipRelGap: 0,
        initialSolution: [0, 0, 1],
        neighbourhoodOfStart: true,
      });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(13, 6);
      expect(r.bound).toBeCloseTo(13, 6);
    });

    it('solves without a starting solution it cannot use (outside the column bounds) and says so', async () => {
      const r = await make().solve(knapsack, {
        timeLimitSeconds: 10,
        mipRelGap: 0,
        initialSolution: [99, -5, 1],
      });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBeCloseTo(13, 6);
      expect(r.message).toMatch(/starting solution was refused/);
    });

    it('solves an LP by interior point and returns row duals', async () => {
      const r = await make().solve(knapsack, {
        timeLimitSeconds: 10,
        mipRelGap: 0,
        relaxIntegrality: true,
        lpAlgorithm: 'ipm',
      });
      expect(r.status).toBe('optimal');
      expect(r.rowDuals).toHaveLength(knapsack.rows.length);
    });

    it('solves an LP by interior point to a looser tolerance: fewer iterations, optimal to it, and duals that bound it', async () => {
      // HiGHS calls such a point "unknown" (and here its duals infeasible) after checking it at its own tolerance.
      const { model } = buildExactBoundModel(
        generateProblem({ terminals: 10, cranes: 40, suppliers: 2, years: 5, seed: 1 }),
      );
      const ipm = { timeLimitSeconds: 30, mipRelGap: 0, relaxIntegrality: true, lpAlgorithm: 'ipm' } as const;
      const tight = await make().solve(model, ipm);
      const loose = await make().solve(model, { ...ipm, ipmOptimalityTolerance: 1e-2 });
      expect(tight.status).toBe('optimal');
      expect(loose.status).toBe('optimal');
      expect(loose.message).toMatch(/tolerance asked/);
      // Its objective is no bound; one comes from its duals.
      expect(loose.bound).toBeNull();
      expect(loose.iterations as number).toBeLessThan(tight.iterations as number);
      expect(loose.values).toHaveLength(model.columns.length);
      expect(loose.rowDuals).toHaveLength(model.rows.length);
      const optimum = tight.objective as number;
      const bound = lagrangianBound(model, loose.rowDuals as number[]);
      expect(bound).toBeLessThanOrEqual(optimum + 1e-6);
      expect(bound).toBeGreaterThan(optimum - 0.02 * Math.abs(optimum));
      expect(Math.abs((loose.objective as number) - optimum)).toBeLessThan(0.02 * Math.abs(optimum));
    });

    it('returns the basis of a simplex LP and restarts from it: the same optimum in fewer iterations', async () => {
      // A transportation LP: 8 sources × 8 sinks, so the cold simplex needs a number of iterations.
      const n = 8;
      const lp = (shift: number): MilpModel =>
        transportation(
          n,
          Array.from({ length: n * n }, (_, k) => ((k * 37 + shift) % 17) + 1),
        );
      const options = { timeLimitSeconds: 10, mipRelGap: 0, relaxIntegrality: true };
      const first = await make().solve(lp(0), options);
      expect(first.basis?.colStatus).toHaveLength(n * n);
      expect(first.basis?.rowStatus).toHaveLength(2 * n);
      const changed = lp(1);
      const cold = await make().solve(changed, options);
      const warm = await make().solve(changed, { ...options, initialBasis: first.basis! });
      expect(warm.status).toBe('optimal');
      expect(warm.objective).toBeCloseTo(cold.objective ?? NaN, 6);
      expect(warm.iterations).toBeLessThan(cold.iterations ?? 0);
      // A basis of the wrong size is ignored, not an error.
      const ignored = await make().solve(changed, {
        ...options,
        initialBasis: { colStatus: [1], rowStatus: [] },
      });
      expect(ignored.objective).toBeCloseTo(cold.objective ?? NaN, 6);
    });

    it('keeps resident LPs: each re-solved at new costs from its own basis, as a fresh solve would end', async () => {
      const solver = make();
      expect(solver.openResidentLps).toBeDefined();
      const n = 8;
      const options = { timeLimitSeconds: 10, mipRelGap: 0, relaxIntegrality: true };
      const costs = (shift: number): number[] =>
        Array.from({ length: n * n }, (_, k) => ((k * 37 + shift) % 17) + 1);
      const models = [0, 5, 9].map((shift) => transportation(n, costs(shift)));
      const resident = await solver.openResidentLps!(models);
      try {
        // Every LP solved at its own costs, then again at changed ones, interleaved across the LPs.
        const first = await Promise.all(
          models.map((m, i) =>
            resident.solve(
              i,
              m.columns.map((c) => c.cost),
              options,
            ),
          ),
        );
        for (const [i, r] of first.entries()) {
          const fresh = await solver.solve(models[i]!, options);
          expect(r.status).toBe('optimal');
          expect(r.objective).toBeCloseTo(fresh.objective ?? NaN, 6);
          expect(r.rowDuals).toHaveLength(2 * n);
        }
        // A few costs raised, as between column-generation rounds.
        const changed = (i: number): number[] =>
          models[i]!.columns.map((c, k) => c.cost + (k % 11 === i ? 6 : 0));
        const again = await Promise.all(models.map((_, i) => resident.solve(i, changed(i), options)));
        for (const [i, r] of again.entries()) {
          const fresh = await solver.solve(transportation(n, changed(i)), options);
          expect(r.objective).toBeCloseTo(fresh.objective ?? NaN, 6);
          // From the last basis, not from scratch.
          expect(r.iterations).toBeLessThan(fresh.iterations ?? 0);
        }
      } finally {
        await resident.close();
      }
      await expect(resident.solve(0, costs(0), options)).rejects.toThrow();
    });

    it('restarts an LP from a primal feasible basis by the primal simplex: the same optimum', async () => {
      const n = 8;
      const options = { timeLimitSeconds: 10, mipRelGap: 0, relaxIntegrality: true };
      const costs = (shift: number): number[] =>
        Array.from({ length: n * n }, (_, k) => ((k * 37 + shift) % 17) + 1);
      const first = await make().solve(transportation(n, costs(0)), options);
      const raised = costs(0).map((c, k) => c + (k % 11 === 0 ? 6 : 0));
      const cold = await make().solve(transportation(n, raised), options);
      const warm = await make().solve(transportation(n, raised), {
        ...options,
        initialBasis: first.basis!,
        lpAlgorithm: 'primal-simplex',
      });
      expect(warm.status).toBe('optimal');
      expect(warm.objective).toBeCloseTo(cold.objective ?? NaN, 6);
      expect(warm.iterations).toBeLessThan(cold.iterations ?? 0);
    });

    it('reports the LP iterations and nodes of a MIP, the same on every run', async () => {
      const options = { timeLimitSeconds: 10, mipRelGap: 0 };
      const a = await make().solve(knapsack, options);
      const b = await make().solve(knapsack, options);
      expect(a.iterations).toBeGreaterThan(0);
      expect(a.nodes).toBeGreaterThanOrEqual(1);
      expect([b.iterations, b.nodes]).toEqual([a.iterations, a.nodes]);
      const lp = await make().solve(knapsack, { ...options, relaxIntegrality: true });
      expect(lp.iterations).toBeGreaterThan(0);
      expect(lp.nodes).toBeUndefined();
    });
  });
}
