import { describe, expect, it } from 'vitest';
import { generateProblem } from '../generator.js';
import type { MilpModel, MilpRow } from '../milp.js';
import { substituteFixedColumns } from './fixed-columns.js';
import { riskFirstModelPoint } from './random-models.test-util.js';
import { supplierWindowModel } from './window-search.js';

const activity = (row: MilpRow, x: readonly number[]): number =>
  row.indices.reduce((a, j, q) => a + (row.values[q] as number) * (x[j] as number), 0);
const objective = (model: MilpModel, x: readonly number[]): number =>
  model.columns.reduce((a, c, j) => a + c.cost * (x[j] as number), model.offset ?? 0);

/** A generated problem, its model, and risk first's plan as the model's column values. */
const riskFirstPoint = (seed: number): ReturnType<typeof riskFirstModelPoint> =>
  riskFirstModelPoint(generateProblem({ terminals: 3, cranes: 10, suppliers: 3, years: 4, seed }));

const cases = [1, 2, 3, 4, 5, 6].flatMap((seed) =>
  [2, 4].flatMap((w) => [0, 6, 12].map((from) => ({ seed, w, slice: { from, to: from + 11 } }))),
);

describe('supplierWindowModel', () => {
  it.each(cases)(
    'keeps the plan a point with its objective, and gives its columns back (seed $seed, ±$w, slice $slice.from)',
    ({ seed, w, slice }) => {
      const { built, values } = riskFirstPoint(seed);
      const window = supplierWindowModel(built, values, w, slice);
      const reduced = substituteFixedColumns(window.model);
      const x = reduced.reducedValues(values);
      // The plan gives the integer columns (contracts, retirements); the budget split and risk pieces are the
      // solver's to complete, so only the rows over integer columns are checked here.
      const integral = (row: MilpRow): boolean => row.indices.every((j) => reduced.model.columns[j]!.integer);
      const rows = reduced.model.rows.filter(integral);
      for (const row of rows) {
        expect(activity(row, x)).toBeGreaterThanOrEqual(row.lower - 1e-6);
        expect(activity(row, x)).toBeLessThanOrEqual(row.upper + 1e-6);
      }
      reduced.model.columns.forEach((c, j) => {
        if (!c.integer) return;
        expect(x[j]).toBeGreaterThanOrEqual(c.lower - 1e-9);
        expect(x[j]).toBeLessThanOrEqual(c.upper + 1e-9);
      });
      const back = window.complete(reduced.fullValues(x));
      built.model.columns.forEach((c, j) => {
        if (c.integer) expect(back[j]).toBeCloseTo(values[j] as number, 9);
      });
      // At any point of the window's box, the original model's objective at the columns given back.
      const y = reduced.model.columns.map((c, j) =>
        Number.isFinite(c.upper) ? c.lower + ((j * 7919) % 13) * ((c.upper - c.lower) / 12) : c.lower + j,
      );
      expect(objective(reduced.model, y)).toBeCloseTo(
        objective(built.model, window.complete(reduced.fullValues(y))),
        6,
      );
    },
  );

  it('writes no column of a group without contracts in the slice: they keep the plan', () => {
    const { problem, built, values } = riskFirstPoint(2);
    // A slice after every contract: nothing moves.
    const window = supplierWindowModel(built, values, 4, { from: problem.periods, to: problem.periods + 11 });
    for (const g of built.index.groups)
      for (const col of [...g.retireCols, ...g.contracts.flatMap((c) => c.cols)]) {
        const c = window.model.columns[col]!;
        expect([c.lower, c.upper]).toEqual([values[col], values[col]]);
      }
  });
});
