import { describe, expect, it } from 'vitest';
import {
  buildPlanningModel,
  generateProblem,
  improveByContractWindows,
  readSchedule,
  riskFirstPlan,
  scheduleObjective,
  scheduleToValues,
  substituteFixedColumns,
  supplierWindowModel,
  validatePlan,
  type MilpModel,
  type PlanningProblem,
} from '@portguard/core';
import { withDeadlineAndFixedRetirement } from '@portguard/core/testing';
import { InProcessHighsSolver } from './highs-solver.js';

const solver = new InProcessHighsSolver();

const activity = (model: MilpModel, i: number, x: readonly number[]): number => {
  const row = model.rows[i]!;
  return row.indices.reduce((a, j, q) => a + (row.values[q] as number) * (x[j] as number), 0);
};
const objective = (model: MilpModel, x: readonly number[]): number =>
  model.columns.reduce((a, c, j) => a + c.cost * (x[j] as number), model.offset ?? 0);

describe('supplier windows (contracts may change supplier) with HiGHS', () => {
  it.each([1, 2, 3, 4])(
    'every solution of the window is a point of the whole model with the same objective, and a plan (seed %i)',
    async (seed) => {
      const problem = generateProblem({ terminals: 3, cranes: 10, suppliers: 3, years: 4, seed });
      const built = buildPlanningModel(problem);
      const plan = riskFirstPlan(problem).replacements;
      const values = scheduleToValues(problem, built.index, built.model.columns.length, plan)!;
      for (const from of [0, 12]) {
        const window = supplierWindowModel(built, values, 4, { from, to: from + 23 });
        const reduced = substituteFixedColumns(window.model);
        const r = await solver.solve(reduced.model, {
          timeLimitSeconds: 30,
          mipRelGap: 0,
          initialSolution: reduced.reducedValues(values),
        });
        expect(r.status).toBe('optimal');
        const full = window.complete(reduced.fullValues(r.values!));
        built.model.rows.forEach((row, i) => {
          expect(activity(built.model, i, full)).toBeGreaterThanOrEqual(row.lower - 1e-6);
          expect(activity(built.model, i, full)).toBeLessThanOrEqual(row.upper + 1e-6);
        });
        built.model.columns.forEach((c, j) => {
          expect(full[j]).toBeGreaterThanOrEqual(c.lower - 1e-6);
          expect(full[j]).toBeLessThanOrEqual(c.upper + 1e-6);
        });
        expect(objective(built.model, full)).toBeCloseTo(r.objective!, 4);
        const schedule = readSchedule(problem, built.index, full);
        expect(validatePlan(problem, { replacements: schedule })).toEqual([]);
        expect(scheduleObjective(problem, schedule)).toBeLessThanOrEqual(
          scheduleObjective(problem, plan) + 1e-6,
        );
      }
    },
  );

  it('moves contracts to a faster supplier that the plan does not use, which windows that keep suppliers cannot', async () => {
    const improvedBy: string[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const generated = generateProblem({ terminals: 3, cranes: 10, suppliers: 2, years: 5, seed });
      const slow = generated.suppliers.find((s) => s.trusted)!;
      // The same offers, in service three months sooner.
      const fast = {
        ...slow,
        id: 'fast',
        name: 'Fast',
        leadTimePeriods: Math.max(1, slow.leadTimePeriods - 3),
      };
      const problem: PlanningProblem = { ...generated, suppliers: [...generated.suppliers, fast] };
      // A plan that never uses the fast supplier keeps every rule of the problem that offers it.
      const start = riskFirstPlan({ ...generated }).replacements;
      expect(validatePlan(problem, { replacements: start })).toEqual([]);
      const built = buildPlanningModel(problem);
      const options = {
        windows: [2],
        rounding: true,
        slices: { length: 24, step: 12 },
        secondsPerWindow: () => 30,
      } as const;
      const keeping = await improveByContractWindows(problem, built, start, solver, options);
      const switching = await improveByContractWindows(problem, built, start, solver, {
        ...options,
        supplierWindows: { width: 2 },
      });
      expect(keeping.schedule.some((r) => r.supplierId === 'fast')).toBe(false);
      expect(keeping.supplierSolves).toBe(0);
      expect(switching.supplierSolves).toBeGreaterThan(0);
      expect(validatePlan(problem, { replacements: switching.schedule })).toEqual([]);
      expect(switching.riskExposure).toBeLessThanOrEqual(keeping.riskExposure + 1e-9);
      if (
        switching.schedule.some((r) => r.supplierId === 'fast') &&
        switching.riskExposure < keeping.riskExposure
      )
        improvedBy.push(String(seed));
    }
    expect(improvedBy.length).toBeGreaterThan(0);
  }, 60_000);

  const variants: Record<string, (p: PlanningProblem) => PlanningProblem> = {
    blackouts: (p) => ({
      ...p,
      terminals: p.terminals.map((t) => ({ ...t, blackoutPeriods: [6, 7, 8, 18, 19, 20, 30, 31] })),
    }),
    'a soft floor': (p) => ({ ...p, options: { ...p.options, softFloor: true } }),
    batches: (p) => ({ ...p, options: { ...p.options, batchSize: { min: 2, max: 3 } } }),
    'fixed decisions and a deadline': (p) => withDeadlineAndFixedRetirement(p, 6),
  };
  it.each([...Object.keys(variants), 'weekly periods'])(
    'plans from supplier windows keep every rule, with %s',
    async (variant) => {
      let planned = 0;
      let supplierSolves = 0;
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        if (planned === 3) break;
        const weekly = variant === 'weekly periods';
        const generated = generateProblem({
          terminals: 3,
          cranes: 10,
          suppliers: 3,
          years: 4,
          seed,
          ...(weekly ? { granularity: 'week' as const } : {}),
        });
        const problem = weekly ? generated : variants[variant]!(generated);
        const start = riskFirstPlan(problem);
        // Risk first may miss a deadline; the windows start from plans that keep every rule.
        if (validatePlan(problem, start).length > 0) continue;
        planned++;
        const windowed = await improveByContractWindows(
          problem,
          buildPlanningModel(problem),
          start.replacements,
          solver,
          {
            windows: [2],
            rounding: true,
            slices: { length: 24, step: 12 },
            secondsPerWindow: () => 30,
            supplierWindows: { width: 4 },
          },
        );
        supplierSolves += windowed.supplierSolves;
        expect(validatePlan(problem, { replacements: windowed.schedule })).toEqual([]);
        expect(scheduleObjective(problem, windowed.schedule)).toBeLessThanOrEqual(
          scheduleObjective(problem, start.replacements) + 1e-6,
        );
      }
      expect(planned).toBe(3);
      expect(supplierSolves).toBeGreaterThan(0);
    },
    60_000,
  );
});
