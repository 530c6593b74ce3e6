import { unionFind } from '../shared/union-find.js';
import type { PlanningProblem, PlanningTerminal } from './problem.js';

/**
 * The parts of a problem that share nothing: no supplier offer (a supplier's capacity is per size class), no crew
 * region and no funding program joins a terminal of one part to a terminal of another. Every row of the model then
 * lies within one part, so planning the parts apart and putting their schedules together is exact: the optimum is the
 * sum of the parts' optima and a bound of each part adds up to a bound of the whole. A program office's cranes and
 * an emergency-management grant's cameras, bought from other suppliers with other money by other installers, are two
 * such parts.
 *
 * Terminals with nothing to replace join the largest part (they only constrain it through its own rows). Each part
 * weighs cost as it would alone (`costWeightOf`): cost only breaks ties within a part, and the parts share nothing, so
 * "risk first, then cost" holds for the whole, and a part is planned exactly as it would be on its own. One part (or
 * none with anything to replace): the problem itself.
 */
export function independentParts(problem: PlanningProblem): readonly PlanningProblem[] {
  const terminals = problem.terminals;
  const { find, union } = unionFind(terminals.length);
  const firstWith = new Map<string, number>();
  const join = (key: string, i: number): void => {
    const other = firstWith.get(key);
    if (other === undefined) firstWith.set(key, i);
    else union(other, i);
  };
  const offersOf = new Map<string, string[]>();
  for (const s of problem.suppliers)
    for (const o of s.offers) offersOf.set(o.sizeClass, [...(offersOf.get(o.sizeClass) ?? []), s.id]);
  const planned = (t: PlanningTerminal): boolean => t.groups.some((g) => g.craneIds.length > 0);
  terminals.forEach((t, i) => {
    if (!planned(t)) return;
    join(`crew ${t.region}`, i);
    for (const p of t.fundingProgramIds) join(`program ${p}`, i);
    for (const g of t.groups) {
      for (const s of offersOf.get(g.sizeClass) ?? []) join(`offer ${s} ${g.sizeClass}`, i);
      for (const f of g.fixed ?? []) join(`offer ${f.supplierId} ${g.sizeClass}`, i);
    }
  });

  const members = new Map<number, number[]>();
  terminals.forEach((t, i) => {
    if (!planned(t)) return;
    const root = find(i);
    members.set(root, [...(members.get(root) ?? []), i]);
  });
  const groups = [...members.values()];
  if (groups.length <= 1) return [problem];
  const cranesIn = (ix: readonly number[]): number =>
    ix.reduce(
      (a, i) => a + (terminals[i] as PlanningTerminal).groups.reduce((b, g) => b + g.craneIds.length, 0),
      0,
    );
  const largest = groups.reduce((best, g) => (cranesIn(g) > cranesIn(best) ? g : best));
  terminals.forEach((t, i) => {
    if (!planned(t)) largest.push(i);
  });

  return groups.map((ix) => {
    const own = [...ix].sort((a, b) => a - b).map((i) => terminals[i] as PlanningTerminal);
    const classes = new Set(own.flatMap((t) => t.groups.map((g) => g.sizeClass)));
    const fixedSuppliers = new Set(
      own.flatMap((t) => t.groups.flatMap((g) => (g.fixed ?? []).map((f) => f.supplierId))),
    );
    const programs = new Set(own.flatMap((t) => t.fundingProgramIds));
    const regions = new Set(own.map((t) => t.region));
    return {
      ...problem,
      terminals: own,
      suppliers: problem.suppliers.filter(
        (s) => fixedSuppliers.has(s.id) || s.offers.some((o) => classes.has(o.sizeClass)),
      ),
      budgets: problem.budgets.filter((b) => programs.has(b.programId)),
      crewRegions: problem.crewRegions.filter((c) => regions.has(c.region)),
    };
  });
}
