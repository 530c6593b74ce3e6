import type { BuiltModel } from '../model/build.js';
import { suppliersOnSameTerms } from '../model/exact-bound.js';
import { riskFirstPlan, riskFirstPriorities, type PreferredSuppliers } from './risk-first.js';
import type { PlanningProblem } from '../problem.js';

/**
 * Contracting priorities read from an LP solution of the planning model (any model built over the same
 * terminals and groups, e.g. with identical suppliers merged): the k-th crane of a group still to contract
 * (riskiest first) gets the first period in which the LP has contracted k + `threshold` of the group's cranes, and
 * earlier periods come first in riskFirstPlan; risk per dollar breaks ties. Cranes the LP never contracts come last.
 * On the national dataset this order alone beats a searched risk-per-dollar order (2,253.7 vs about 2,290).
 */
export function lpGuidedPriorities(
  problem: PlanningProblem,
  built: BuiltModel,
  values: readonly number[],
  threshold = 0.5,
): Map<string, number> {
  const T = problem.periods;
  const tieBreak = riskFirstPriorities(problem);
  const out = new Map<string, number>();
  for (const g of built.index.groups) {
    const contracted: number[] = [];
    for (let t = 0; t < T; t++) {
      let v = 0;
      for (const c of g.contracts) {
        if (t < c.first) continue;
        const i = Math.min(Math.floor((t - c.first) / c.step), c.cols.length - 1);
        v += values[c.cols[i] as number] ?? 0;
      }
      contracted.push(v);
    }
    const fixedIds = new Set((g.group.fixed ?? []).map((f) => f.craneId));
    g.group.craneIds
      .filter((id) => !fixedIds.has(id))
      .forEach((id, k) => {
        const at = contracted.findIndex((v) => v >= k + threshold - 1e-9);
        const period = at < 0 ? T + k : at;
        // On one large scale, so that the order search's multiplicative moves jump a crane far up or down.
        out.set(id, 1e6 - period * 1000 + (tieBreak.get(id) ?? 0) * 1e-3);
      });
  }
  return out;
}

/**
 * The supplier an LP solution contracts each crane from: the k-th crane of a group still to contract (riskiest first,
 * as lpGuidedPriorities numbers them) gets the supplier whose contracts bring the group's LP total to k + `threshold`,
 * with the suppliers on the same terms (one supplier to a model with identical suppliers merged). Cranes the LP never
 * contracts get none. The risk-first rule alone takes the supplier whose replacement is in service earliest; the LP
 * weighs price (budget), commissioning time (crews) and supplier capacity across terminals.
 */
export function lpGuidedSuppliers(
  problem: PlanningProblem,
  built: BuiltModel,
  values: readonly number[],
  threshold = 0.5,
): Map<string, readonly string[]> {
  const sameTerms = suppliersOnSameTerms(problem);
  const out = new Map<string, readonly string[]>();
  for (const g of built.index.groups) {
    const added: { readonly period: number; readonly supplierId: string; readonly amount: number }[] = [];
    for (const c of g.contracts) {
      let before = 0;
      c.cols.forEach((col, i) => {
        const v = values[col] ?? 0;
        if (v - before > 1e-9)
          added.push({ period: c.first + i * c.step, supplierId: c.supplier.id, amount: v - before });
        before = Math.max(before, v);
      });
    }
    added.sort((a, b) => a.period - b.period);
    const fixedIds = new Set((g.group.fixed ?? []).map((f) => f.craneId));
    const ids = g.group.craneIds.filter((id) => !fixedIds.has(id));
    let total = 0;
    let k = 0;
    for (const a of added) {
      total += a.amount;
      for (; k < ids.length && total >= k + threshold - 1e-9; k++)
        out.set(ids[k] as string, sameTerms.get(a.supplierId) ?? [a.supplierId]);
    }
  }
  return out;
}

/**
 * Thresholds tried by bestLpGuidedPriorities, ½ first (it wins ties). Which one is best varies: on the national
 * set's exact LP ½ (2,253.7; 0.35: 2,288.9, 0.65: 2,258.3, 0.8: 2,266.2), on the 2,000-crane column-generation
 * master 0.8 (13,248.6; ½: 13,350.9, 0.65: 13,315.7, 0.35: 13,346.6). Since lapsing money is spent first
 * (`payingPrograms`), with the LP's suppliers: national 0.65 (2,249.3; ½: 2,255.8), 200 cranes 0.65 (1,818.0; 0.8:
 * 1,826.4), 2,000 cranes 0.25 (12,394.4; 0.3: 12,404.5, 0.2: 12,413.5, 0.35: 12,439.0, ½: 12,481.8).
 */
export const LP_GUIDED_THRESHOLDS = [0.5, 0.35, 0.65, 0.8, 0.25] as const;

export interface LpGuidedStart {
  readonly priorities: Map<string, number>;
  /** The LP's suppliers, when preferring them gave the better plan. */
  readonly suppliers: PreferredSuppliers | null;
  readonly threshold: number;
  /** Of riskFirstPlan with these priorities (and suppliers). */
  readonly riskExposure: number;
}

/**
 * The LP-guided start (priorities per threshold, each with and without the LP's suppliers) whose risk-first plan has
 * the lowest risk exposure. The suppliers win at 2,000 cranes (12,743.0 against 13,306.1) and 200 cranes (1,892.6
 * against 1,957.5); on the national set they barely matter (2,251.2 against 2,253.7).
 */
export function bestLpGuidedPriorities(
  problem: PlanningProblem,
  built: BuiltModel,
  values: readonly number[],
): LpGuidedStart {
  let best: LpGuidedStart | null = null;
  for (const threshold of LP_GUIDED_THRESHOLDS) {
    const priorities = lpGuidedPriorities(problem, built, values, threshold);
    for (const suppliers of [null, lpGuidedSuppliers(problem, built, values, threshold)]) {
      const riskExposure = riskFirstPlan(problem, {
        priorities,
        ...(suppliers !== null ? { suppliers } : {}),
      }).riskExposure;
      if (best === null || riskExposure < best.riskExposure - 1e-9)
        best = { priorities, suppliers, threshold, riskExposure };
    }
  }
  return best as LpGuidedStart;
}
