import type { MilpColumn, MilpModel, MilpRow } from '../milp.js';
import { RETIRE_ONLY_CONTRACTED_ROW, RETIREMENT_STAIRCASE_ROW } from './build.js';

/**
 * The exact LP with a row fewer per group and period, for its interior-point solve (`withRetirementSlacks`): each
 * "retire only what is contracted" row R[g,t] − Σ_s C[g,s,t] ≤ f (f: fixed decisions that allow retiring by t)
 * becomes R = Σ_s C + f − D with D ≥ 0 (D = 0 at the horizon's end, where the row is an equality), and R is
 * substituted in every other row and in the objective. The same LP: a bijection of points with the same objective.
 * National set: 34,140 rows → 28,309 (nonzeros 134k → 165k), the interior-point solve 8.0–8.8 s → 7.3–7.6 s alone and
 * 8.4–9.0 s → 7.6–8.3 s in the planner; 200 generated cranes 15.2 s → 14.0 s.
 *
 * R's bounds: R ≤ n holds since Σ_s C ≤ n − fixed (the group's total row) and f counts fixed decisions; R ≥ its lower
 * bound is a row only where the retirement staircase row (R[t] − R[t−1] ≥ the fixed retirements of t) does not
 * already imply it: the first period. An R that its bound or the staircase pins at n (a deadline's period and the
 * periods after it) stays a column, fixed, with its row, which presolve removes. D keeps R's upper bound n, which it
 * cannot exceed: every column keeps a finite box, which `lagrangianBound` needs.
 *
 * Measured and not kept: also writing every other contract column as its predecessor plus an increment
 * (C[t] = C[t−1] + X, X ≥ 0, half the contract staircase rows becoming X's bounds; 21,645 rows) took the national LP
 * to 6.0–6.8 s, but the interior point lands elsewhere on the LP's optimal face, and from that point's order the
 * windows ended at 2,209.2 (0.95%) in the 10 s run, against 2,198.8 (0.48%).
 */
export interface RetirementSlackModel {
  readonly model: MilpModel;
  /** The original model's column values of a point of `model`. */
  readonly originalValues: (values: readonly number[]) => number[];
  /** Retirement columns written through their slack. */
  readonly substituted: number;
}

/** Retirement column j = Σ contracts + fixed − D, D standing in j's column. */
interface Substitution {
  /** Columns of the model that are not substituted themselves. */
  readonly contracts: readonly number[];
  readonly fixed: number;
  /** D's bounds. */
  readonly upper: number;
}

const columnOfRow = (row: MilpRow, prefix: string): number | null => {
  if (!row.name.startsWith(prefix)) return null;
  const j = Number(row.name.slice(prefix.length));
  return Number.isInteger(j) ? j : null;
};

/**
 * Applies the substitutions to every row and the objective; `dropped` rows become D's bounds and go, `added` rows
 * join, `pinned` columns are fixed.
 */
function substitute(
  model: MilpModel,
  substitutions: ReadonlyMap<number, Substitution>,
  dropped: ReadonlySet<number>,
  added: readonly MilpRow[],
  /** Columns fixed at their upper bound. */
  pinned: ReadonlySet<number>,
): RetirementSlackModel {
  let offset = model.offset ?? 0;
  const cost = model.columns.map((c) => c.cost);
  for (const [j, s] of substitutions) {
    const c = (model.columns[j] as MilpColumn).cost;
    if (c === 0) continue;
    for (const k of s.contracts) cost[k] = (cost[k] as number) + c;
    offset += c * s.fixed;
    cost[j] = -c;
  }
  const columns: MilpColumn[] = model.columns.map((c, j) => {
    const s = substitutions.get(j);
    if (s !== undefined)
      return { ...c, name: `D${c.name}`, lower: 0, upper: s.upper, cost: cost[j] as number };
    return pinned.has(j)
      ? { ...c, lower: c.upper, cost: cost[j] as number }
      : { ...c, cost: cost[j] as number };
  });
  const rows: MilpRow[] = [];
  model.rows.forEach((row, i) => {
    if (dropped.has(i)) return;
    if (row.indices.every((j) => !substitutions.has(j))) {
      rows.push(row);
      return;
    }
    const terms = new Map<number, number>();
    const addTerm = (j: number, a: number): void => {
      terms.set(j, (terms.get(j) ?? 0) + a);
    };
    let shift = 0;
    row.indices.forEach((j, q) => {
      const a = row.values[q] as number;
      const s = substitutions.get(j);
      if (s === undefined) return addTerm(j, a);
      for (const k of s.contracts) addTerm(k, a);
      addTerm(j, -a);
      shift += a * s.fixed;
    });
    const indices: number[] = [];
    const values: number[] = [];
    for (const [j, v] of terms)
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    rows.push({ ...row, indices, values, lower: row.lower - shift, upper: row.upper - shift });
  });
  rows.push(...added);
  return {
    model: { ...model, offset, columns, rows },
    originalValues: (values) => {
      const out = [...values];
      for (const [j, s] of substitutions) {
        out[j] = s.contracts.reduce((x, k) => x + (values[k] ?? 0), s.fixed) - (values[j] ?? 0);
      }
      return out;
    },
    substituted: substitutions.size,
  };
}

