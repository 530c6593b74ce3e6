import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MilpModel } from '../milp.js';
import { boxColumns } from './random-models.test-util.js';
import { lagrangianBound } from './dual-bound.js';

// min x + 2y s.t. x + y >= 3, 0 <= x <= 2, 0 <= y <= 10: optimum 4 at (2, 1), row dual 2.
const tiny: MilpModel = {
  sense: 'min',
  columns: [
    { name: 'x', lower: 0, upper: 2, cost: 1, integer: false },
    { name: 'y', lower: 0, upper: 10, cost: 2, integer: false },
  ],
  rows: [{ name: 'r', lower: 3, upper: Infinity, indices: [0, 1], values: [1, 1] }],
};

describe('lagrangianBound', () => {
  it('equals the LP optimum at the optimal dual and is weaker elsewhere', () => {
    expect(lagrangianBound(tiny, [2])).toBeCloseTo(4, 9);
    expect(lagrangianBound(tiny, [2])).toBeLessThanOrEqual(4);
    expect(lagrangianBound(tiny, [1])).toBeCloseTo(3, 9);
    expect(lagrangianBound(tiny, [0])).toBe(0);
  });

  it('takes other costs when given, as the model with those costs would', () => {
    // min 3x + y s.t. x + y >= 3: optimum 3 at (0, 3), row dual 1.
    const costs = [3, 1];
    const recosted: MilpModel = {
      ...tiny,
      columns: tiny.columns.map((c, j) => ({ ...c, cost: costs[j] as number })),
    };
    expect(lagrangianBound(tiny, [1], costs)).toBeCloseTo(3, 9);
    for (const y of [0, 0.5, 1, 2, 4])
      expect(lagrangianBound(tiny, [y], costs)).toBe(lagrangianBound(recosted, [y]));
    expect(costs).toEqual([3, 1]);
    expect(lagrangianBound(tiny, [2])).toBeCloseTo(4, 9);
  });

  it('ignores a multiplier whose sign points at an infinite row side', () => {
    // y < 0 on a >= row would need the row's (infinite) upper side: taken as 0.
    expect(lagrangianBound(tiny, [-5])).toBe(0);
  });

  it('is null when an unbounded column has a reduced cost of the wrong sign', () => {
    const open: MilpModel = {
      ...tiny,
      columns: [tiny.columns[0]!, { ...tiny.columns[1]!, upper: Infinity }],
    };
    expect(lagrangianBound(open, [3])).toBeNull(); // d_y = 2 - 3 < 0 with y unbounded above
    expect(lagrangianBound(open, [2])).toBeCloseTo(4, 9);
  });

  it('property: for any multipliers it is at most the objective of every feasible point', () => {
    const model = fc.record({
      columns: fc.array(
        fc.record({
          lower: fc.integer({ min: -5, max: 0 }),
          width: fc.integer({ min: 0, max: 8 }),
          cost: fc.double({ min: -5, max: 5, noNaN: true }),
          at: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      rows: fc.array(
        fc.record({
          coefficients: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
          below: fc.option(fc.double({ min: 0, max: 4, noNaN: true })),
          above: fc.option(fc.double({ min: 0, max: 4, noNaN: true })),
          dual: fc.double({ min: -10, max: 10, noNaN: true }),
        }),
        { maxLength: 5 },
      ),
      offset: fc.double({ min: -10, max: 10, noNaN: true }),
    });
    fc.assert(
      fc.property(model, ({ columns, rows, offset }) => {
        // A feasible point x by construction: row sides are placed around A x.
        const x = columns.map((c) => c.lower + c.at * c.width);
        const m: MilpModel = {
          sense: 'min',
          offset,
          columns: boxColumns(columns, false),
          rows: rows.map((r, i) => {
            const indices = columns.map((_, j) => j);
            const values = indices.map((j) => r.coefficients[j] as number);
            const ax = indices.reduce((a, j) => a + (values[j] as number) * (x[j] as number), 0);
            return {
              name: `r${i}`,
              lower: r.below === null ? -Infinity : ax - r.below,
              upper: r.above === null ? Infinity : ax + r.above,
              indices,
              values,
            };
          }),
        };
        const objective = offset + columns.reduce((a, c, j) => a + c.cost * (x[j] as number), 0);
        const bound = lagrangianBound(
          m,
          rows.map((r) => r.dual),
        );
        expect(bound).not.toBeNull();
        expect(bound as number).toBeLessThanOrEqual(objective + 1e-9);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
