import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MilpModel } from '../milp.js';
import { boxColumns } from './random-models.test-util.js';
import { substituteFixedColumns } from './fixed-columns.js';

const feasible = (model: MilpModel, x: readonly number[]): boolean =>
  model.columns.every((c, j) => (x[j] as number) >= c.lower && (x[j] as number) <= c.upper) &&
  model.rows.every((r) => {
    const activity = r.indices.reduce((a, j, q) => a + (r.values[q] as number) * (x[j] as number), 0);
    return activity >= r.lower && activity <= r.upper;
  });

const objective = (model: MilpModel, x: readonly number[]): number =>
  (model.offset ?? 0) + model.columns.reduce((a, c, j) => a + c.cost * (x[j] as number), 0);

/** Every integer point of the model's column box (small boxes only). */
function boxPoints(model: MilpModel): number[][] {
  let points: number[][] = [[]];
  for (const c of model.columns) {
    const next: number[][] = [];
    for (const p of points)
      for (let v = Math.ceil(c.lower); v <= Math.floor(c.upper); v++) next.push([...p, v]);
    points = next;
  }
  return points;
}

describe('substituteFixedColumns', () => {
  it('moves fixed columns into the row sides and the offset, and singleton rows into bounds', () => {
    // x fixed at 2; y + x <= 5 leaves y <= 3; 2z >= 3 rounds to z >= 2 (integer); -2w >= -1 leaves w <= 0.5.
    const model: MilpModel = {
      sense: 'min',
      offset: 1,
      columns: [
        { name: 'x', lower: 2, upper: 2, cost: 10, integer: true },
        { name: 'y', lower: 0, upper: 9, cost: 1, integer: true },
        { name: 'z', lower: 0, upper: 9, cost: 1, integer: true },
        { name: 'w', lower: 0, upper: 9, cost: -1, integer: false },
      ],
      rows: [
        { name: 'xy', lower: -Infinity, upper: 5, indices: [1, 0], values: [1, 1] },
        { name: 'z', lower: 3, upper: Infinity, indices: [2], values: [2] },
        { name: 'w', lower: -1, upper: Infinity, indices: [3], values: [-2] },
        { name: 'all', lower: 4, upper: 20, indices: [0, 1, 2, 3], values: [1, 1, 1, 1] },
      ],
    };
    const reduced = substituteFixedColumns(model);
    expect(reduced.kept).toEqual([1, 2, 3]);
    expect(reduced.model.offset).toBe(21);
    expect(reduced.model.columns.map((c) => [c.name, c.lower, c.upper])).toEqual([
      ['y', 0, 3],
      ['z', 2, 9],
      ['w', 0, 0.5], // continuous: not rounded
    ]);
    expect(reduced.model.rows).toEqual([
      { name: 'all', lower: 2, upper: 18, indices: [0, 1, 2], values: [1, 1, 1] },
    ]);
    expect(reduced.fullValues([3, 2, 0.5])).toEqual([2, 3, 2, 0.5]);
    expect(reduced.reducedValues([2, 3, 2, 0.5])).toEqual([3, 2, 0.5]);
  });

  it('keeps a row the fixed values break, so the model stays infeasible', () => {
    const model: MilpModel = {
      sense: 'min',
      columns: [
        { name: 'x', lower: 1, upper: 1, cost: 0, integer: true },
        { name: 'y', lower: 0, upper: 1, cost: 1, integer: true },
      ],
      rows: [{ name: 'x', lower: 2, upper: Infinity, indices: [0], values: [1] }],
    };
    const reduced = substituteFixedColumns(model);
    expect(reduced.model.rows).toEqual([{ name: 'x', lower: 1, upper: Infinity, indices: [], values: [] }]);
  });

  it('fixes columns whose singleton rows close their range, and goes on from there', () => {
    // a = 1 by its row; then b + a = 3 leaves b = 2; then c - b >= 0 leaves c >= 2.
    const model: MilpModel = {
      sense: 'min',
      columns: ['a', 'b', 'c'].map((name) => ({ name, lower: 0, upper: 5, cost: 1, integer: true })),
      rows: [
        { name: 'c-b', lower: 0, upper: Infinity, indices: [2, 1], values: [1, -1] },
        { name: 'b+a', lower: 3, upper: 3, indices: [1, 0], values: [1, 1] },
        { name: 'a', lower: 1, upper: 1, indices: [0], values: [1] },
      ],
    };
    const reduced = substituteFixedColumns(model);
    expect(reduced.kept).toEqual([2]);
    expect(reduced.model.columns[0]).toMatchObject({ lower: 2, upper: 5 });
    expect(reduced.model.rows).toEqual([]);
    expect(reduced.model.offset).toBe(3);
  });

  it('reduces models that share one rows array each by its own column bounds', () => {
    // Windows of one model share its rows and differ in their columns' bounds.
    const rows: MilpModel['rows'] = [
      { name: 'a+b', lower: 4, upper: 4, indices: [0, 1], values: [1, 1] },
      { name: 'b-c', lower: 0, upper: Infinity, indices: [1, 2], values: [1, -1] },
    ];
    const withBounds = (bounds: readonly (readonly [number, number])[]): MilpModel => ({
      sense: 'min',
      columns: bounds.map(([lower, upper], j) => ({ name: `x${j}`, lower, upper, cost: 1, integer: true })),
      rows,
    });
    const aFixed = substituteFixedColumns(
      withBounds([
        [1, 1],
        [0, 5],
        [0, 5],
      ]),
    );
    expect(aFixed.kept).toEqual([2]);
    expect(aFixed.model.columns[0]).toMatchObject({ lower: 0, upper: 3 });
    const cFixed = substituteFixedColumns(
      withBounds([
        [0, 5],
        [0, 5],
        [2, 2],
      ]),
    );
    expect(cFixed.kept).toEqual([0, 1]);
    expect(cFixed.model.columns).toMatchObject([
      { lower: 0, upper: 5 },
      { lower: 2, upper: 5 },
    ]);
    expect(cFixed.model.rows.map((r) => r.name)).toEqual(['a+b']);
  });

  it('property: the reduced model has exactly the original integer points, at the same objective', () => {
    const model = fc.record({
      columns: fc.array(
        fc.record({
          lower: fc.integer({ min: -2, max: 1 }),
          width: fc.integer({ min: 0, max: 3 }),
          cost: fc.integer({ min: -4, max: 4 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      rows: fc.array(
        fc.record({
          // Zero coefficients leave a column out of the row, so singleton and empty rows come up often.
          coefficients: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 5, maxLength: 5 }),
          lower: fc.option(fc.integer({ min: -8, max: 6 })),
          range: fc.option(fc.integer({ min: 0, max: 6 })),
        }),
        { maxLength: 5 },
      ),
      offset: fc.integer({ min: -5, max: 5 }),
    });
    fc.assert(
      fc.property(model, ({ columns, rows, offset }) => {
        const original: MilpModel = {
          sense: 'min',
          offset,
          columns: boxColumns(columns, true),
          rows: rows.map((r, i) => {
            const indices = columns.map((_, j) => j).filter((j) => r.coefficients[j] !== 0);
            const lower = r.lower ?? -Infinity;
            return {
              name: `r${i}`,
              lower,
              upper: r.range === null ? Infinity : (r.lower ?? 0) + r.range,
              indices,
              values: indices.map((j) => r.coefficients[j] as number),
            };
          }),
        };
        const reduced = substituteFixedColumns(original);
        for (const x of boxPoints(original)) {
          if (!feasible(original, x)) continue;
          const y = reduced.reducedValues(x);
          expect(reduced.fullValues(y)).toEqual(x);
          expect(feasible(reduced.model, y)).toBe(true);
          expect(objective(reduced.model, y)).toBe(objective(original, x));
        }
        for (const y of boxPoints(reduced.model)) {
          if (!feasible(reduced.model, y)) continue;
          const x = reduced.fullValues(y);
          expect(feasible(original, x)).toBe(true);
          expect(objective(original, x)).toBe(objective(reduced.model, y));
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