export function withRetirementSlacks(model: MilpModel): RetirementSlackModel {
  const columnAt = (j: number): MilpColumn => model.columns[j] as MilpColumn;
  // The lower bound each R has through the staircase rows from the periods before (a deadline's n carries on to
  // the horizon's end), and which R's own lower bound the staircase implies.
  const staircase = model.rows
    .map((row) => ({ row, j: columnOfRow(row, RETIREMENT_STAIRCASE_ROW) }))
    .filter((r): r is { row: MilpRow; j: number } => r.j !== null && r.row.indices.length === 2)
    .sort((a, b) => a.j - b.j);
  const lowerThrough = new Map<number, number>();
  const impliedLower = new Set<number>();
  for (const { row, j } of staircase) {
    const q = row.indices.indexOf(j);
    const previous = row.indices[1 - q];
    if (q < 0 || previous === undefined || row.values[q] !== 1 || row.values[1 - q] !== -1) continue;
    const fromBefore = (lowerThrough.get(previous) ?? columnAt(previous).lower) + row.lower;
    if (columnAt(j).lower <= fromBefore) impliedLower.add(j);
    lowerThrough.set(j, Math.max(columnAt(j).lower, fromBefore));
  }
  // An R the staircase pins at its upper bound stays a column, fixed, with its row: presolve then removes both (a
  // deadline's periods; written through D instead, the national LP with every crane due by 2033-11 took 13.2–13.4 s
  // against 8.3–8.6 s).
  const pinned = new Set<number>();
  for (const [j, lower] of lowerThrough) if (lower >= columnAt(j).upper) pinned.add(j);

  const substitutions = new Map<number, Substitution>();
  const dropped = new Set<number>();
  model.rows.forEach((row, i) => {
    const j = columnOfRow(row, RETIRE_ONLY_CONTRACTED_ROW);
    if (j === null || substitutions.has(j) || !Number.isFinite(row.upper)) return;
    if (pinned.has(j) || columnAt(j).lower >= columnAt(j).upper) return;
    if (row.lower !== -Infinity && row.lower !== row.upper) return;
    const own = row.indices.indexOf(j);
    if (own < 0 || row.values[own] !== 1 || row.values.some((v, q) => q !== own && v !== -1)) return;
    // R = Σ C + f − D
    substitutions.set(j, {
      contracts: row.indices.filter((_, q) => q !== own),
      fixed: row.upper,
      upper: row.lower === row.upper ? 0 : columnAt(j).upper,
    });
    dropped.add(i);
  });

  const lowerRows: MilpRow[] = [];
  for (const [j, s] of substitutions) {
    const lower = columnAt(j).lower;
    if (lower === -Infinity || impliedLower.has(j)) continue;
    lowerRows.push({
      name: `Rlower_${j}`,
      lower: lower - s.fixed,
      upper: Infinity,
      indices: [...s.contracts, j],
      values: [...s.contracts.map(() => 1), -1],
    });
  }
  return substitute(model, substitutions, dropped, lowerRows, pinned);
}
