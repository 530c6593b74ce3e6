import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateBound,
  periodMonthLabel,
  buildPlanningModel,
  estimateModelColumns,
  expectedExactLpSeconds,
  mergeIdenticalSuppliers,
  improveByContractWindows,
  ROUNDED_MIP_GAIN_TOLERANCE,
  deadlineRepairWindows,
  earliestCommonDeadline,
  withCommonDeadline,
  repairMissedDeadlines,
  resultWithoutSolution,
  ROUNDED_ITERATION_WORK,
  ROUNDED_MIP_ITERATION_WORK,
  ROUNDED_SOLVE_WORK_PER_MODEL_COLUMN,
  terminalsMissingDeadlines,
  WHOLE_MODEL_REPAIR_COLUMNS,
  windowedModel,
  commissioningMeetsBlackout,
  riskExposureOf,
  scheduleToValues,
  readSchedule,
  improveByTerminalBlocks,
  generateProblem,
  greedyPlan,
  modelSize,
  planReplacement,
  riskFirstPlan,
  validatePlan,
  type MilpModel,
  type MilpSolveOptions,
  type MilpSolver,
  type Plan,
  type PlannedReplacement,
  type PlanningProblem,
} from '@portguard/core';
import { InProcessHighsSolver } from './highs-solver.js';
import { smallProblem } from './small-problems.js';

const solver = new InProcessHighsSolver();
const small = smallProblem;

const dueBy = withCommonDeadline;

/** Sorted contract months of the cranes with x's terminal, class and supplier: interchangeable, so compared sorted. */
const contractMonths = (schedule: readonly PlannedReplacement[], x: PlannedReplacement): number[] =>
  schedule
    .filter(
      (y) => y.supplierId === x.supplierId && y.terminalId === x.terminalId && y.sizeClass === x.sizeClass,
    )
    .map((y) => y.contractPeriod)
    .sort((a, b) => a - b);

/**
 * 4 terminals, 12 cranes, 5 years, every crane due by period 36 or 40: risk first leaves cranes unreplaced, though
 * plans that meet every deadline exist (the exact MIP finds them).
 */
const tightDeadlineProblems = (): PlanningProblem[] =>
  (
    [
      [2, 36],
      [5, 36],
      [8, 40],
    ] as const
  ).map(([seed, deadline]) => {
    const generated = generateProblem({ terminals: 4, cranes: 12, suppliers: 2, years: 5, seed });
    const oneProgram = generated.terminals.map((t) => ({
      ...t,
      fundingProgramIds: t.fundingProgramIds.slice(0, 1),
    }));
    return dueBy({ ...generated, terminals: oneProgram }, deadline);
  });

