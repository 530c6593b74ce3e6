import { generateProblem, type PlanningProblem } from '@portguard/core';

/**
 * For the solver tests: a generated 4-year problem small enough for HiGHS to solve exactly in a second, with one
 * funding program per terminal (with several, the model's budget split is fractional; docs/design/planner.md).
 */
export function smallProblem(seed: number, terminals = 2, cranes = 4): PlanningProblem {
  const p = generateProblem({ terminals, cranes, suppliers: 2, years: 4, seed });
  return {
    ...p,
    terminals: p.terminals.map((t) => ({ ...t, fundingProgramIds: t.fundingProgramIds.slice(0, 1) })),
  };
}
