import type { MilpColumn, MilpModel, MilpRow } from '../milp.js';
import { RETIRE_ONLY_CONTRACTED_ROW, RETIREMENT_STAIRCASE_ROW } from './build.js';

/**
 * The planning model with each retirement column written through the slack of its "retire only what is contracted"
 * row: R[g,t] − Σ_s C[g,s,t] ≤ f (f: fixed decisions that allow retiring by t) becomes R = Σ_s C + f − D with
 * D ≥ 0, so that row turns into D's bound (D = 0 at the horizon's end, where the row is an equality) and R is
 * substituted in every other row and in the objective. The same LP, with a row fewer per group and period; its
 * interior-point solve is 8–15% faster (national set: 34,140 → 28,309 rows, 8.0–8.8 s → 7.3–7.6 s).
 *
 * R's own bounds: R ≤ n holds since Σ_s C ≤ n − fixed (the group's total row) and f counts fixed decisions; R ≥ its
 * lower bound is a row only where the retirement staircase row (R[t] − R[t−1] ≥ the fixed retirements of t) does not
 * already imply it: the first period, and a deadline's period (lower bound n). D's upper bound is R's upper bound n,
 * implied as well: every column keeps a finite box, which `lagrangianBound` needs.
 */
export interface RetirementSlackModel {
  readonly model: MilpModel;
  /** The original model's column values (R back from D) of a solution of `model`. */
  readonly originalValues: (values: readonly number[]) => number[];
  /** Retirement columns written through their slack. */
  readonly substituted: number;
}

interface Substitution {
  /** The contract columns whose sum R is written through. */
  readonly contracts: readonly number[];
  readonly fixed: number;
  /** The row is an equality (the horizon's end): D = 0. */
  readonly equality: boolean;
}

const columnOfRow = (row: MilpRow, prefix: string): number | null => {
  if (!row.name.startsWith(prefix)) return null;
  const j = Number(row.name.slice(prefix.length));
  return Number.isInteger(j) ? j : null;
};

export function withRetirementSlacks(model: MilpModel): RetirementSlackModel {
  const substitutions = new Map<number, Substitution>();
  const rowsReplaced = new Set<number>();
  model.rows.forEach((row, i) => {
    const j = columnOfRow(row, RETIRE_ONLY_CONTRACTED_ROW);
    if (j === null || substitutions.has(j) || !Number.isFinite(row.upper)) return;
    if (row.lower !== -Infinity && row.lower !== row.upper) return;
    const own = row.indices.indexOf(j);
    if (own < 0 || row.values[own] !== 1) return;
    const contracts = row.indices.filter((_, q) => q !== own);
    if (row.values.some((v, q) => q !== own && v !== -1)) return;
    substitutions.set(j, { contracts, fixed: row.upper, equality: row.lower === row.upper });
    rowsReplaced.add(i);
  });

  // A lower bound of R the staircase row implies from the period before needs no row of its own.
  const impliedLower = new Set<number>();
  for (const row of model.rows) {
    const j = columnOfRow(row, RETIREMENT_STAIRCASE_ROW);
    if (j === null || row.indices.length !== 2) continue;
    const q = row.indices.indexOf(j);
    const previous = row.indices[1 - q];
    if (q < 0 || previous === undefined || row.values[q] !== 1 || row.values[1 - q] !== -1) continue;
    const lower = (model.columns[j] as MilpColumn).lower;
    if (lower <= (model.columns[previous] as MilpColumn).lower + row.lower) impliedLower.add(j);
  }

  let offset = model.offset ?? 0;
  const cost = model.columns.map((c) => c.cost);
  const columns: MilpColumn[] = model.columns.map((c) => ({ ...c }));
  const extraRows: MilpRow[] = [];
  for (const [j, { contracts, fixed, equality }] of substitutions) {
    const r = model.columns[j] as MilpColumn;
    // cost·R = cost·Σ C + cost·f − cost·D
    if (r.cost !== 0) {
      for (const c of contracts) cost[c] = (cost[c] as number) + r.cost;
      offset += r.cost * fixed;
    }
    columns[j] = { ...r, name: `D${r.name}`, lower: 0, upper: equality ? 0 : r.upper, cost: 0 };
    cost[j] = -r.cost;
    if (r.lower !== -Infinity && !impliedLower.has(j))
      extraRows.push({
        name: `Rlower_${j}`,
        lower: r.lower - fixed,
        upper: Infinity,
        indices: [...contracts, j],
        values: [...contracts.map(() => 1), -1],
      });
  }
  const rows: MilpRow[] = [];
  model.rows.forEach((row, i) => {
    if (rowsReplaced.has(i)) return;
    const terms = new Map<number, number>();
    let shift = 0;
    row.indices.forEach((j, q) => {
      const a = row.values[q] as number;
      const s = substitutions.get(j);
      if (s === undefined) {
        terms.set(j, (terms.get(j) ?? 0) + a);
        return;
      }
      for (const c of s.contracts) terms.set(c, (terms.get(c) ?? 0) + a);
      terms.set(j, (terms.get(j) ?? 0) - a);
      shift += a * s.fixed;
    });
    if (shift === 0 && row.indices.every((j) => !substitutions.has(j))) {
      rows.push(row);
      return;
    }
    const indices: number[] = [];
    const values: number[] = [];
    for (const [j, v] of terms)
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    rows.push({ ...row, indices, values, lower: row.lower - shift, upper: row.upper - shift });
  });
  rows.push(...extraRows);

  return {
    model: {
      ...model,
      offset,
      columns: columns.map((c, j) => ({ ...c, cost: cost[j] as number })),
      rows,
    },
    originalValues: (values) => {
      const out = [...values];
      for (const [j, { contracts, fixed }] of substitutions)
        out[j] = contracts.reduce((a, c) => a + (values[c] ?? 0), fixed) - (values[j] ?? 0);
      return out;
    },
    substituted: substitutions.size,
  };
}
