import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockStructure,
  columnGenerationBound,
  earliestCommonDeadline,
  decomposedLpBound,
  exactLpBound,
  planReplacement,
  riskFirstPlan,
  validatePlan,
  type ColumnGenerationResult,
  type MasterConvergence,
  type MilpModel,
  type MilpRow,
  type MilpSolver,
  type Plan,
  type PlanningProblem,
} from '@portguard/core';
import { InProcessHighsSolver } from './highs-solver.js';
import { smallProblem } from './small-problems.js';

const solver = new InProcessHighsSolver();
/** The same solver without resident LPs: every block goes to it whole, from its last basis. */
const withoutResident: MilpSolver = { solve: (model, options) => solver.solve(model, options) };

/** The problem's optimum, by the monolithic MIP solved to a zero gap. */
async function optimumOf(problem: PlanningProblem): Promise<Plan> {
  const optimum = await planReplacement(
    problem,
    { timeLimitSeconds: 20, mipGap: 0, method: 'monolithic' },
    solver,
  );
  expect(optimum.status).toBe('optimal');
  return optimum;
}

/** Column generation's bound after `rounds` rounds, its master seeded by the risk-first plan. */
const seededBound = (problem: PlanningProblem, rounds: number) =>
  decomposedLpBound(problem, solver, {
    rounds,
    seeds: [riskFirstPlan(problem).replacements],
    secondsPerSolve: 10,
  });

/**
 * A random block-angular LP: `blocks` blocks of 3 columns in [0, 5], each with two local rows, joined by `coupling`
 * rows (≤, one of them a ≥) over columns of every block; feasible at x = 1 by construction.
 */
const blockModel = (seed: number, blocks: number, coupling: number): MilpModel => {
  let state = seed;
  const rand = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const columns = Array.from({ length: blocks * 3 }, (_, j) => ({
    name: `x${j}`,
    lower: 0,
    upper: 5,
    cost: Math.round((rand() * 2 - 1.2) * 100) / 10,
    integer: true,
  }));
  const rows: MilpRow[] = [];
  for (let b = 0; b < blocks; b++) {
    const indices = [3 * b, 3 * b + 1, 3 * b + 2];
    const values = indices.map(() => Math.round(rand() * 30) / 10 + 0.5);
    const at1 = values.reduce((a, v) => a + v, 0);
    rows.push({ name: `cap_${b}`, lower: -Infinity, upper: at1 + rand() * 4, indices, values });
    rows.push({ name: `link_${b}`, lower: 0, upper: Infinity, indices: [3 * b, 3 * b + 1], values: [1, -1] });
  }
  for (let k = 0; k < coupling; k++) {
    const indices = columns.map((_, j) => j).filter(() => rand() < 0.6);
    const values = indices.map(() => Math.round(rand() * 20) / 10 + 0.5);
    const at1 = values.reduce((a, v) => a + v, 0);
    rows.push(
      k === 0
        ? { name: `need_${k}`, lower: at1 * 0.7, upper: Infinity, indices, values }
        : { name: `share_${k}`, lower: -Infinity, upper: at1 * (0.6 + rand() * 0.3), indices, values },
    );
  }
  return { sense: 'min', columns, rows };
};
const coupling = (row: MilpRow): boolean => /^(need|share)_/.test(row.name);

