import type { MilpColumn } from '../milp.js';

/** The columns x0, x1, … of a random test model, each between `lower` and `lower + width`. */
export const boxColumns = (
  columns: readonly { readonly lower: number; readonly width: number; readonly cost: number }[],
  integer: boolean,
): MilpColumn[] =>
  columns.map((c, j) => ({ name: `x${j}`, lower: c.lower, upper: c.lower + c.width, cost: c.cost, integer }));
