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

/**
 * A generated problem with what gives retirements lower bounds and the contract rows a fixed part: a deadline at the
 * first terminal (`periodsBeforeEnd` before the horizon's last period), and at the next terminal with a trusted offer
 * for one of its classes a crane already contracted, whose old crane retires at a fixed period.
 */
export function withDeadlineAndFixedRetirement(
  problem: PlanningProblem,
  periodsBeforeEnd = 0,
): PlanningProblem {
  const offerFor = (sizeClass: ReplacementClass) =>
    problem.suppliers.find((s) => s.trusted && s.offers.some((o) => o.sizeClass === sizeClass));
  const fixedAt = problem.terminals.findIndex(
    (t, i) => i > 0 && t.groups.some((g) => g.craneIds.length > 0 && offerFor(g.sizeClass) !== undefined),
  );
  return {
    ...problem,
    terminals: problem.terminals.map((t, i) => {
      if (i === 0) return { ...t, deadlinePeriod: problem.periods - 1 - periodsBeforeEnd };
      if (i !== fixedAt) return t;
      const gi = t.groups.findIndex((g) => g.craneIds.length > 0 && offerFor(g.sizeClass) !== undefined);
      return {
        ...t,
        groups: t.groups.map((g, j) => {
          const supplier = offerFor(g.sizeClass);
          if (j !== gi || supplier === undefined) return g;
          const inService =
            supplier.earliestContractPeriod + supplier.leadTimePeriods + supplier.commissioningPeriods;
          return {
            ...g,
            fixed: [
              {
                craneId: g.craneIds[0] as string,
                supplierId: supplier.id,
                contractPeriod: supplier.earliestContractPeriod,
                inServicePeriod: inService,
                retirePeriod: Math.min(inService + 1, problem.periods - 1),
              },
            ],
          };
        }),
      };
    }),
  };
}
