import type { CraneGroup, PlanningProblem } from '../planning/problem.js';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The problem with each crane's risk weight re-based on today's exposure multipliers: the weight it was built with,
 * divided by the multiplier recorded in `problem.options.exposureByAsset` (1 when none), times `exposureByAsset`
 * (1 when absent). A group whose cranes now differ is split, riskiest first, each part keeping its cranes' order
 * and fixed decisions. Used where a stored problem (an approved baseline) is planned again.
 *
 * @example reweighProblemRisk(baseline.problem, { 'sts-lax-11': 1.65 })
 */
export function reweighProblemRisk(
  problem: PlanningProblem,
  exposureByAsset: Readonly<Record<string, number>> | undefined,
): PlanningProblem {
  const before = problem.options.exposureByAsset ?? {};
  const now = exposureByAsset ?? {};
  const changed = (id: string) => (before[id] ?? 1) !== (now[id] ?? 1);
  const touched = problem.terminals.some((t) => t.groups.some((g) => g.craneIds.some(changed)));
  const { exposureByAsset: _recorded, ...plainOptions } = problem.options;
  const options = exposureByAsset === undefined ? plainOptions : { ...plainOptions, exposureByAsset };
  if (!touched) return { ...problem, options };
  const terminals = problem.terminals.map((t) => {
    if (!t.groups.some((g) => g.craneIds.some(changed))) return t;
    const groups: CraneGroup[] = [];
    for (const g of t.groups) {
      if (!g.craneIds.some(changed)) {
        groups.push(g);
        continue;
      }
      const parts = new Map<number, string[]>();
      for (const id of g.craneIds) {
        const risk = round6((g.riskPerCranePeriod / (before[id] ?? 1)) * (now[id] ?? 1));
        const list = parts.get(risk) ?? [];
        list.push(id);
        parts.set(risk, list);
      }
      for (const [risk, craneIds] of parts) {
        const mine = new Set(craneIds);
        const fixed = g.fixed?.filter((f) => mine.has(f.craneId));
        groups.push({
          sizeClass: g.sizeClass,
          craneIds,
          riskPerCranePeriod: risk,
          ...(fixed === undefined || fixed.length === 0 ? {} : { fixed }),
        });
      }
    }
    // Same order as planningProblemFromDataset: riskiest first, then by size class (stable for ties).
    groups.sort(
      (a, b) => b.riskPerCranePeriod - a.riskPerCranePeriod || a.sizeClass.localeCompare(b.sizeClass),
    );
    return { ...t, groups };
  });
  return { ...problem, terminals, options };
}
