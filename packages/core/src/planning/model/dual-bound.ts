import type { MilpModel, MilpResult, MilpRow, MilpSolver } from '../milp.js';

/**
 * A proven lower bound on min { c·x + offset : lower ≤ Ax ≤ upper, l ≤ x ≤ u } (and so on its MIP) from ANY row
 * multipliers y, by weak duality: for every x in the box,
 *   c·x = (c − Aᵀy)·x + y·Ax ≥ Σ_j min(d_j l_j, d_j u_j) + Σ_i (y_i > 0 ? y_i lower_i : y_i upper_i).
 * A multiplier whose sign points at an infinite row side is taken as 0, so the bound holds however inexact y is
 * (an interior-point solve without crossover gives near-optimal y); only its strength depends on y. Null when a
 * column with an infinite bound has a reduced cost of the wrong sign (the bound would be −∞). The floating-point
 * error of the sums is subtracted. Minimisation only.
 */
export function lagrangianBound(
  model: MilpModel,
  rowDuals: readonly number[],
  /** The columns' costs, when not the model's own (column generation's blocks at each round's prices). */
  costs?: readonly number[],
): number | null {
  if (model.sense !== 'min') return null;
  const reduced = costs !== undefined ? [...costs] : model.columns.map((c) => c.cost);
  let bound = model.offset ?? 0;
  let magnitude = Math.abs(bound);
  for (let i = 0; i < model.rows.length; i++) {
    const row = model.rows[i] as MilpRow;
    let y = rowDuals[i] ?? 0;
    if (!Number.isFinite(y) || (y > 0 && row.lower === -Infinity) || (y < 0 && row.upper === Infinity)) y = 0;
    if (y === 0) continue;
    const term = y * (y > 0 ? row.lower : row.upper);
    bound += term;
    magnitude += Math.abs(term);
    for (let q = 0; q < row.indices.length; q++) {
      const j = row.indices[q] as number;
      reduced[j] = (reduced[j] as number) - y * (row.values[q] as number);
    }
  }
  for (let j = 0; j < reduced.length; j++) {
    const d = reduced[j] as number;
    const column = model.columns[j];
    if (d === 0 || column === undefined) continue;
    const at = d > 0 ? column.lower : column.upper;
    if (!Number.isFinite(at)) return null;
    const term = d * at;
    bound += term;
    magnitude += Math.abs(term);
  }
  // Each addition above rounds by at most one ulp of the running magnitude.
  return bound - magnitude * (model.rows.length + model.columns.length + 1) * Number.EPSILON;
}

/**
 * The LP relaxation of `model` by interior point (much faster than HiGHS-WASM's simplex on the staircase models),
 * and its bound proven from the row duals by `lagrangianBound` (null when the solve gives none or it is infinite).
 */
export async function solveLpBound(
  model: MilpModel,
  solver: MilpSolver,
  timeLimitSeconds: number,
  ipmOptimalityTolerance?: number,
): Promise<{ readonly result: MilpResult; readonly bound: number | null }> {
  const result = await solver.solve(model, {
    timeLimitSeconds,
    mipRelGap: 0,
    relaxIntegrality: true,
    lpAlgorithm: 'ipm',
    ...(ipmOptimalityTolerance !== undefined ? { ipmOptimalityTolerance } : {}),
  });
  const bound = result.rowDuals !== undefined ? lagrangianBound(model, result.rowDuals) : null;
  return { result, bound: bound !== null && Number.isFinite(bound) ? bound : null };
}
