import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlanningModel,
  generateProblem,
  planReplacement,
  readSchedule,
  riskFirstPlan,
  scheduleToValues,
  validatePlan,
  type PlanningProblem,
} from '@portguard/core';
import { InProcessHighsSolver } from './highs-solver.js';

const solver = new InProcessHighsSolver();

/** Every terminal may draw on every program, with budgets tight enough that the split matters. */
const severalPrograms = (seed: number): PlanningProblem => {
  const p = generateProblem({ terminals: 3, cranes: 7, suppliers: 2, years: 4, seed });
  const programs = [...new Set(p.budgets.map((b) => b.programId))].sort();
  return {
    ...p,
    terminals: p.terminals.map((t) => ({ ...t, fundingProgramIds: programs })),
    budgets: p.budgets.map((b) => ({ ...b, amountCents: Math.round(b.amountCents * 0.6) })),
  };
};

describe('terminals paid by several programs', () => {
  it('property: the model pays each crane from one program, so the plan it reads keeps every budget', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), async (seed) => {
        const problem = severalPrograms(seed);
        expect(new Set(problem.budgets.map((b) => b.programId)).size).toBeGreaterThan(1);
        const built = buildPlanningModel(problem);
        const r = await solver.solve(built.model, { timeLimitSeconds: 20, mipRelGap: 0 });
        if (r.status === 'infeasible') return;
        expect(r.status).toBe('optimal');
        const schedule = readSchedule(problem, built.index, r.values ?? []);
        expect(validatePlan(problem, { replacements: schedule })).toEqual([]);
        // planReplacement then needs no repair of the programs.
        const plan = await planReplacement(
          problem,
          { timeLimitSeconds: 20, mipGap: 0, method: 'monolithic' },
          solver,
        );
        expect(plan.diagnostics.join('\n')).not.toMatch(/breaks \d+ rule|no whole-crane assignment/);
        expect(validatePlan(problem, plan)).toEqual([]);
      }),
      { numRuns: 8, seed: 5 },
    );
  }, 180_000);

  it("a valid plan's program assignment is a start the model accepts", () => {
    const problem = severalPrograms(3);
    const built = buildPlanningModel(problem);
    expect(built.index.fundingCounts.length).toBeGreaterThan(0);
    const start = riskFirstPlan(problem);
    const values = scheduleToValues(problem, built.index, built.model.columns.length, start.replacements);
    expect(values).not.toBeNull();
    // Every counting row holds at the start: the counts match the cranes contracted.
    for (const row of built.model.rows.filter((r) => r.name.startsWith('fundn_'))) {
      const lhs = row.indices.reduce((a, j, q) => a + (row.values[q] as number) * (values?.[j] ?? 0), 0);
      expect(lhs).toBeCloseTo(row.lower, 9);
    }
  });
});

describe('a crane is not split between programs', () => {
  it('two programs that can each pay one and a half cranes in the first year pay for two, not three', async () => {
    const base = generateProblem({ terminals: 1, cranes: 3, suppliers: 1, years: 3, seed: 2 });
    const unit = 1_000_000_000;
    const firstYear = base.calendar[0]?.fiscalYear ?? 0;
    const years = [...new Set(base.calendar.map((c) => c.fiscalYear))];
    const problem: PlanningProblem = {
      ...base,
      // One price for every class, and supply and crews to spare: only the budgets bind.
      suppliers: base.suppliers.map((s) => ({
        ...s,
        offers: (['panamax', 'post-panamax', 'super-post-panamax'] as const).map((sizeClass) => ({
          sizeClass,
          unitCostCents: unit,
          capacityPerQuarter: 10,
        })),
      })),
      crewRegions: base.crewRegions.map((c) => ({ ...c, simultaneousCommissionings: 10 })),
      terminals: base.terminals.map((t) => ({ ...t, fundingProgramIds: ['a', 'b'] })),
      budgets: ['a', 'b'].flatMap((programId) =>
        years.map((fiscalYear) => ({
          programId,
          fiscalYear,
          amountCents: fiscalYear === firstYear ? 1.5 * unit : 10 * unit,
          carryOver: false,
          localShare: 0,
        })),
      ),
    };
    const built = buildPlanningModel(problem);
    const r = await solver.solve(built.model, { timeLimitSeconds: 20, mipRelGap: 0 });
    expect(r.status).toBe('optimal');
    const schedule = readSchedule(problem, built.index, r.values ?? []);
    expect(validatePlan(problem, { replacements: schedule })).toEqual([]);
    const inFirstYear = schedule.filter((s) => problem.calendar[s.contractPeriod]?.fiscalYear === firstYear);
    expect(inFirstYear).toHaveLength(2);
    expect(new Set(inFirstYear.map((s) => s.programId))).toEqual(new Set(['a', 'b']));
  });
});
