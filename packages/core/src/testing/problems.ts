import type { ReplacementClass } from '../model/asset.js';
import type { PlanningProblem } from '../planning/problem.js';

/** `problem` again with its own ids, regions, programs and classes (cranes become kinds): nothing in common. */
export function disjointCopy(problem: PlanningProblem, prefix: string): PlanningProblem {
  const kinds: Readonly<Record<string, ReplacementClass>> = {
    panamax: 'cctv-camera',
    'post-panamax': 'nvr-vms',
    'super-post-panamax': 'network-device',
  };
  const kind = (c: ReplacementClass): ReplacementClass => kinds[c] ?? c;
  return {
    ...problem,
    terminals: problem.terminals.map((t) => ({
      ...t,
      id: `${prefix}${t.id}`,
      region: `${prefix}${t.region}`,
      fundingProgramIds: t.fundingProgramIds.map((p) => `${prefix}${p}`),
      groups: t.groups.map((g) => ({
        ...g,
        sizeClass: kind(g.sizeClass),
        craneIds: g.craneIds.map((c) => `${prefix}${c}`),
      })),
    })),
    suppliers: problem.suppliers.map((s) => ({
      ...s,
      id: `${prefix}${s.id}`,
      offers: s.offers.map((o) => ({ ...o, sizeClass: kind(o.sizeClass) })),
    })),
    budgets: problem.budgets.map((b) => ({ ...b, programId: `${prefix}${b.programId}` })),
    crewRegions: problem.crewRegions.map((c) => ({ ...c, region: `${prefix}${c.region}` })),
  };
}

export const unionOf = (a: PlanningProblem, b: PlanningProblem): PlanningProblem => ({
  ...a,
  terminals: [...a.terminals, ...b.terminals],
  suppliers: [...a.suppliers, ...b.suppliers],
  budgets: [...a.budgets, ...b.budgets],
  crewRegions: [...a.crewRegions, ...b.crewRegions],
});
