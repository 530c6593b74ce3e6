import type { MilpColumn, MilpModel, MilpRow } from '../milp.js';

/** A model with its fixed columns substituted out, and the way back to the original's columns. */
export interface ReducedModel {
  readonly model: MilpModel;
  /** The original column of each of the reduced model's columns, in order. */
  readonly kept: readonly number[];
  /** The original model's column values for a point of the reduced model (fixed columns at their values). */
  readonly fullValues: (reduced: readonly number[]) => number[];
  /** The reduced model's column values for a point of the original model. */
  readonly reducedValues: (full: readonly number[]) => number[];
}

/** Passes of singleton rows turned into bounds: each fixes columns that may leave more singletons. */
const MAX_PASSES = 10;

/** Slack that rounds an integer column's bound from a row inward without cutting off an integral point. */
const INTEGRALITY_SLACK = 1e-9;

/**
 * The same problem with every column whose bounds meet (lower = upper) substituted out: its share of each row moves
 * into the row's sides, its cost into the offset, and rows left with one free column become that column's bounds
 * (rounded inward for an integer column), repeatedly, since those bounds may fix further columns. Rows left with no
 * free column are dropped when the fixed values satisfy them, and kept (empty, so the model stays infeasible) when
 * they do not. Every point of the reduced model, with the fixed values, is a point of the original with the same
 * objective, and the other way round.
 *
 * A contract window fixes most of the model (sliced: all but the slice's groups and months), and HiGHS spends a
 * third of such a solve or more removing them (national set: ±3 over the whole horizon 1.9 s → 1.3 s; ±12 over a
 * two-year slice 3.6 s → 2.2 s).
 */
export function substituteFixedColumns(model: MilpModel): ReducedModel {
  const lower = model.columns.map((c) => c.lower);
  const upper = model.columns.map((c) => c.upper);
  const isFixed = (j: number): boolean => lower[j] === upper[j];
  const live = model.rows.map(() => true);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let tightened = false;
    model.rows.forEach((row, i) => {
      if (!live[i]) return;
      let fixedActivity = 0;
      let free = -1;
      let freeCount = 0;
      let coefficient = 0;
      for (let q = 0; q < row.indices.length; q++) {
        const j = row.indices[q] as number;
        const a = row.values[q] as number;
        if (a === 0) continue;
        if (isFixed(j)) fixedActivity += a * (lower[j] as number);
        else {
          freeCount++;
          free = j;
          coefficient = a;
        }
      }
      if (freeCount !== 1) return;
      let low = (row.lower - fixedActivity) / coefficient;
      let high = (row.upper - fixedActivity) / coefficient;
      if (coefficient < 0) [low, high] = [high, low];
      if (model.columns[free]?.integer === true) {
        low = Math.ceil(low - INTEGRALITY_SLACK);
        high = Math.floor(high + INTEGRALITY_SLACK);
      }
      // `+ 0` turns a −0 (from 0 / −a) into 0.
      const newLower = Math.max(lower[free] as number, low) + 0;
      const newUpper = Math.min(upper[free] as number, high) + 0;
      // An empty range is left to the solver, which reports the model infeasible.
      if (newLower > newUpper) return;
      if (newLower !== lower[free] || newUpper !== upper[free]) tightened = true;
      lower[free] = newLower;
      upper[free] = newUpper;
      live[i] = false;
    });
    if (!tightened) break;
  }

  const reducedIndex = new Int32Array(model.columns.length).fill(-1);
  const kept: number[] = [];
  const columns: MilpColumn[] = [];
  let offset = model.offset ?? 0;
  model.columns.forEach((column, j) => {
    if (isFixed(j)) {
      offset += column.cost * (lower[j] as number);
      return;
    }
    reducedIndex[j] = kept.length;
    kept.push(j);
    columns.push(
      column.lower === lower[j] && column.upper === upper[j]
        ? column
        : { ...column, lower: lower[j] as number, upper: upper[j] as number },
    );
  });
  const rows: MilpRow[] = [];
  model.rows.forEach((row, i) => {
    if (!live[i]) return;
    let fixedActivity = 0;
    const indices: number[] = [];
    const values: number[] = [];
    for (let q = 0; q < row.indices.length; q++) {
      const j = row.indices[q] as number;
      const a = row.values[q] as number;
      if (a === 0) continue;
      const k = reducedIndex[j] as number;
      if (k < 0) fixedActivity += a * (lower[j] as number);
      else {
        indices.push(k);
        values.push(a);
      }
    }
    const rowLower = row.lower - fixedActivity;
    const rowUpper = row.upper - fixedActivity;
    if (
      indices.length === 0 &&
      rowLower <= feasibilitySlack(row.lower) &&
      rowUpper >= -feasibilitySlack(row.upper)
    )
      return;
    rows.push({ name: row.name, lower: rowLower, upper: rowUpper, indices, values });
  });

  return {
    model: { sense: model.sense, offset, columns, rows },
    kept,
    fullValues: (reduced) => {
      const full = [...lower];
      kept.forEach((j, k) => {
        full[j] = reduced[k] ?? (lower[j] as number);
      });
      return full;
    },
    reducedValues: (full) => kept.map((j) => full[j] ?? 0),
  };
}

/** What a row satisfied by fixed values may be off by, from rounding in the sums. */
const feasibilitySlack = (side: number): number =>
  Number.isFinite(side) ? 1e-9 * Math.max(1, Math.abs(side)) : 0;
