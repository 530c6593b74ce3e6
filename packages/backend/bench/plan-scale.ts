/**
 * bench:plan-scale — how the planner grows with size, on seeded generated instances (10 years, monthly):
 * model size, greedy and do-nothing baselines, the monolithic MIP (or its model-too-large refusal) and the
 * decomposition (both starting from the better of greedy and the order-searched risk-first plan), each within
 * PLAN_SCALE_TIME_LIMIT seconds (default 60). PLAN_SCALE_ONLY=0,1 picks sizes.
 */
import {
  doNothingPlan,
  estimateModelColumns,
  generateProblem,
  greedyPlan,
  isPortGuardError,
  planReplacement,
  riskFirstPlan,
  validatePlan,
  type Plan,
  type PlanningProblem,
} from '@portguard/core';
import { PLANNING_THREADS, WorkerHighsSolver } from '../src/solver/highs-solver.js';

const timeLimit = Number(process.env.PLAN_SCALE_TIME_LIMIT ?? 60);
const sizes = [
  { terminals: 45, cranes: 200, suppliers: 4 },
  { terminals: 200, cranes: 2000, suppliers: 6 },
  { terminals: 1000, cranes: 10000, suppliers: 8 },
];
const only = process.env.PLAN_SCALE_ONLY?.split(',').map(Number);
// As the CLI: HiGHS in a worker thread, so the exact LP bound runs beside the order search.
const solver = new WorkerHighsSolver({ threads: PLANNING_THREADS });
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const line = (problem: PlanningProblem, p: Plan): string =>
  `${p.status}, risk ${p.riskExposure.toFixed(1)}, objective ${p.objective.toFixed(1)}, bound ${p.bound?.toFixed(1) ?? '-'}, gap ${p.gap === null ? '-' : `${(p.gap * 100).toFixed(2)}%`}, ${p.solveSeconds.toFixed(1)} s, violations ${validatePlan(problem, p).length}`;

for (const size of sizes.filter((_, i) => only === undefined || only.includes(i))) {
  const problem = generateProblem({ ...size, years: 10, seed: 1 });
  console.log(
    `\n== ${size.terminals} terminals, ${size.cranes} cranes, ${size.suppliers} trusted suppliers, ${problem.periods} months`,
  );
  console.log(`monolithic model: about ${estimateModelColumns(problem)} columns`);
  let t = performance.now();
  const greedy = greedyPlan(problem);
  console.log(
    `greedy: risk ${greedy.riskExposure.toFixed(1)}, ${greedy.replacements.length} replaced, ${s(performance.now() - t)}`,
  );
  t = performance.now();
  const riskFirst = riskFirstPlan(problem);
  console.log(
    `risk first: risk ${riskFirst.riskExposure.toFixed(1)}, ${riskFirst.replacements.length} replaced, ${s(performance.now() - t)}`,
  );
  console.log(`do nothing: risk ${doNothingPlan(problem).riskExposure.toFixed(1)}`);
  for (const method of ['monolithic', 'decomposition'] as const) {
    t = performance.now();
    try {
      const plan = await planReplacement(
        problem,
        { timeLimitSeconds: timeLimit, mipGap: 0.01, method, clock: () => performance.now() },
        solver,
      );
      console.log(`${method}: ${line(problem, plan)} (wall ${s(performance.now() - t)})`);
      console.log(`  ${plan.diagnostics.join(' | ')}`);
    } catch (e) {
      if (!isPortGuardError(e)) throw e;
      console.log(`${method}: refused (${e.code}): ${e.message}`);
    }
  }
}
await solver.close();
