import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyPlan } from '../baselines.js';
import { generateProblem } from '../generator.js';
import { riskFirstPlan } from '../heuristics/risk-first.js';
import type { PlannedReplacement } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import { costWeightOf, mergeGroupsByClass } from './build.js';
import {
  buildMonthQuarterBoundModel,
  buildQuarterlyBoundModel,
  quarterlyRelaxation,
  quarterlyRelaxationOf,
} from './quarterly-bound.js';
import type { BuiltModel } from './build.js';

/**
 * The image of a monthly schedule in the quarterly model: contracts and retirements by quarter, then φ, the
 * funding split and carry-over at their largest feasible values. Returns the objective and every violated row.
 */
interface Relaxation {
  readonly built: BuiltModel;
  /** Monthly supplier ids behind a supplier of the relaxation. */
  readonly members: (supplierId: string) => readonly string[];
  /** The relaxation's period of a monthly contract and of a monthly retirement. */
  readonly contractAt: (month: number) => number;
  readonly retireAt: (month: number) => number;
}

const quarterly = (problem: PlanningProblem): Relaxation => {
  const supply = quarterlyRelaxationOf(problem)!.supply;
  return {
    built: buildQuarterlyBoundModel(problem)!,
    members: (id) => supply.get(id)!.memberIds,
    contractAt: (c) => Math.floor(c / 3),
    retireAt: (r) => Math.floor(r / 3),
  };
};

const monthQuarter = (problem: PlanningProblem, separateTimings = false): Relaxation => {
  const built = buildMonthQuarterBoundModel(problem, { separateTimings })!;
  return {
    built,
    members: (id) => built.members.get(id)!,
    contractAt: (c) => 3 * Math.floor(c / 3),
    retireAt: (r) => r,
  };
};

function mapSchedule(relaxation: Relaxation, schedule: readonly PlannedReplacement[]) {
  const { built, members, contractAt, retireAt } = relaxation;
  const { columns, rows } = built.model;
  const x = new Array<number>(columns.length).fill(0);
  for (const g of built.index.groups) {
    const mine = schedule.filter((r) => r.terminalId === g.terminal.id && r.sizeClass === g.group.sizeClass);
    g.retireCols.forEach((col, q) => {
      x[col] = mine.filter((r) => retireAt(r.retirePeriod) <= q).length;
    });
    for (const c of g.contracts) {
      c.cols.forEach((col, i) => {
        const q = c.first + i * c.step;
        x[col] = mine.filter(
          (r) => members(c.supplier.id).includes(r.supplierId) && contractAt(r.contractPeriod) <= q,
        ).length;
      });
    }
  }
  const rowValue = (r: (typeof rows)[number], skip: number): number =>
    r.indices.reduce((a, c, k) => (c === skip ? a : a + (r.values[k] ?? 0) * (x[c] ?? 0)), 0);
  const free = (c: number) => columns[c]!.name;
  // φ: the tightest of its rows; F: the single program's share of the fiscal year's cost; K: what is left.
  columns.forEach((col, c) => {
    if (col.name.startsWith('phi_')) {
      const mine = rows.filter((r) => r.indices.includes(c));
      x[c] = Math.min(col.upper, ...mine.map((r) => r.upper - rowValue(r, c)));
    }
  });
  for (const r of rows) {
    if (r.name.startsWith('fund_')) {
      const f = r.indices.find((c) => free(c).startsWith('F_'))!;
      x[f] = r.lower - rowValue(r, f);
    }
  }
  for (const r of rows) {
    if (r.name.startsWith('budget_')) {
      const k = r.indices.find((c, i) => free(c).startsWith('K_') && r.values[i] === 1);
      if (k !== undefined) x[k] = Math.max(0, r.upper - rowValue(r, k));
    }
  }
  const violated = rows
    .map((r) => ({ r, v: rowValue(r, -1) }))
    .filter(({ r, v }) => v < r.lower - 1e-6 || v > r.upper + 1e-6)
    .map(({ r, v }) => `${r.name}: ${v} not in [${r.lower}, ${r.upper}]`);
  columns.forEach((col, c) => {
    if ((x[c] ?? 0) < col.lower - 1e-6 || (x[c] ?? 0) > col.upper + 1e-6)
      violated.push(`${col.name} = ${x[c]} outside [${col.lower}, ${col.upper}]`);
  });
  const objective = (built.model.offset ?? 0) + columns.reduce((a, col, c) => a + col.cost * (x[c] ?? 0), 0);
  return { objective, violated };
}