describe('planReplacement on HiGHS', () => {
  it('keeps unit-test models tiny', () => {
    expect(modelSize(buildPlanningModel(small(1, 3, 6))).columns).toBeLessThanOrEqual(1000);
  });

  it('property: plans break no hard constraint, use only trusted suppliers, and beat or match greedy', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 3 }),
        async (seed, terminals) => {
          const problem = small(seed, terminals, terminals * 2);
          const greedy = greedyPlan(problem);
          const plan = await planReplacement(
            problem,
            { timeLimitSeconds: 5, mipGap: 0, initialSchedule: greedy.replacements },
            solver,
          );
          expect(['optimal', 'feasible']).toContain(plan.status);
          expect(validatePlan(problem, plan)).toEqual([]);
          const trusted = new Set(problem.suppliers.filter((s) => s.trusted).map((s) => s.id));
          for (const r of plan.replacements) expect(trusted.has(r.supplierId)).toBe(true);
          expect(plan.riskExposure).toBeLessThanOrEqual(greedy.riskExposure + 1e-6);
          if (plan.bound !== null) expect(plan.bound).toBeLessThanOrEqual(plan.objective + 1e-6);
        },
      ),
      { numRuns: 6, seed: 42 },
    );
  });

  it('gives the same plan for the same input', async () => {
    const problem = small(7, 2, 5);
    const a = await planReplacement(problem, { timeLimitSeconds: 5, mipGap: 0 }, solver);
    const b = await planReplacement(problem, { timeLimitSeconds: 5, mipGap: 0 }, solver);
    expect(b.replacements).toEqual(a.replacements);
  });

  it('a counted run sweeps its windows over time slices, rounded first, skips the block MIPs, and repeats exactly', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const options = { timeLimitSeconds: 20, mipGap: 0, method: 'decomposition' as const };
    const a = await planReplacement(problem, options, solver);
    const diagnostics = a.diagnostics.join('\n');
    // The ladder: ±4, then ±8, ±12 and wider, rounded; then the windows' MIPs from ±4 with what is left.
    const windows =
      /contract windows \((.*) periods, over 24-period slices every 12\).*; (all|the first (\d+)) rounded/.exec(
        diagnostics,
      );
    expect(windows?.[1]).toMatch(/^4( ×\d+)?, 8( ×\d+)?/);
    expect(diagnostics).toMatch(/large-neighbourhood search: skipped \(the sliced windows have the time\)/);
    expect(validatePlan(problem, a)).toEqual([]);
    // Half the limit, a smaller budget: the windows spend no more of it, and the plan is no better.
    const short = await planReplacement(problem, { ...options, timeLimitSeconds: 10 }, solver);
    const counted = (p: Plan) => Number(/(\d+) LP iterations counted/.exec(p.diagnostics.join('\n'))?.[1]);
    expect(counted(short)).toBeGreaterThan(0);
    expect(counted(short)).toBeLessThanOrEqual(counted(a));
    expect(short.objective).toBeGreaterThanOrEqual(a.objective - 1e-9);
    const b = await planReplacement(problem, options, solver);
    expect(b.replacements).toEqual(a.replacements);
  }, 60_000);

  it('explains an impossible deadline and says how far to move it, whole or decomposed, with no plan that breaks it', async () => {
    const base = small(3, 1, 3);
    const problem = dueBy(base, 6);
    for (const method of ['monolithic', 'decomposition'] as const) {
      const plan = await planReplacement(problem, { timeLimitSeconds: 5, method }, solver);
      expect(plan.status).toBe('infeasible');
      expect(plan.replacements).toEqual([]);
      expect(
        plan.infeasibility?.reasons.some(
          (r) => r.kind === 'deadline' && r.terminalId === base.terminals[0]?.id && (r.amount ?? 0) > 0,
        ),
      ).toBe(true);
      expect(plan.infeasibility?.relaxations.some((r) => r.kind === 'later-deadline' && r.amount > 0)).toBe(
        true,
      );
      if (method === 'decomposition') {
        expect(plan.diagnostics.join('\n')).toMatch(/exact model LP \(interior point\): infeasible/);
        expect(plan.diagnostics.join('\n')).toMatch(/explained by the elastic model's LP/);
      }
    }
  });

  it('names terminals and months in its explanation, and offers one deadline for all that the elastic plan meets', async () => {
    const problem = dueBy(small(4, 3, 8), 6);
    const plan = await planReplacement(problem, { timeLimitSeconds: 5, method: 'monolithic' }, solver);
    expect(plan.status).toBe('infeasible');
    const why = plan.infeasibility!;
    const late = why.reasons.filter((r) => r.kind === 'deadline');
    expect(new Set(late.map((r) => r.terminalId)).size).toBeGreaterThan(1);
    const month = periodMonthLabel(problem.startMonth, 'month', 6);
    for (const r of late) {
      const terminal = problem.terminals.find((t) => t.id === r.terminalId)!;
      expect(r.message.startsWith(`${terminal.name}:`)).toBe(true);
      expect(r.message).toContain(`(${month})`);
    }
    // First, the earliest deadline a plan meets (a small problem: searched), the month before proven impossible.
    const [proven, elastic, ...perTerminal] = why.relaxations;
    const earliest = 6 + proven!.amount;
    const label = (p: number) => periodMonthLabel(problem.startMonth, 'month', p);
    expect(proven!.message).toBe(
      `a deadline of ${label(earliest)} for every terminal can be met: the earliest: a plan retires every untrusted crane by then, and none can by ${label(earliest - 1)}`,
    );
    expect(proven!.searched).toBe(true);
    const met = await planReplacement(dueBy(problem, earliest), { timeLimitSeconds: 5 }, solver);
    expect(['optimal', 'feasible']).toContain(met.status);
    expect(met.completionPeriod).toBeLessThanOrEqual(earliest);
    const before = await planReplacement(
      dueBy(problem, earliest - 1),
      { timeLimitSeconds: 10, method: 'monolithic', mipGap: 0, explain: false },
      solver,
    );
    expect(before.status).toBe('infeasible');
    // Then the elastic model's: one deadline for all, as far as the latest terminal needs.
    expect(elastic!.message).toMatch(
      new RegExp(`^one deadline for all the terminals above: \\d{4}-\\d{2} instead of ${month}`),
    );
    expect(elastic!.amount).toBe(
      Math.max(...perTerminal.filter((r) => r.kind === 'later-deadline').map((r) => r.amount)),
    );
    // The month it names is the one the amount counts to.
    expect(elastic!.message).toContain(periodMonthLabel(problem.startMonth, 'month', 6 + elastic!.amount));
  });

  it('finds the earliest common deadline: a plan by it, and the month before it proven impossible', async () => {
    const problem = small(4, 3, 8);
    const told: { month: string; maxProbes: number }[] = [];
    const r = await earliestCommonDeadline(problem, solver, {
      timeLimitSeconds: 5,
      onProbe: (probe, maxProbes) => told.push({ month: probe.month, maxProbes }),
    });
    // Each probe is told as it ends, with the search's cap.
    expect(told.map((t) => t.month)).toEqual(r.probes.map((p) => p.month));
    expect(new Set(told.map((t) => t.maxProbes))).toEqual(
      new Set([2 * Math.ceil(Math.log2(problem.periods)) + 4]),
    );
    const met = r.met!;
    expect(met).not.toBeNull();
    expect(validatePlan(withCommonDeadline(problem, met.period), met.plan)).toEqual([]);
    expect(met.plan.completionPeriod).toBeLessThanOrEqual(met.period);
    // Small enough for the exact MIP to decide: the period before is proven impossible.
    expect(r.impossible?.period).toBe(met.period - 1);
    const before = await planReplacement(
      withCommonDeadline(problem, met.period - 1),
      { timeLimitSeconds: 10, method: 'monolithic', mipGap: 0, explain: false },
      solver,
    );
    expect(before.status).toBe('infeasible');
    // Bisection: a handful of probes over the horizon, each decided.
    expect(r.probes.length).toBeLessThanOrEqual(Math.ceil(Math.log2(problem.periods)) + 2);
    expect(r.probes.every((x) => x.outcome !== 'undecided')).toBe(true);
  }, 120_000);

  it('a plan that misses deadlines is repaired by a MIP that frees those terminals, and the planner starts from it', async () => {
    for (const problem of tightDeadlineProblems()) {
      const start = riskFirstPlan(problem).replacements;
      const missing = terminalsMissingDeadlines(problem, start);
      expect(missing.size).toBeGreaterThan(0);
      const repaired = await repairMissedDeadlines(problem, buildPlanningModel(problem), start, solver, {
        // ±12 around the start for every other terminal; the missed terminals' groups wholly free.
        windows: [12],
        seconds: 10,
      });
      expect(repaired).not.toBeNull();
      expect(repaired?.terminals).toEqual([...missing].sort());
      expect(validatePlan(problem, { replacements: repaired?.schedule ?? [] })).toEqual([]);
      const plan = await planReplacement(problem, { timeLimitSeconds: 10, method: 'decomposition' }, solver);
      expect(plan.status).toBe('feasible');
      expect(validatePlan(problem, plan)).toEqual([]);
    }
  }, 60_000);

  it('a deadline repair frees the late terminals whole, even a start that contracts there after the deadline (no such column)', async () => {
    const problem = tightDeadlineProblems()[0] as PlanningProblem;
    const deadline = problem.terminals[0]?.deadlinePeriod as number;
    const start = riskFirstPlan(problem).replacements;
    const late = start.find((r) =>
      terminalsMissingDeadlines(problem, start).has(r.terminalId),
    ) as PlannedReplacement;
    const built = buildPlanningModel(problem);
    // One of the late terminal's cranes contracted after the deadline: a start the model cannot hold as it is.
    const shifted = start.map((r) =>
      r === late
        ? {
            ...r,
            contractPeriod: deadline + 1,
            arrivalPeriod: deadline + 1 + (r.arrivalPeriod - r.contractPeriod),
            inServicePeriod: deadline + 1 + (r.inServicePeriod - r.contractPeriod),
            retirePeriod: deadline + 1,
          }
        : r,
    );
    expect(scheduleToValues(problem, built.index, built.model.columns.length, shifted)).toBeNull();
    const repaired = await repairMissedDeadlines(problem, built, shifted, solver, {
      windows: [12],
      seconds: 10,
    });
    expect(repaired).not.toBeNull();
    expect(validatePlan(problem, { replacements: repaired?.schedule ?? [] })).toEqual([]);
  }, 30_000);

  it('a plan that misses deadlines: the planner starts from risk first with the late cranes moved sooner when that meets them', async () => {
    const starts: string[] = [];
    for (const problem of tightDeadlineProblems()) {
      const plan = await planReplacement(problem, { timeLimitSeconds: 10, method: 'decomposition' }, solver);
      expect(plan.status).toBe('feasible');
      expect(validatePlan(problem, plan)).toEqual([]);
      starts.push(plan.diagnostics.find((d) => d.startsWith('initial incumbent:')) ?? '');
    }
    // Seed 8 by period 40: neither order meets every deadline as it is, and no repair within ±16 does.
    expect(starts[2]).toMatch(/exact LP's contract order.*moved sooner until none did \(\d+ schedules\)$/);
  }, 60_000);

  it('a plan that misses deadlines with no raised order nor repair to meet them: the order of the longest wait meets them', async () => {
    // 8 terminals, 30 cranes, every crane by period 38: raising risk per dollar's order finds nothing in its 667
    // schedules; without windows there is no repair, and without a search no LP order.
    const problem = dueBy(
      generateProblem({ terminals: 8, cranes: 30, suppliers: 4, years: 8, seed: 11, budgetScale: 3 }),
      38,
    );
    const options = {
      timeLimitSeconds: 5,
      method: 'decomposition',
      maxWindowColumns: 1,
      orderSearchIterations: 0,
    } as const;
    const plan = await planReplacement(problem, options, solver);
    expect(plan.status).toBe('feasible');
    expect(validatePlan(problem, plan)).toEqual([]);
    expect(plan.diagnostics.find((d) => d.startsWith('initial incumbent:'))).toMatch(
      /retirement waits longest first.*moved sooner until none did \(\d+ schedules; no raised order/,
    );
    expect((await planReplacement(problem, options, solver)).replacements).toEqual(plan.replacements);
  }, 60_000);

  it("a deadline repair proves a width empty by its LP alone (interior point), and rounds the LP's point before solving a window's MIP", async () => {
    const hows = new Set<string>();
    for (const problem of tightDeadlineProblems()) {
      const solves: { lp: boolean; status: string; widest: number }[] = [];
      const recording: MilpSolver = {
        solve: async (model, o) => {
          const r = await solver.solve(model, o);
          const widest = Math.max(0, ...model.columns.filter((c) => c.integer).map((c) => c.upper - c.lower));
          solves.push({ lp: o.relaxIntegrality === true, status: r.status, widest });
          if (o.relaxIntegrality === true) expect(o.lpAlgorithm).toBe('ipm');
          return r;
        },
      };
      const start = riskFirstPlan(problem).replacements;
      const repaired = await repairMissedDeadlines(problem, buildPlanningModel(problem), start, recording, {
        windows: [0, 1, 2, 12],
        seconds: 20,
      });
      expect(repaired).not.toBeNull();
      expect(validatePlan(problem, { replacements: repaired?.schedule ?? [] })).toEqual([]);
      hows.add(repaired!.how);
      // Until a plan: per width an LP, then (when it has a point) a MIP over integer columns each free by one at most.
      for (let i = 0; i < solves.length;) {
        const lp = solves[i]!;
        expect(lp.lp).toBe(true);
        if (lp.status === 'infeasible') {
          i++;
          continue;
        }
        const rounding = solves[i + 1];
        if (rounding === undefined || repaired!.how === 'window') break;
        expect(rounding.lp).toBe(false);
        expect(rounding.widest).toBeLessThanOrEqual(1);
        i += 2;
      }
      if (repaired!.how === 'rounding') expect(solves.at(-1)?.widest).toBeLessThanOrEqual(1);
      expect(solves.some((x) => x.lp && x.status === 'infeasible')).toBe(true);
    }
    expect(hows).toContain('rounding');
  }, 60_000);

  it('a deadline repair on a solver with two workers hands over every width’s LP but the last at once, the widest first, and repairs as one at a time does', async () => {
    for (const problem of tightDeadlineProblems()) {
      const requested: boolean[] = [];
      const freeColumns: number[] = [];
      const sideBySide: MilpSolver = {
        parallelism: 2,
        solve: (model, o) => {
          requested.push(o.relaxIntegrality === true);
          freeColumns.push(model.columns.filter((c) => c.upper > c.lower).length);
          return solver.solve(model, o);
        },
      };
      const start = riskFirstPlan(problem).replacements;
      // ±12 repairs these problems, so one at a time would never solve ±16's LP; the last width's waits its turn.
      const windows = [2, 12, 16, 24];
      const options = { windows, seconds: 20 };
      const parallel = await repairMissedDeadlines(
        problem,
        buildPlanningModel(problem),
        start,
        sideBySide,
        options,
      );
      const oneAtATime = await repairMissedDeadlines(
        problem,
        buildPlanningModel(problem),
        start,
        solver,
        options,
      );
      expect(parallel).not.toBeNull();
      expect(requested.slice(0, 3)).toEqual([true, true, true]);
      // The widest LP takes longest (national set, every crane by 2033-11: ±16 2.3 s, ±2 to ±8 0.3–1.2 s together).
      expect(freeColumns[0]).toBeGreaterThan(freeColumns[1]!);
      expect(freeColumns[1]).toBeGreaterThan(freeColumns[2]!);
      expect(requested.filter((lp) => lp)).toHaveLength(3);
      expect(oneAtATime?.width).toBe(12);
      expect(parallel?.schedule).toEqual(oneAtATime?.schedule);
      expect([parallel?.width, parallel?.how]).toEqual([oneAtATime?.width, oneAtATime?.how]);
    }
  }, 60_000);

  it('a deadline repair shares one time cap among its solves, and tries the whole model only when it is small', async () => {
    const problem = dueBy(small(4, 3, 8), 6);
    const start = riskFirstPlan(problem).replacements;
    expect(terminalsMissingDeadlines(problem, start).size).toBeGreaterThan(0);
    // A solver whose every solve ends on a time limit after a second with nothing found.
    const limits: number[] = [];
    const slow: MilpSolver = {
      solve: async (_model, o) => {
        limits.push(o.timeLimitSeconds);
        return resultWithoutSolution('time-limit', Math.min(1, o.timeLimitSeconds));
      },
    };
    const repaired = await repairMissedDeadlines(problem, buildPlanningModel(problem), start, slow, {
      windows: [2, 4, 8],
      seconds: 3,
    });
    expect(repaired).toBeNull();
    // Each width's LP, undecided, gets what is left; then nothing is left for the MIPs.
    expect(limits).toEqual([3, 2, 1]);
    expect(deadlineRepairWindows(48, 2_000)).toEqual([2, 4, 8, 16, 32, 48]);
    expect(deadlineRepairWindows(120, WHOLE_MODEL_REPAIR_COLUMNS + 1)).toEqual([2, 4, 8, 16, 32]);
    expect(deadlineRepairWindows(12, 2_000)).toEqual([2, 4, 8, 12]);
  });

  it('decomposition: with no start that keeps the rules and none found, no plan rather than one that breaks them', async () => {
    const base = small(3, 1, 3);
    // Every crane due by the last period: feasible, but nothing within ±3 months of contracting nothing meets it.
    const problem = dueBy(base, base.periods - 1);
    expect(validatePlan(problem, { replacements: [] }).length).toBeGreaterThan(0);
    const plan = await planReplacement(
      problem,
      { timeLimitSeconds: 5, method: 'decomposition', initialSchedule: [] },
      solver,
    );
    expect(plan.status).toBe('no-solution');
    expect(plan.replacements).toEqual([]);
    expect(plan.diagnostics.join('\n')).toMatch(/no plan that keeps every rule was found/);
    const found = await planReplacement(problem, { timeLimitSeconds: 5, method: 'decomposition' }, solver);
    expect(found.status).toBe('feasible');
    expect(validatePlan(problem, found)).toEqual([]);
  });

  it('decomposition: stops once the plan is within the requested gap (--gap), and searches on when it is not', async () => {
    const problem = small(3, 3, 6);
    const run = (mipGap: number) =>
      planReplacement(problem, { timeLimitSeconds: 10, method: 'decomposition', mipGap }, solver);
    const loose = await run(0.99);
    expect(loose.gap as number).toBeLessThanOrEqual(0.99);
    expect(loose.diagnostics.join('\n')).toMatch(/the plan is within the requested gap; no ±4 window/);
    const tight = await run(0);
    expect(tight.diagnostics.join('\n')).toMatch(/contract windows \(4[ ,×].*\): \d+ improved the plan/);
    expect(tight.objective).toBeLessThanOrEqual(loose.objective + 1e-9);
    expect(validatePlan(problem, loose)).toEqual([]);
  });

  it('decomposition: a plan that meets its bound is optimal, one above it feasible', async () => {
    const base = small(5, 3, 6);
    // No money: doing nothing is the only plan, and the LP proves it.
    const broke = { ...base, budgets: base.budgets.map((b) => ({ ...b, amountCents: 0 })) };
    const none = await planReplacement(broke, { timeLimitSeconds: 5, method: 'decomposition' }, solver);
    expect(none.replacements).toEqual([]);
    expect(none.gap).toBeLessThan(1e-6);
    expect(none.status).toBe('optimal');
    const funded = await planReplacement(base, { timeLimitSeconds: 5, method: 'decomposition' }, solver);
    expect(funded.status).toBe((funded.gap ?? 1) > 1e-6 ? 'feasible' : 'optimal');
  });

  it('explains a budget shortfall with the year and amount', async () => {
    const base = small(5, 1, 3);
    const deadline = base.periods - 1;
    const problem: PlanningProblem = {
      ...base,
      budgets: base.budgets.map((b) => ({ ...b, amountCents: 0 })),
      terminals: base.terminals.map((t) => ({ ...t, deadlinePeriod: deadline })),
    };
    const plan = await planReplacement(problem, { timeLimitSeconds: 5 }, solver);
    expect(plan.status).toBe('infeasible');
    const budget = plan.infeasibility?.reasons.filter((r) => r.kind === 'budget') ?? [];
    expect(budget.length).toBeGreaterThan(0);
    expect(budget[0]?.fiscalYear).toBeGreaterThan(2000);
    expect(
      plan.infeasibility?.relaxations.find((r) => r.kind === 'extra-budget')?.amount ?? 0,
    ).toBeGreaterThan(0);
  });

  it('refuses a model that would exhaust the solver memory, saying what to reduce', async () => {
    const problem = small(1, 3, 6);
    await expect(planReplacement(problem, { maxColumns: 10 }, solver)).rejects.toMatchObject({
      code: 'model_too_large',
      message: expect.stringMatching(/plan one region/),
    });
  });
});

type WindowSearchOptions = Parameters<typeof improveByContractWindows>[4];

/**
 * A solver that never finds anything better: an LP's point and a MIP's plan are the plan itself (the MIP's start).
 * Each LP iterates 500 times and each MIP 1,000: enough that the iterations, not the least work per free column, are
 * what a window counts. `seen` is told of every solve.
 */
function solverThatFindsNothing(seen: (model: MilpModel, options: MilpSolveOptions) => void): MilpSolver {
  return {
    solve: async (model, o) => {
      seen(model, o);
      return {
        status: 'optimal',
        objective: 0,
        bound: 0,
        gap: 0,
        seconds: 0.01,
        iterations: o.relaxIntegrality === true ? 500 : 1000,
        nodes: 1,
        values: o.initialSolution ?? model.columns.map((c) => c.lower),
      } as const;
    },
  };
}

/** The least work a budget counts for the first window these options solve: a fifth of an iteration a free column. */
async function firstWindowWork(
  problem: PlanningProblem,
  built: ReturnType<typeof buildPlanningModel>,
  start: readonly PlannedReplacement[],
  options: WindowSearchOptions,
): Promise<number> {
  const freeColumns: number[] = [];
  const recording: MilpSolver = {
    solve: (model, o) => {
      freeColumns.push(model.columns.length);
      return solver.solve(model, o);
    },
  };
  await improveByContractWindows(problem, built, start, recording, {
    ...options,
    stop: () => freeColumns.length > 0,
  });
  expect(freeColumns).toHaveLength(1);
  return Math.round((freeColumns[0] as number) * 0.2);
}

describe('decomposition pieces on HiGHS', () => {
  it('property: the national relaxation bounds the exact optimum from below', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const problem = small(seed, 3, 6);
        const exact = await planReplacement(
          problem,
          { timeLimitSeconds: 10, mipGap: 0, method: 'monolithic' },
          solver,
        );
        const agg = await aggregateBound(problem, solver, { timeLimitSeconds: 10 });
        expect(exact.status).toBe('optimal');
        expect(agg.bound).not.toBeNull();
        expect(agg.bound ?? Infinity).toBeLessThanOrEqual(exact.objective + 1e-6);
      }),
      { numRuns: 4, seed: 7 },
    );
  });

  it('property: terminal-block search never raises the risk and keeps the plan valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const problem = small(seed, 3, 6);
        const greedy = greedyPlan(problem);
        const r = await improveByTerminalBlocks(problem, greedy.replacements, solver, {
          timeLimitSeconds: 5,
          blockSize: 1,
        });
        expect(r.riskExposure).toBeLessThanOrEqual(greedy.riskExposure + 1e-9);
        expect(validatePlan(problem, { replacements: r.schedule })).toEqual([]);
      }),
      { numRuns: 4, seed: 11 },
    );
  });

  it('property: re-optimising retirements keeps every contract, never raises the risk and keeps the plan valid', async () => {
    let improvedSomewhere = false;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), async (seed) => {
        const problem = small(seed, 3, 6);
        // Greedy retires only once the replacement has arrived: spare capacity left unused to find.
        const start = seed % 2 === 0 ? greedyPlan(problem) : riskFirstPlan(problem);
        const r = await improveByTerminalBlocks(problem, start.replacements, solver, {
          timeLimitSeconds: 10,
          blockSize: problem.terminals.length,
          maxPasses: 1,
          retirementsOnly: true,
        });
        const contracts = (s: readonly PlannedReplacement[]): string[] =>
          s.map((x) => `${x.craneId}|${x.supplierId}|${x.contractPeriod}|${x.inServicePeriod}`).sort();
        expect(contracts(r.schedule)).toEqual(contracts(start.replacements));
        expect(r.riskExposure).toBeLessThanOrEqual(start.riskExposure + 1e-9);
        expect(validatePlan(problem, { replacements: r.schedule })).toEqual([]);
        if (r.riskExposure < start.riskExposure - 1e-9) improvedSomewhere = true;
      }),
      { numRuns: 8, seed: 12 },
    );
    expect(improvedSomewhere).toBe(true);
  });

  it("a terminal's contracts end at its deadline: the model has no column after it, and the same LP and MIP optima", async () => {
    // Two of four terminals due by a period before the suppliers' last contract period (both have plans).
    for (const [seed, deadline] of [
      [5, 30],
      [8, 24],
    ] as const) {
      const generated = generateProblem({ terminals: 4, cranes: 12, suppliers: 2, years: 5, seed });
      const problem: PlanningProblem = {
        ...generated,
        terminals: generated.terminals.map((t, i) => ({
          ...t,
          fundingProgramIds: t.fundingProgramIds.slice(0, 1),
          ...(i <= 1 ? { deadlinePeriod: deadline } : {}),
        })),
      };
      const trimmed = buildPlanningModel(problem);
      // The model as it was: contract columns to the horizon's end, the deadline only R[g, d] ≥ n.
      const untrimmedBuilt = buildPlanningModel({
        ...problem,
        terminals: problem.terminals.map(({ deadlinePeriod: _, ...t }) => t),
      });
      const columns = [...untrimmedBuilt.model.columns];
      for (const g of untrimmedBuilt.index.groups) {
        if (problem.terminals[g.terminalIndex]?.deadlinePeriod === undefined) continue;
        const col = g.retireCols[deadline] as number;
        columns[col] = { ...(columns[col] as MilpModel['columns'][number]), lower: g.size };
      }
      const untrimmed: MilpModel = { ...untrimmedBuilt.model, columns };
      const lastOfDue = trimmed.index.groups
        .filter((g) => g.terminal.deadlinePeriod !== undefined)
        .flatMap((g) => g.contracts.map((c) => c.last));
      expect(Math.max(...lastOfDue)).toBe(deadline);
      expect(untrimmed.columns.length).toBeGreaterThan(trimmed.model.columns.length);
      for (const relaxIntegrality of [true, false]) {
        const how = { timeLimitSeconds: 60, mipRelGap: 0, relaxIntegrality };
        const [a, b] = [await solver.solve(trimmed.model, how), await solver.solve(untrimmed, how)];
        expect(a.status).toBe('optimal');
        expect(b.status).toBe('optimal');
        expect(a.objective as number).toBeCloseTo(b.objective as number, 4);
      }
    }
  }, 120_000);

  it('property: contract windows move each contract at most w periods (same supplier), never raise the risk, keep the plan valid', async () => {
    let improvedSomewhere = false;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, w) => {
          const problem = small(seed, 3, 6);
          const start = seed % 2 === 0 ? greedyPlan(problem) : riskFirstPlan(problem);
          const r = await improveByContractWindows(
            problem,
            buildPlanningModel(problem),
            start.replacements,
            solver,
            {
              windows: [w],
              secondsPerWindow: () => 10,
            },
          );
          // Cranes of one group are interchangeable: compare each group's sorted contract months instead.
          for (const x of start.replacements) {
            const a = contractMonths(start.replacements, x);
            const b = contractMonths(r.schedule, x);
            expect(b.length).toBe(a.length);
            b.forEach((m, i) => expect(Math.abs(m - (a[i] as number))).toBeLessThanOrEqual(w));
          }
          expect(r.riskExposure).toBeLessThanOrEqual(start.riskExposure + 1e-9);
          expect(validatePlan(problem, { replacements: r.schedule })).toEqual([]);
          if (r.riskExposure < start.riskExposure - 1e-9) improvedSomewhere = true;
        },
      ),
      { numRuns: 8, seed: 13 },
    );
    expect(improvedSomewhere).toBe(true);
  });

  it('property: a window over a time slice moves only the contracts the plan signs in it, at most w periods, and keeps the retirements of groups without one', async () => {
    let movedSomewhere = false;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 36 }),
        fc.integer({ min: 6, max: 24 }),
        async (seed, w, from, length) => {
          const problem = small(seed, 3, 6);
          const start = (seed % 2 === 0 ? greedyPlan(problem) : riskFirstPlan(problem)).replacements;
          const built = buildPlanningModel(problem);
          const values = scheduleToValues(problem, built.index, built.model.columns.length, start);
          expect(values).not.toBeNull();
          const slice = { from, to: from + length - 1 };
          const r = await solver.solve(windowedModel(built, values ?? [], w, slice), {
            timeLimitSeconds: 10,
            mipRelGap: 1e-4,
            initialSolution: values ?? [],
          });
          expect(r.values).not.toBeNull();
          const moved = readSchedule(problem, built.index, r.values ?? []);
          const key = (x: PlannedReplacement): string => `${x.terminalId}|${x.sizeClass}|${x.supplierId}`;
          const inSlice = (m: number): boolean => m >= slice.from && m <= slice.to;
          for (const x of new Map(start.map((y) => [key(y), y])).values()) {
            const before = contractMonths(start, x);
            const after = contractMonths(moved, x);
            expect(after).toHaveLength(before.length);
            // Cranes of a group are interchangeable: compare sorted months.
            after.forEach((m, i) => expect(Math.abs(m - (before[i] as number))).toBeLessThanOrEqual(w));
            // Away from the slice (more than w periods), every month keeps its contracts.
            const far = (m: number): boolean => m < slice.from - w || m > slice.to + w;
            expect(after.filter(far)).toEqual(before.filter(far));
            if (!before.some(inSlice)) expect(after).toEqual(before);
            if (after.join() !== before.join()) movedSomewhere = true;
          }
          // A group (terminal and class) with no contract in the slice keeps its retirements.
          const group = (x: PlannedReplacement): string => `${x.terminalId}|${x.sizeClass}`;
          for (const g of new Set(start.map(group))) {
            if (start.some((x) => group(x) === g && inSlice(x.contractPeriod))) continue;
            const retirements = (sch: readonly PlannedReplacement[]): number[] =>
              sch
                .filter((x) => group(x) === g)
                .map((x) => x.retirePeriod)
                .sort((a, b) => a - b);
            expect(retirements(moved)).toEqual(retirements(start));
          }
        },
      ),
      { numRuns: 10, seed: 14 },
    );
    expect(movedSomewhere).toBe(true);
  });

  it("property: a window counted in open periods moves each contract at most w of its terminal and supplier's open periods, and its optimum is a valid plan no riskier", async () => {
    let movedPastFrozen = false;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, w) => {
          const generated = small(seed, 3, 6);
          // Every terminal gets a peak season, so that every contract has frozen periods near it.
          const problem: PlanningProblem = {
            ...generated,
            terminals: generated.terminals.map((t) => ({
              ...t,
              blackoutPeriods: generated.calendar
                .filter((p) => [6, 7, 8].includes(p.month0))
                .map((p) => p.index),
            })),
          };
          const start = riskFirstPlan(problem);
          const built = buildPlanningModel(problem);
          const values = scheduleToValues(
            problem,
            built.index,
            built.model.columns.length,
            start.replacements,
          );
          expect(values).not.toBeNull();
          const r = await solver.solve(windowedModel(built, values ?? [], w, undefined, 'open periods'), {
            timeLimitSeconds: 10,
            mipRelGap: 1e-4,
            initialSolution: values ?? [],
          });
          expect(r.values).not.toBeNull();
          const moved = readSchedule(problem, built.index, r.values ?? []);
          expect(validatePlan(problem, { replacements: moved })).toEqual([]);
          expect(riskExposureOf(problem, moved)).toBeLessThanOrEqual(start.riskExposure + 1e-6);
          for (const x of new Map(
            start.replacements.map((y) => [`${y.terminalId}|${y.sizeClass}|${y.supplierId}`, y]),
          ).values()) {
            const terminal = problem.terminals.find((t) => t.id === x.terminalId);
            const supplier = problem.suppliers.find((s) => s.id === x.supplierId);
            if (terminal === undefined || supplier === undefined)
              throw new Error('unknown terminal or supplier');
            const blackout = new Set(terminal.blackoutPeriods);
            const open = Array.from({ length: problem.periods }, (_, t) => t).filter(
              (t) => !commissioningMeetsBlackout(blackout, supplier, t),
            );
            const before = contractMonths(start.replacements, x);
            const after = contractMonths(moved, x);
            expect(after).toHaveLength(before.length);
            after.forEach((m, i) => {
              const shift = Math.abs(open.indexOf(m) - open.indexOf(before[i] as number));
              expect(open).toContain(m);
              expect(shift).toBeLessThanOrEqual(w);
              if (Math.abs(m - (before[i] as number)) > w) movedPastFrozen = true;
            });
          }
        },
      ),
      { numRuns: 10, seed: 15 },
    );
    expect(movedPastFrozen).toBe(true);
  });

  it('windows swept over time slices never raise the risk, keep the plan valid, widen only after a sweep that improved, and repeat exactly', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const built = buildPlanningModel(problem);
    const start = riskFirstPlan(problem);
    const options: WindowSearchOptions = {
      windows: [2, 4, 8],
      slices: { length: 24, step: 12 },
      secondsPerWindow: () => 10,
      maxNodes: 50,
    };
    const run = (maxIterations?: number) =>
      improveByContractWindows(problem, built, start.replacements, solver, {
        ...options,
        ...(maxIterations !== undefined ? { maxIterations } : {}),
      });
    const r = await run();
    expect(r.riskExposure).toBeLessThan(start.riskExposure - 1e-6);
    expect(validatePlan(problem, { replacements: r.schedule })).toEqual([]);
    // 72 periods in slices every 12: at most six solves a width, slices without a contract skipped.
    for (const w of new Set(r.widths)) expect(r.widths.filter((x) => x === w).length).toBeLessThanOrEqual(6);
    r.widths.slice(1).forEach((w, i) => expect(w).toBeGreaterThanOrEqual(r.widths[i] as number));
    expect(new Set(r.widths).size).toBeGreaterThan(1);
    // A budget of what the first window costs at least: that window, then no other.
    const budget = await firstWindowWork(problem, built, start.replacements, options);
    const spent = await run(budget);
    expect(spent.widths).toEqual([2]);
    expect(spent.messages.join('\n')).toMatch(/LP iterations are spent; no ±2 window/);
    expect((await run(budget)).schedule).toEqual(spent.schedule);
  }, 60_000);

  it('rounded windows: an LP, then a MIP between its rounding and the plan; never a higher risk, and then the MIPs', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const built = buildPlanningModel(problem);
    const start = riskFirstPlan(problem);
    const solves: {
      lp: boolean;
      model: MilpModel;
      start?: readonly number[];
      values: readonly number[] | null;
      objective: number | null;
      absGap?: number;
    }[] = [];
    const recording: MilpSolver = {
      solve: async (model, o) => {
        const r = await solver.solve(model, o);
        solves.push({
          lp: o.relaxIntegrality === true,
          model,
          ...(o.initialSolution !== undefined ? { start: o.initialSolution } : {}),
          values: r.values,
          objective: r.objective,
          ...(o.mipAbsGap !== undefined ? { absGap: o.mipAbsGap } : {}),
        });
        return r;
      },
    };
    const r = await improveByContractWindows(problem, built, start.replacements, recording, {
      windows: [6, 12],
      slices: { length: 24, step: 12 },
      secondsPerWindow: () => 10,
      maxNodes: 50,
      rounding: true,
    });
    expect(r.riskExposure).toBeLessThan(start.riskExposure - 1e-6);
    expect(validatePlan(problem, { replacements: r.schedule })).toEqual([]);
    expect(r.roundedSolves).toBeGreaterThan(0);
    // The rounded windows' solves come in pairs: the window's LP, then the MIP on the same columns, each integer
    // column between its LP value's floor or the plan's value and its ceiling or the plan's value.
    const rounded = solves.slice(0, 2 * r.roundedSolves);
    for (let i = 0; i < rounded.length; i += 2) {
      const [lp, mip] = [rounded[i]!, rounded[i + 1]!];
      expect([lp.lp, mip.lp]).toEqual([true, false]);
      expect(mip.model.columns).toHaveLength(lp.model.columns.length);
      // It stops within a small share of what the window's LP can gain on the plan (whose risk only falls).
      if (lp.values !== null) {
        expect(mip.absGap).toBeGreaterThanOrEqual(0);
        expect(mip.absGap as number).toBeLessThanOrEqual(
          ROUNDED_MIP_GAIN_TOLERANCE * Math.max(0, start.riskExposure - (lp.objective as number)) + 1e-9,
        );
      }
      mip.model.columns.forEach((c, j) => {
        const own = lp.model.columns[j]!;
        const planned = mip.start?.[j] as number;
        expect(c.lower).toBeLessThanOrEqual(planned);
        expect(c.upper).toBeGreaterThanOrEqual(planned);
        if (!c.integer || lp.values === null) return;
        const x = lp.values[j] as number;
        expect(c.lower).toBeGreaterThanOrEqual(Math.max(own.lower, Math.min(Math.floor(x + 1e-6), planned)));
        expect(c.upper).toBeLessThanOrEqual(Math.min(own.upper, Math.max(Math.ceil(x - 1e-6), planned)));
      });
    }
    expect(rounded.some((x) => (x.absGap ?? 0) > 0)).toBe(true);
    // Then the windows' own MIPs, no LP before them, solved to their relative gap alone.
    expect(solves.slice(2 * r.roundedSolves).every((x) => !x.lp && x.absGap === undefined)).toBe(true);
    expect(r.widths.length).toBeGreaterThan(r.roundedSolves);
  }, 60_000);

  it('rounded windows: a width that finds nothing gives way to the next wider one; the MIPs then stop at theirs', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const built = buildPlanningModel(problem);
    const start = riskFirstPlan(problem);
    const mipColumns: number[] = [];
    const nothingBetter = solverThatFindsNothing((model, o) => {
      if (o.relaxIntegrality !== true) mipColumns.push(model.columns.length);
    });
    const r = await improveByContractWindows(problem, built, start.replacements, nothingBetter, {
      windows: [2, 4, 4, 8],
      slices: { length: 24, step: 12 },
      secondsPerWindow: () => 10,
      rounding: true,
    });
    const k = r.widths.filter((w) => w === 8).length;
    expect(k).toBeGreaterThan(0);
    // Rounded: one sweep of ±2, one of ±4 (stuck, so the second ±4 is skipped), one of ±8; then the MIPs' ±2 sweep.
    expect(r.widths).toEqual([
      ...Array(k).fill(2),
      ...Array(k).fill(4),
      ...Array(k).fill(8),
      ...Array(k).fill(2),
    ]);
    expect(r.roundedSolves).toBe(3 * k);
    expect(r.windowsImproved).toBe(0);
    // Work counted: a rounded window's iterations, 500 for its LP at ROUNDED_ITERATION_WORK and 1,000 for its MIP at
    // ROUNDED_MIP_ITERATION_WORK, at least 0.2 per free column at the LP's rate, and the JavaScript around it by the
    // whole model's size; a window MIP's in full.
    const expected = mipColumns.reduce((sum, columns, i) => {
      const rounded = i < r.roundedSolves;
      const work = rounded ? ROUNDED_ITERATION_WORK : 1;
      const least = Math.round(columns * 0.2) * work;
      const own = Math.max(
        rounded ? 500 * ROUNDED_ITERATION_WORK + 1000 * ROUNDED_MIP_ITERATION_WORK : 1000,
        least,
      );
      return sum + own + (rounded ? built.model.columns.length * ROUNDED_SOLVE_WORK_PER_MODEL_COLUMN : 0);
    }, 0);
    expect(r.iterations).toBeCloseTo(expected, 6);
  });

  it('says why no window was solved when the plan does not fit the model (a contract off the model grid)', async () => {
    const problem = small(5, 3, 6);
    const start = riskFirstPlan(problem).replacements;
    expect(start.some((r) => r.contractPeriod % 2 === 1)).toBe(true);
    const r = await improveByContractWindows(
      problem,
      buildPlanningModel(problem, { contractStep: 2 }),
      start,
      solver,
      { windows: [3], slices: { length: 24, step: 12 }, secondsPerWindow: () => 10 },
    );
    expect(r.widths).toEqual([]);
    expect(r.schedule).toEqual(start);
    expect(r.messages.join('\n')).toMatch(/the plan does not fit the model/);
  });

  it("a window stays within the model's own column bounds (a blackout freezes a first contract period by a bound)", () => {
    for (const seed of [1, 2, 3, 4]) {
      const base = small(seed, 3, 6);
      // Blackouts over the commissioning of every supplier's first possible contracts.
      const periods = base.suppliers.flatMap((s) =>
        Array.from(
          { length: s.commissioningPeriods },
          (_, k) => s.earliestContractPeriod + s.leadTimePeriods + k,
        ),
      );
      const problem = {
        ...base,
        terminals: base.terminals.map((t) => ({ ...t, blackoutPeriods: [...new Set(periods)] })),
      };
      const built = buildPlanningModel(problem);
      const plan = riskFirstPlan(problem);
      const values = scheduleToValues(problem, built.index, built.model.columns.length, plan.replacements);
      expect(values).not.toBeNull();
      const frozen = built.model.columns.filter((c) => c.integer && c.upper === 0).length;
      expect(frozen).toBeGreaterThan(0);
      const windowed = windowedModel(built, values ?? [], 4);
      windowed.columns.forEach((c, j) => {
        const own = built.model.columns[j];
        expect(c.lower).toBeGreaterThanOrEqual(own?.lower ?? -Infinity);
        expect(c.upper).toBeLessThanOrEqual(own?.upper ?? Infinity);
        expect(c.lower).toBeLessThanOrEqual(c.upper);
      });
    }
  });

  it('contract windows stop when their LP-iteration budget is spent, the same way on every run', async () => {
    const problem = small(3, 3, 6);
    const built = buildPlanningModel(problem);
    const start = greedyPlan(problem).replacements;
    const options: WindowSearchOptions = { windows: [1, 2, 3], secondsPerWindow: () => 10, maxNodes: 50 };
    const run = (maxIterations?: number) =>
      improveByContractWindows(problem, built, start, solver, {
        ...options,
        ...(maxIterations !== undefined ? { maxIterations } : {}),
      });
    const budget = await firstWindowWork(problem, built, start, options);
    const spent = await run(budget);
    expect(spent.widths).toHaveLength(1);
    expect(spent.iterations).toBeGreaterThanOrEqual(budget);
    expect(spent.messages.join('\n')).toMatch(/LP iterations are spent; no ±2 window/);
    const again = await run(budget);
    expect(again.schedule).toEqual(spent.schedule);
    expect(again.iterations).toBe(spent.iterations);
    const free = await run();
    expect(free.widths.length).toBeGreaterThanOrEqual(spent.widths.length);
  });

  it('a window that iterates little still spends the budget by the columns it frees (weekly windows)', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const built = buildPlanningModel(problem);
    const start = riskFirstPlan(problem);
    // Solves that report no iterations at all, as HiGHS nearly does on weekly windows.
    const freeColumns: number[] = [];
    const noIterations: MilpSolver = {
      solve: async (model, options) => {
        freeColumns.push(model.columns.length);
        return { ...(await solver.solve(model, options)), iterations: 0 };
      },
    };
    const options: WindowSearchOptions = {
      windows: [2, 4, 8],
      slices: { length: 24, step: 12 },
      secondsPerWindow: () => 10,
      maxNodes: 50,
    };
    const budget = await firstWindowWork(problem, built, start.replacements, options);
    const r = await improveByContractWindows(problem, built, start.replacements, noIterations, {
      ...options,
      maxIterations: budget,
    });
    expect(r.widths).toHaveLength(1);
    expect(r.iterations).toBe(Math.round((freeColumns[0] as number) * 0.2));
    expect(r.iterations).toBe(budget);
    expect(r.messages.join('\n')).toMatch(/LP iterations are spent/);
  });

  it('a window whose free columns alone would cost more than the budget has left is not started (weekly, 10 s)', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const built = buildPlanningModel(problem);
    const start = riskFirstPlan(problem);
    const options: WindowSearchOptions = { windows: [3], secondsPerWindow: () => 10, maxNodes: 50 };
    const least = await firstWindowWork(problem, built, start.replacements, options);
    expect(least).toBeGreaterThan(1);
    const solves: number[] = [];
    const counting: MilpSolver = {
      solve: (model, o) => {
        solves.push(model.columns.length);
        return solver.solve(model, o);
      },
    };
    const short = await improveByContractWindows(problem, built, start.replacements, counting, {
      ...options,
      maxIterations: least - 1,
    });
    expect(solves).toEqual([]);
    expect(short.widths).toEqual([]);
    expect(short.schedule).toEqual(start.replacements);
    expect(short.messages.join('\n')).toMatch(
      /a ±3 window would free \d+ columns, more than the windows' \d+ LP iterations have left/,
    );
    const enough = await improveByContractWindows(problem, built, start.replacements, counting, {
      ...options,
      maxIterations: least,
    });
    expect(enough.widths).toEqual([3]);
  });

  it('a rounded window larger than any so far is not started when its expected work, the largest one grown as the square of the free columns, exceeds what is left', async () => {
    const problem = generateProblem({ terminals: 8, cranes: 30, suppliers: 3, years: 6, seed: 3 });
    const built = buildPlanningModel(problem);
    const start = riskFirstPlan(problem);
    const lpColumns: number[] = [];
    const fixedWork = solverThatFindsNothing((model, o) => {
      if (o.relaxIntegrality === true) lpColumns.push(model.columns.length);
    });
    const workOf = (columns: number): number =>
      Math.max(
        500 * ROUNDED_ITERATION_WORK + 1000 * ROUNDED_MIP_ITERATION_WORK,
        Math.round(columns * 0.2) * ROUNDED_ITERATION_WORK,
      ) +
      built.model.columns.length * ROUNDED_SOLVE_WORK_PER_MODEL_COLUMN;
    const run = (maxIterations: number) =>
      improveByContractWindows(problem, built, start.replacements, fixedWork, {
        windows: [2, 8],
        secondsPerWindow: () => 10,
        rounding: true,
        maxIterations,
      });
    await run(1e9);
    const [narrow, wide] = lpColumns as [number, number];
    expect(wide).toBeGreaterThan(narrow);
    const expected = workOf(narrow) * (wide / narrow) ** 2;
    const short = await run(workOf(narrow) + expected - 1);
    expect(short.widths).toEqual([2]);
    expect(short.messages.join('\n')).toMatch(
      /a ±8 window would free \d+ columns, more than the largest so far \(\d+\), and is expected to cost \d+/,
    );
    const enough = await run(workOf(narrow) + expected + 1);
    expect(enough.widths.slice(0, 2)).toEqual([2, 8]);
  });

  it('a window its node limit stopped after an improvement is solved again before widening, at most three more times', async () => {
    // 15 terminals, 60 cranes, 8 years: a ±8 window does not close at its root node.
    const problem = generateProblem({ terminals: 15, cranes: 60, suppliers: 3, years: 8, seed: 1 });
    const r = await improveByContractWindows(
      problem,
      buildPlanningModel(problem),
      greedyPlan(problem).replacements,
      solver,
      { windows: [3, 8], secondsPerWindow: () => 20, maxNodes: 1 },
    );
    // Widths never narrow, one width runs at most four times, and only an improvement leads to another window.
    r.widths.slice(1).forEach((w, i) => expect(w).toBeGreaterThanOrEqual(r.widths[i] as number));
    for (const w of [3, 8]) expect(r.widths.filter((x) => x === w).length).toBeLessThanOrEqual(4);
    expect(r.windowsImproved).toBeGreaterThanOrEqual(r.widths.length - 1);
    expect(r.widths.filter((x) => x === 8).length).toBeGreaterThan(1);
    expect(r.messages.join('\n')).toMatch(/w = 8: stopped: limit reached/);
    expect(validatePlan(problem, { replacements: r.schedule })).toEqual([]);
  }, 60_000);

  it('by clock, the order search keeps going when the exact LP is refused as too large', async () => {
    const problem = small(21, 3, 6);
    const plan = await planReplacement(
      problem,
      {
        timeLimitSeconds: 2,
        method: 'decomposition',
        maxColumns: 50,
        stopByClock: true,
        clock: () => performance.now(),
      },
      solver,
    );
    const steps = /order searched \((\d+) schedules\)/.exec(plan.diagnostics.join('\n'));
    expect(Number(steps?.[1] ?? 0)).toBeGreaterThan(10);
    expect(validatePlan(problem, plan)).toEqual([]);
  });

  it('by clock, with windows to follow, nothing is searched from the LP order: the windows get the time', async () => {
    const problem = small(21, 3, 6);
    const run = (timeLimitSeconds: number) =>
      planReplacement(
        problem,
        {
          timeLimitSeconds,
          method: 'decomposition',
          stopByClock: true,
          clock: () => performance.now(),
        },
        solver,
      );
    const short = await run(3);
    const diagnostics = short.diagnostics.join('\n');
    expect(diagnostics).toMatch(/LP-guided order .*before search; 0 schedules searched from it/);
    expect(diagnostics).toMatch(/contract windows \(4[ ,)].*over 24-period slices every 12/);
    expect(validatePlan(problem, short)).toEqual([]);
    const long = await run(16);
    expect(long.diagnostics.join('\n')).toMatch(/contract windows \(4[ ,)].*over 24-period slices every 12/);
    expect(validatePlan(problem, long)).toEqual([]);
  }, 60_000);

  it('by clock, no block MIP starts once the windows have stopped on the time limit', async () => {
    const problem = small(21, 3, 6);
    const timeLimitSeconds = 4;
    // Each MIP (the windows) takes the whole limit on this clock; the LPs take none of it.
    let spentMs = 0;
    const slowMips: MilpSolver = {
      solve: async (model, options) => {
        const result = await solver.solve(model, options);
        if (options.relaxIntegrality !== true) spentMs += timeLimitSeconds * 1000;
        return result;
      },
    };
    const plan = await planReplacement(
      problem,
      { timeLimitSeconds, method: 'decomposition', stopByClock: true, clock: () => spentMs },
      slowMips,
    );
    const diagnostics = plan.diagnostics.join('\n');
    expect(diagnostics).toMatch(/contract windows \(4 periods, over 24-period slices every 12\)/);
    expect(diagnostics).toMatch(/large-neighbourhood search: skipped \(the time limit is reached\)/);
    expect(validatePlan(problem, plan)).toEqual([]);
  }, 60_000);

  it('skips an exact LP that would not finish in the time it has: column generation gives the bound instead', async () => {
    // Weekly periods: about 13,000 columns, an exact LP of about 3 s on this machine; by clock 3 s leave it 2.7 s.
    const problem = generateProblem({
      terminals: 5,
      cranes: 20,
      suppliers: 3,
      years: 10,
      seed: 1,
      granularity: 'week',
    });
    expect(expectedExactLpSeconds(estimateModelColumns(mergeIdenticalSuppliers(problem)))).toBeGreaterThan(
      2.7,
    );
    // By clock and counted alike: a counted run gives a started LP far more than its limit, but starts none that
    // is expected to take more than 90% of it.
    for (const byClock of [true, false]) {
      const plan = await planReplacement(
        problem,
        {
          timeLimitSeconds: 3,
          method: 'decomposition',
          ...(byClock ? { stopByClock: true, clock: () => performance.now() } : {}),
        },
        solver,
      );
      const diagnostics = plan.diagnostics.join('\n');
      expect(diagnostics).toMatch(
        /exact model LP: the exact model \(about \d+ columns\) would take about \d+ s, more than the 3 s it has; column generation over \d+ terminal blocks/,
      );
      expect(validatePlan(problem, plan)).toEqual([]);
      expect(plan.bound).not.toBeNull();
      expect(plan.bound ?? Infinity).toBeLessThanOrEqual(plan.objective);
    }
  }, 60_000);

  it("counts a soft floor's shortfall columns among the model's, without building it", () => {
    for (const seed of [1, 2, 3]) {
      const hard = small(seed, 3, 6);
      const soft = { ...hard, options: { ...hard.options, softFloor: true } };
      const built = (p: PlanningProblem) => buildPlanningModel(p).model.columns.length;
      expect(built(soft) - built(hard)).toBe(hard.terminals.length * hard.periods);
      expect(estimateModelColumns(soft) - estimateModelColumns(hard)).toBe(built(soft) - built(hard));
    }
  });

  it('expects the exact LP to take about as long as measured here, growing with the square of its columns', () => {
    expect(expectedExactLpSeconds(19_257)).toBeCloseTo(6.7, 6); // the national set, monthly
    expect(expectedExactLpSeconds(83_398)).toBeGreaterThan(70); // by week: 143 s measured, over a 10 s run's 70 s
    expect(expectedExactLpSeconds(2 * 19_257)).toBeCloseTo(4 * 6.7, 6);
  });

  it('decomposition returns a valid plan with a real bound below its objective', async () => {
    const problem = small(21, 3, 6);
    const plan = await planReplacement(problem, { timeLimitSeconds: 6, method: 'decomposition' }, solver);
    expect(plan.status).toBe('feasible');
    expect(validatePlan(problem, plan)).toEqual([]);
    expect(plan.bound).not.toBeNull();
    expect(plan.bound ?? Infinity).toBeLessThanOrEqual(plan.objective);
  });
});