describe('column generation bound (Dantzig–Wolfe over the blocks the coupling rows join)', () => {
  it('splits a model into the blocks its local rows join', () => {
    const model = blockModel(1, 4, 2);
    const { blocks, couplingRows } = blockStructure(model, coupling);
    expect(couplingRows).toHaveLength(2);
    expect(blocks.map((b) => b.columns)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9, 10, 11],
    ]);
    expect(blocks.map((b) => b.rows.length)).toEqual([2, 2, 2, 2]);
  });

  it('property: never above the LP optimum, and reaches it when the rounds are enough', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, blocks, rows) => {
          const model = blockModel(seed, blocks, rows);
          const lp = await solver.solve(model, {
            timeLimitSeconds: 10,
            mipRelGap: 0,
            relaxIntegrality: true,
          });
          expect(lp.status).toBe('optimal');
          const optimum = lp.objective as number;
          // With the block LPs resident in the solver and without.
          for (const s of [solver, withoutResident]) {
            const first = await columnGenerationBound(model, coupling, s, { rounds: 0, secondsPerSolve: 10 });
            expect(first.bound as number).toBeLessThanOrEqual(optimum + 1e-6);
            const r = await columnGenerationBound(model, coupling, s, { rounds: 200, secondsPerSolve: 10 });
            expect(r.bound as number).toBeLessThanOrEqual(optimum + 1e-6);
            expect(r.bound as number).toBeGreaterThanOrEqual(first.bound as number);
            expect(r.bound as number).toBeGreaterThan(optimum - 1e-3 * Math.max(1, Math.abs(optimum)));
          }
        },
      ),
      { numRuns: 12, seed: 11 },
    );
  }, 120_000);

  it("property: the master's point keeps every block row and column bound", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 30 }),
        async (seed, blocks, rows, rounds) => {
          const model = blockModel(seed, blocks, rows);
          const r = await columnGenerationBound(model, coupling, solver, { rounds, secondsPerSolve: 10 });
          const x = r.values as readonly number[];
          expect(x).toHaveLength(model.columns.length);
          model.columns.forEach((c, j) => {
            expect(x[j] as number).toBeGreaterThanOrEqual(c.lower - 1e-6);
            expect(x[j] as number).toBeLessThanOrEqual(c.upper + 1e-6);
          });
          for (const row of model.rows.filter((row) => !coupling(row))) {
            const activity = row.indices.reduce(
              (a, j, q) => a + (row.values[q] as number) * (x[j] as number),
              0,
            );
            expect(activity).toBeGreaterThanOrEqual(row.lower - 1e-6);
            expect(activity).toBeLessThanOrEqual(row.upper + 1e-6);
          }
        },
      ),
      { numRuns: 12, seed: 5 },
    );
  }, 120_000);

  it('a work budget stops it after the same rounds on every run (one at least), and a larger budget allows more', async () => {
    const model = blockModel(42, 5, 4);
    const run = (maxWork: number) =>
      columnGenerationBound(model, coupling, solver, { rounds: 200, secondsPerSolve: 10, maxWork });
    const unlimited = await columnGenerationBound(model, coupling, solver, {
      rounds: 200,
      secondsPerSolve: 10,
    });
    expect(unlimited.rounds).toBeGreaterThan(3);
    const small = await run(unlimited.work / 3);
    const again = await run(unlimited.work / 3);
    expect(small.rounds).toBeGreaterThan(0);
    expect(small.rounds).toBeLessThan(unlimited.rounds);
    expect(small.work).toBeGreaterThanOrEqual(unlimited.work / 3);
    expect([again.rounds, again.bound, again.work, again.values]).toEqual([
      small.rounds,
      small.bound,
      small.work,
      small.values,
    ]);
    const spent = await run(1);
    expect(spent.rounds).toBe(1);
    expect(spent.values).not.toBeNull();
    const larger = await run((unlimited.work * 2) / 3);
    expect(larger.rounds).toBeGreaterThan(small.rounds);
    expect(larger.bound as number).toBeGreaterThanOrEqual(small.bound as number);
  }, 60_000);

  it('reports once, after the round that spends its early work, what a run stopped there gives, then goes on', async () => {
    const model = blockModel(42, 5, 4);
    const unlimited = await columnGenerationBound(model, coupling, solver, {
      rounds: 200,
      secondsPerSolve: 10,
    });
    const stoppedAt = (maxWork: number) =>
      columnGenerationBound(model, coupling, solver, { rounds: 200, secondsPerSolve: 10, maxWork });
    const [third, twoThirds] = [
      await stoppedAt(unlimited.work / 3),
      await stoppedAt((unlimited.work * 2) / 3),
    ];
    const reports: ColumnGenerationResult[] = [];
    const withEarly = (afterWork: number, maxWork: number) =>
      columnGenerationBound(model, coupling, solver, {
        rounds: 200,
        secondsPerSolve: 10,
        maxWork,
        early: { afterWork, report: (r) => reports.push(r) },
      });
    const final = await withEarly(unlimited.work / 3, (unlimited.work * 2) / 3);
    expect(reports).toHaveLength(1);
    const [early] = reports as [ColumnGenerationResult];
    expect([early.rounds, early.bound, early.work, early.values]).toEqual([
      third.rounds,
      third.bound,
      third.work,
      third.values,
    ]);
    expect([final.rounds, final.bound, final.work, final.values]).toEqual([
      twoThirds.rounds,
      twoThirds.bound,
      twoThirds.work,
      twoThirds.values,
    ]);
    expect(final.rounds).toBeGreaterThan(early.rounds);
    // Stopped before its early work: the report is the final result.
    reports.length = 0;
    const short = await withEarly(unlimited.work * 10, unlimited.work / 3);
    expect(reports).toEqual([short]);
  }, 60_000);

  it('with a convergence gap, reports at the first round past its early work whose master is within it, or at its latest work', async () => {
    // Prices that start far off (alternating ±1), so that the master's objective and the bound take rounds to meet.
    const model = blockModel(1, 30, 8);
    const initialDuals = new Map(
      model.rows.filter(coupling).map((row, k) => [row.name, k % 2 === 0 ? -1 : 1]),
    );
    const stoppedAfter = (rounds: number) =>
      columnGenerationBound(model, coupling, solver, { rounds, secondsPerSolve: 10, initialDuals });
    const reportOf = async (
      afterWork: number,
      converged?: MasterConvergence,
    ): Promise<ColumnGenerationResult> => {
      const reports: ColumnGenerationResult[] = [];
      await columnGenerationBound(model, coupling, solver, {
        rounds: 40,
        secondsPerSolve: 10,
        initialDuals,
        early: { afterWork, ...(converged ? { converged } : {}), report: (r) => reports.push(r) },
      });
      expect(reports).toHaveLength(1);
      return reports[0] as ColumnGenerationResult;
    };
    const masterGapOf = (r: ColumnGenerationResult): number =>
      ((r.masterObjective as number) - (r.bound as number)) / Math.abs(r.masterObjective as number);
    const afterWork = (await stoppedAfter(1)).work;
    const plain = await reportOf(afterWork);
    expect(plain.rounds).toBe(1);
    // The first round whose master is nearer its bound than every one since the early work: a report that waits for
    // that gap comes there, and is what a run stopped there gives.
    const gaps: number[] = [];
    for (let rounds = plain.rounds; rounds <= plain.rounds + 8; rounds++)
      gaps.push(masterGapOf(await stoppedAfter(rounds)));
    const k = gaps.findIndex((g, i) => i > 0 && g < Math.min(...gaps.slice(0, i)));
    expect(k).toBeGreaterThan(1);
    // A hair above that round's gap, which the division above may round down.
    const masterGap = (gaps[k] as number) * (1 + 1e-6);
    expect(masterGap).toBeLessThan(Math.min(...gaps.slice(0, k)));
    const waited = await reportOf(afterWork, { masterGap, latest: 1000 });
    const there = await stoppedAfter(plain.rounds + k);
    expect([waited.rounds, waited.bound, waited.work, waited.values]).toEqual([
      there.rounds,
      there.bound,
      there.work,
      there.values,
    ]);
    // A gap never met: the report comes once `latest` times the early work is spent.
    const latest = await reportOf(afterWork, { masterGap: -1, latest: 3 });
    const tripled = await reportOf(afterWork * 3);
    expect(latest.rounds).toBeGreaterThan(plain.rounds);
    expect([latest.rounds, latest.bound, latest.work]).toEqual([tripled.rounds, tripled.bound, tripled.work]);
  }, 120_000);

  it('a budget sized for smaller blocks shrinks in proportion to the rows of these blocks, and never grows', async () => {
    const model = blockModel(42, 5, 4);
    const unlimited = await columnGenerationBound(model, coupling, solver, {
      rounds: 200,
      secondsPerSolve: 10,
    });
    const run = (maxWork: number, referenceBlockRows?: number) =>
      columnGenerationBound(model, coupling, solver, {
        rounds: 200,
        secondsPerSolve: 10,
        maxWork,
        ...(referenceBlockRows !== undefined ? { referenceBlockRows } : {}),
      });
    const outcome = (r: Awaited<ReturnType<typeof run>>) => [r.rounds, r.work, r.bound];
    const budget = (unlimited.work * 2) / 3;
    // Every block of this model has two rows: a budget sized for blocks of one row buys half as much here.
    const halved = await run(budget, 1);
    expect(outcome(halved)).toEqual(outcome(await run(budget / 2)));
    expect(halved.rounds).toBeLessThan((await run(budget)).rounds);
    expect(outcome(await run(budget, 4))).toEqual(outcome(await run(budget)));
  }, 60_000);

  it("a budget in seconds counts column generation's set-up first: one within it leaves the first round only", async () => {
    const problem = smallProblem(5, 3, 6);
    const seeds = [riskFirstPlan(problem).replacements];
    const run = (seconds: number) =>
      decomposedLpBound(problem, solver, {
        seeds,
        secondsPerSolve: 10,
        // So much work a second that any second after the set-up buys every round.
        workBudget: { seconds, workPerSecond: 1e9 },
      });
    const setUpOnly = await run(1);
    expect(setUpOnly.rounds).toBe(1);
    const more = await run(10);
    expect(more.rounds).toBeGreaterThan(1);
    expect(more.bound as number).toBeGreaterThanOrEqual(setUpOnly.bound as number);
  }, 60_000);

  it('keeps the block LPs in the solver up to 800 a worker, sends only their costs, and frees them', async () => {
    const counting = (parallelism: number) => {
      const seen = { opened: 0, closed: 0, residentSolves: 0, wholeSolves: 0 };
      const s: MilpSolver = {
        parallelism,
        solve: (m, options) => {
          seen.wholeSolves++;
          return solver.solve(m, options);
        },
        openResidentLps: async (models) => {
          seen.opened += models.length;
          const resident = await solver.openResidentLps(models);
          return {
            solve: (index, costs, options) => {
              seen.residentSolves++;
              return resident.solve(index, costs, options);
            },
            close: async () => {
              seen.closed += models.length;
              await resident.close();
            },
          };
        },
      };
      return { s, seen };
    };
    const small = counting(1);
    const r = await columnGenerationBound(blockModel(3, 6, 2), coupling, small.s, {
      rounds: 3,
      secondsPerSolve: 10,
    });
    // The first pricing and three rounds of 6 blocks; the masters are solved whole.
    expect(small.seen).toEqual({ opened: 6, closed: 6, residentSolves: 24, wholeSolves: r.rounds });
    const large = counting(1);
    await columnGenerationBound(blockModel(4, 801, 1), coupling, large.s, { rounds: 0, secondsPerSolve: 10 });
    expect(large.seen).toMatchObject({ opened: 0, residentSolves: 0, wholeSolves: 801 });
    const twoWorkers = counting(2);
    await columnGenerationBound(blockModel(4, 801, 1), coupling, twoWorkers.s, {
      rounds: 0,
      secondsPerSolve: 10,
    });
    expect(twoWorkers.seen).toMatchObject({ opened: 801, closed: 801, residentSolves: 801, wholeSolves: 0 });
  }, 60_000);

  it("drops from the master the proposals unused for 5 rounds, and restarts each master from the last one's basis", async () => {
    const model = blockModel(21, 4, 3);
    const masters: { lambdas: number; columns: number; rows: number; start: number | null }[] = [];
    const watching: MilpSolver = {
      solve: async (m, options) => {
        const r = await solver.solve(m, options);
        if (m.rows.some((row) => row.name.startsWith('convexity_')))
          masters.push({
            lambdas: m.columns.filter((c) => c.name.startsWith('lambda_')).length,
            columns: m.columns.length,
            rows: m.rows.length,
            start: options.initialBasis?.colStatus.length ?? null,
          });
        return r;
      },
    };
    const r = await columnGenerationBound(model, coupling, watching, { rounds: 60, secondsPerSolve: 10 });
    expect(masters.length).toBe(r.rounds);
    expect(r.rounds).toBeGreaterThan(12);
    // Proposals of the last 6 rounds (4 blocks each) and at most one used one a master row beyond them.
    for (const m of masters) expect(m.lambdas).toBeLessThanOrEqual(4 * 6 + m.rows);
    expect(Math.max(...masters.map((m) => m.lambdas))).toBeLessThan(4 * r.rounds);
    // From the second master on, a start basis over its columns.
    expect(masters[0]?.start).toBeNull();
    for (const m of masters.slice(1)) expect(m.start).toBe(m.columns);
  }, 60_000);

  it('keeps 32 solves a worker in flight: never more, and as many when there are', async () => {
    const model = blockModel(9, 120, 2);
    for (const parallelism of [1, 2]) {
      let inFlight = 0;
      let most = 0;
      const counting: MilpSolver = {
        parallelism,
        solve: async (m, options) => {
          most = Math.max(most, ++inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          try {
            return await solver.solve(m, options);
          } finally {
            inFlight--;
          }
        },
      };
      const r = await columnGenerationBound(model, coupling, counting, { rounds: 1, secondsPerSolve: 10 });
      expect(r.bound).not.toBeNull();
      expect(most).toBe(32 * parallelism);
    }
  }, 60_000);

  it('on planning problems: between the national relaxation and the exact optimum, near the exact LP', async () => {
    for (const seed of [3, 8]) {
      const problem = smallProblem(seed, 3, 6);
      const exact = await exactLpBound(problem, solver, { timeLimitSeconds: 10 });
      const optimum = await optimumOf(problem);
      const r = await seededBound(problem, 60);
      expect(r.bound).not.toBeNull();
      expect(r.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
      expect(r.bound as number).toBeGreaterThanOrEqual((r.nationalBound as number) - 1e-9);
      expect(r.bound as number).toBeGreaterThan(
        (exact.bound as number) - 1e-2 * Math.abs(exact.bound as number),
      );
    }
  }, 120_000);

  it("with first prices from a sample's exact LP: a valid bound, said so, and the relaxation's alone on request", async () => {
    // Every other terminal of six: a sample of three (the default needs 15).
    const sample = { every: 2, offsets: [0], minTerminals: 2, maxCranes: 400, maxColumns: 30_000 };
    for (const seed of [3, 8]) {
      const problem = smallProblem(seed, 6, 12);
      const optimum = await optimumOf(problem);
      const priced = await decomposedLpBound(problem, solver, {
        rounds: 0,
        seeds: [riskFirstPlan(problem).replacements],
        secondsPerSolve: 10,
        priceSample: sample,
      });
      expect(priced.pricedBySample).toMatchObject({ samples: 1, terminals: 3 });
      expect(priced.pricedBySample?.columns).toBeGreaterThan(0);
      expect(priced.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
      const plain = await decomposedLpBound(problem, solver, {
        rounds: 0,
        seeds: [riskFirstPlan(problem).replacements],
        secondsPerSolve: 10,
        priceSample: false,
      });
      expect(plain.pricedBySample).toBeNull();
      expect(plain.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
      // Other first prices, so another first pricing.
      expect(priced.bound).not.toBeCloseTo(plain.bound as number, 6);
    }
  }, 120_000);

  it("with two samples' prices averaged: a valid bound, at least the mean of the two samples' own", async () => {
    const sample = { every: 2, minTerminals: 2, maxCranes: 400, maxColumns: 30_000 };
    for (const seed of [3, 8]) {
      const problem = smallProblem(seed, 6, 12);
      const optimum = await optimumOf(problem);
      const boundWith = async (offsets: readonly number[]) =>
        decomposedLpBound(problem, solver, {
          rounds: 0,
          seeds: [riskFirstPlan(problem).replacements],
          secondsPerSolve: 10,
          priceSample: { ...sample, offsets },
        });
      const [first, second, both] = await Promise.all([boundWith([0]), boundWith([1]), boundWith([0, 1])]);
      // The two halves of the terminals, each scaled to its own share of the cranes.
      expect(both.pricedBySample).toMatchObject({ samples: 2, terminals: 6 });
      expect(both.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
      // The Lagrangian function is concave: at the mean of two price vectors it is at least the mean of its values.
      expect(both.bound as number).toBeGreaterThanOrEqual(
        ((first.bound as number) + (second.bound as number)) / 2 - 1e-6,
      );
      expect(both.bound).not.toBeCloseTo(first.bound as number, 6);
      expect(both.bound).not.toBeCloseTo(second.bound as number, 6);
    }
  }, 120_000);

  it('with a soft floor the national relaxation (floor kept hard) proves nothing: the bound stays under the optimum', async () => {
    for (const seed of [3, 5, 8]) {
      const base = smallProblem(seed, 3, 6);
      // Shortfall so cheap that retiring untrusted cranes early, below the floor, pays.
      const problem = {
        ...base,
        options: { ...base.options, softFloor: true, shortfallPenaltyPerTeu: 1e-7 },
      };
      const optimum = await optimumOf(problem);
      const r = await seededBound(problem, 30);
      expect(r.infeasible).toBe(false);
      expect(r.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
      const plan = await planReplacement(
        problem,
        { timeLimitSeconds: 10, mipGap: 0, method: 'decomposition', maxColumns: 200 },
        solver,
      );
      expect(plan.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
    }
  }, 120_000);

  it('with a soft floor and a shortfall no plan avoids, the plan is scored with it and the bound stays finite and under the optimum', async () => {
    for (const seed of [3, 5]) {
      const base = smallProblem(seed, 3, 6);
      // The first terminal's demand in period 20 is far beyond every crane it could have.
      const terminals = base.terminals.map((t, i) =>
        i === 0 ? { ...t, demand: t.demand.map((d, p) => (p === 20 ? d + 50 * t.teuPerCranePeriod : d)) } : t,
      );
      const problem = { ...base, terminals, options: { ...base.options, softFloor: true } };
      const optimum = await optimumOf(problem);
      expect(optimum.objective).toBeGreaterThan(optimum.riskExposure + 1);
      for (const maxColumns of [200, undefined]) {
        const plan = await planReplacement(
          problem,
          {
            timeLimitSeconds: 10,
            mipGap: 0,
            method: 'decomposition',
            ...(maxColumns !== undefined ? { maxColumns } : {}),
          },
          solver,
        );
        expect(validatePlan(problem, plan)).toEqual([]);
        expect(plan.objective).toBeGreaterThan(plan.riskExposure + 1);
        expect(plan.objective).toBeGreaterThanOrEqual(optimum.objective - 1e-6);
        expect(plan.bound).not.toBeNull();
        expect(plan.bound as number).toBeLessThanOrEqual(optimum.objective + 1e-6);
        if (plan.status === 'optimal') expect(plan.objective).toBeCloseTo(optimum.objective, 4);
      }
    }
  }, 120_000);

  it('a terminal whose own rows have no point makes the problem infeasible, explained', async () => {
    const base = smallProblem(20, 3, 6);
    // Every crane of the first terminal due in period 2: no supplier delivers that soon.
    const problem = {
      ...base,
      terminals: base.terminals.map((t, i) => (i === 0 ? { ...t, deadlinePeriod: 2 } : t)),
    };
    const r = await decomposedLpBound(problem, solver, { rounds: 10, secondsPerSolve: 10 });
    expect(r.infeasible).toBe(true);
    expect(r.infeasibleTerminals).toEqual([base.terminals[0]?.id]);
    expect(r.bound).toBeNull();
    const plan = await planReplacement(
      problem,
      { timeLimitSeconds: 10, method: 'decomposition', maxColumns: 200 },
      solver,
    );
    expect(plan.status).toBe('infeasible');
    expect(plan.diagnostics.join('\n')).toMatch(/explained for that terminal alone/);
    expect(plan.infeasibility?.reasons.length).toBeGreaterThan(0);
    expect(plan.infeasibility?.reasons.every((x) => x.terminalId === base.terminals[0]?.id)).toBe(true);
    expect(
      plan.infeasibility?.reasons.some(
        (x) => x.kind === 'deadline' && x.terminalId === base.terminals[0]?.id,
      ),
    ).toBe(true);
    // The deadline a plan is proven to meet is the whole problem's (all terminals sharing the money), not the
    // terminal's alone.
    const whole = (await earliestCommonDeadline(problem, solver, { timeLimitSeconds: 5 })).met!;
    const alone = (
      await earliestCommonDeadline({ ...problem, terminals: problem.terminals.slice(0, 1) }, solver, {
        timeLimitSeconds: 5,
      })
    ).met!;
    expect(whole.period).not.toBe(alone.period);
    expect(plan.infeasibility?.relaxations[0]?.message).toContain(`a deadline of ${whole.month} `);
  }, 60_000);

  /** A counted plan whose model is over the exact LP's column limit (200) but not the windows'. */
  const planOverColumnLimit = (problem: PlanningProblem, timeLimitSeconds: number): Promise<Plan> =>
    planReplacement(
      problem,
      { timeLimitSeconds, mipGap: 0, method: 'decomposition', maxColumns: 200, maxWindowColumns: 1e6 },
      solver,
    );

  it('on a model too large for the exact LP but not for windows, column generation then rounded windows: a valid plan', async () => {
    const problem = smallProblem(5, 3, 6);
    const run = () => planOverColumnLimit(problem, 10);
    const plan = await run();
    const text = plan.diagnostics.join('\n');
    expect(text).toMatch(/column generation over \d+ terminal blocks/);
    expect(text).toMatch(/contract windows \(5/);
    expect(['optimal', 'feasible']).toContain(plan.status);
    expect(validatePlan(problem, plan)).toEqual([]);
    expect(plan.objective).toBeGreaterThanOrEqual((plan.bound as number) - 1e-6);
    expect((await run()).replacements).toEqual(plan.replacements);
  }, 120_000);

  it('on a model too large for the exact LP, counted windows start at ±5 and windows by clock at ±4', async () => {
    const problem = smallProblem(5, 3, 6);
    const options = { mipGap: 0, method: 'decomposition', maxColumns: 200, maxWindowColumns: 1e6 } as const;
    const counted = await planReplacement(problem, { ...options, timeLimitSeconds: 5 }, solver);
    expect(counted.diagnostics.join('\n')).toMatch(/contract windows \(5[ ,×].*open periods/);
    const byClock = await planReplacement(
      problem,
      { ...options, timeLimitSeconds: 10, stopByClock: true, clock: () => performance.now() },
      solver,
    );
    expect(byClock.diagnostics.join('\n')).toMatch(/contract windows \(4[ ,×].*open periods/);
    expect(validatePlan(problem, counted)).toEqual([]);
    expect(validatePlan(problem, byClock)).toEqual([]);
  }, 120_000);

  it('counted, on a model too large for the exact LP, column generation goes on beside the windows and the plan has its bound', async () => {
    const problem = smallProblem(10, 4, 6);
    // A 1 s limit: its share before the windows buys the first round only.
    const run = () => planOverColumnLimit(problem, 1);
    const plan = await run();
    const text = plan.diagnostics.join('\n');
    const before = /terminal blocks .*: (\d+\.\d) after (\d+) rounds/.exec(text);
    const beside = /column generation beside the windows: (\d+\.\d) after (\d+) rounds/.exec(text);
    expect(text).toMatch(/contract windows \(5/);
    expect(Number(beside?.[2])).toBeGreaterThan(Number(before?.[2]));
    expect(Number(beside?.[1])).toBeGreaterThan(Number(before?.[1]));
    expect((plan.bound as number).toFixed(1)).toBe(beside?.[1]);
    expect(plan.bound as number).toBeLessThanOrEqual(plan.objective + 1e-9);
    expect(validatePlan(problem, plan)).toEqual([]);
    const again = await run();
    expect([again.replacements, again.bound]).toEqual([plan.replacements, plan.bound]);
  }, 120_000);

  it('the planner uses it when the exact model is over the column limit', async () => {
    const problem = smallProblem(5, 3, 6);
    const plan = await planReplacement(
      problem,
      { timeLimitSeconds: 10, mipGap: 0.01, method: 'decomposition', maxColumns: 200 },
      solver,
    );
    expect(plan.diagnostics.join('\n')).toMatch(/column generation over \d+ terminal blocks/);
    expect(plan.bound).not.toBeNull();
    expect(plan.bound as number).toBeLessThanOrEqual(plan.objective + 1e-9);
  }, 120_000);

  it('on two or more workers, the planner leaves the cores to column generation: no risk-per-dollar search beside it', async () => {
    const problem = smallProblem(5, 3, 6);
    const options = { timeLimitSeconds: 10, mipGap: 0.01, method: 'decomposition', maxColumns: 200 } as const;
    const withWorkers = (parallelism: number): MilpSolver => ({
      parallelism,
      solve: (model, o) => solver.solve(model, o),
    });
    const notSearched = /risk per dollar's order: not searched beside column generation/;
    const two = await planReplacement(problem, options, withWorkers(2));
    expect(two.diagnostics.join('\n')).toMatch(notSearched);
    expect(validatePlan(problem, two)).toEqual([]);
    const one = await planReplacement(problem, options, withWorkers(1));
    expect(one.diagnostics.join('\n')).not.toMatch(notSearched);
    // By clock the search runs until column generation's master is solved, whatever the workers.
    const byClock = await planReplacement(
      problem,
      { ...options, stopByClock: true, clock: () => performance.now() },
      withWorkers(2),
    );
    expect(byClock.diagnostics.join('\n')).not.toMatch(notSearched);
  }, 120_000);

  it("the planner orders contracts by the master's point, and the same input gives the same plan", async () => {
    const problem = smallProblem(5, 3, 6);
    const options = { timeLimitSeconds: 10, mipGap: 0.01, method: 'decomposition', maxColumns: 200 } as const;
    const plan = await planReplacement(problem, options, solver);
    expect(plan.diagnostics.join('\n')).toMatch(
      /column-generation master's order \(contracted share [\d.]+\): risk \d/,
    );
    expect(validatePlan(problem, plan)).toEqual([]);
    const again = await planReplacement(problem, options, solver);
    expect(again.replacements).toEqual(plan.replacements);
    expect(again.bound).toBe(plan.bound);
  }, 120_000);
});