const monthlyObjective = (problem: PlanningProblem, risk: number, s: readonly PlannedReplacement[]) =>
  risk + (costWeightOf(problem) * s.reduce((a, r) => a + r.costCents, 0)) / 1e8;

describe('quarterly relaxation', () => {
  it('property: every monthly plan maps to a feasible point of both relaxations with no larger objective', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 4 }),
        fc.double({ min: 0.2, max: 1.5, noNaN: true }),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (terminals, extra, suppliers, years, budgetScale, seed, riskFirst, samePrices) => {
          const p = generateProblem({
            terminals,
            cranes: terminals + extra,
            suppliers,
            years,
            seed,
            budgetScale,
          });
          // One program per terminal: the funding split of a whole crane is then determined.
          // Same prices and near lead times: suppliers merge in the relaxation.
          const problem: PlanningProblem = {
            ...p,
            suppliers: samePrices
              ? p.suppliers.map((s, i) => ({
                  ...s,
                  leadTimePeriods: 10 + (i % 2),
                  commissioningPeriods: 2,
                  earliestContractPeriod: 0,
                  offers: s.offers.map((o) => ({
                    ...o,
                    unitCostCents: 1_000_000_000,
                    capacityPerQuarter: 1,
                  })),
                }))
              : p.suppliers,
            terminals: p.terminals.map((t) => ({ ...t, fundingProgramIds: t.fundingProgramIds.slice(0, 1) })),
          };
          const plan = riskFirst ? riskFirstPlan(problem) : greedyPlan(problem);
          for (const relaxation of [quarterly(problem), monthQuarter(problem), monthQuarter(problem, true)]) {
            const { objective, violated } = mapSchedule(relaxation, plan.replacements);
            expect(violated).toEqual([]);
            expect(objective).toBeLessThanOrEqual(
              monthlyObjective(problem, plan.riskExposure, plan.replacements) + 1e-6,
            );
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('counts risk per quarter at three months and the floor at the quarter’s last month', () => {
    const p = generateProblem({ terminals: 2, cranes: 5, suppliers: 2, years: 2, seed: 4 });
    const q = quarterlyRelaxation(p)!;
    expect(q.periods).toBe(8);
    const t = p.terminals[0]!;
    expect(q.terminals[0]!.demand[1]).toBe(t.demand[5]);
    expect(mergeGroupsByClass(q.terminals[0]!)[0]!.group.riskPerCranePeriod).toBe(
      3 * mergeGroupsByClass(t)[0]!.group.riskPerCranePeriod,
    );
    const shapes = quarterlyRelaxationOf(p)!.supply;
    for (const s of p.suppliers.filter((x) => x.trusted)) {
      const qs = q.suppliers.find((x) => shapes.get(x.id)!.memberIds.includes(s.id))!;
      expect(qs.leadTimePeriods).toBe(Math.floor(s.leadTimePeriods / 3));
      expect(qs.leadTimePeriods + qs.commissioningPeriods).toBe(
        Math.floor((s.leadTimePeriods + s.commissioningPeriods) / 3),
      );
    }
  });

  it('does not apply (no bound) to weekly periods, partial quarters or quarters across fiscal years', () => {
    const base = { terminals: 2, cranes: 4, suppliers: 2, years: 2, seed: 1 };
    expect(quarterlyRelaxation(generateProblem({ ...base, granularity: 'week' }))).toBeNull();
    expect(quarterlyRelaxation(generateProblem({ ...base, startMonth: '2027-02' }))).toBeNull();
    const p = generateProblem(base);
    expect(quarterlyRelaxation({ ...p, periods: 23, calendar: p.calendar.slice(0, 23) })).toBeNull();
    expect(quarterlyRelaxation(generateProblem({ ...base, startMonth: '2027-04' }))).not.toBeNull();
  });
});
