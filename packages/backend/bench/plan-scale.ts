/**
 * bench:plan-scale — how the planner's model and solve grow with size, on seeded generated instances
 * (10 years, monthly): model size, build time, greedy and do-nothing baselines, and the MILP result within
 * PLAN_SCALE_TIME_LIMIT seconds (default 60), or the model-too-large refusal.
 */
import {
  assertModelSize,
  buildPlanningModel,
  doNothingPlan,
  generateProblem,
  greedyPlan,
  isPortGuardError,
  modelSize,
  planReplacement,
  validatePlan,
} from '@portguard/core';
import { InProcessHighsSolver } from '../src/solver/highs-solver.js';

const timeLimit = Number(process.env.PLAN_SCALE_TIME_LIMIT ?? 60);
const sizes = [
  { terminals: 45, cranes: 200, suppliers: 4 },
  { terminals: 200, cranes: 2000, suppliers: 6 },
  { terminals: 1000, cranes: 10000, suppliers: 8 },
];
const only = process.env.PLAN_SCALE_ONLY?.split(',').map(Number);
const solver = new InProcessHighsSolver();
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

for (const size of sizes.filter((_, i) => only === undefined || only.includes(i))) {
  const problem = generateProblem({ ...size, years: 10, seed: 1 });
  console.log(
    `\n== ${size.terminals} terminals, ${size.cranes} cranes, ${size.suppliers} trusted suppliers, ${problem.periods} months`,
  );
  let t = performance.now();
  const built = buildPlanningModel(problem);
  const size0 = modelSize(built);
  console.log(
    `model: ${size0.columns} columns (${size0.integerColumns} integer), ${size0.rows} rows, ${size0.nonzeros} nonzeros, built in ${s(performance.now() - t)}`,
  );
  t = performance.now();
  const greedy = greedyPlan(problem);
  console.log(
    `greedy: risk ${greedy.riskExposure.toFixed(1)}, ${greedy.replacements.length} replaced, ${s(performance.now() - t)}`,
  );
  console.log(`do nothing: risk ${doNothingPlan(problem).riskExposure.toFixed(1)}`);
  try {
    assertModelSize(problem, built);
  } catch (e) {
    if (!isPortGuardError(e)) throw e;
    console.log(`MILP refused (${e.code}): ${e.message}`);
    console.log(
      'instead: the greedy plan above is the answer at this size (no decomposition implemented yet)',
    );
    continue;
  }
  const plan = await planReplacement(
    problem,
    { timeLimitSeconds: timeLimit, mipGap: 0.01, initialSchedule: greedy.replacements },
    solver,
  );
  console.log(
    `MILP: ${plan.status}, risk ${plan.riskExposure.toFixed(1)}, objective ${plan.objective.toFixed(1)}, bound ${plan.bound?.toFixed(1) ?? '-'}, gap ${plan.gap === null ? '-' : `${(plan.gap * 100).toFixed(2)}%`}, ${plan.solveSeconds.toFixed(1)} s, violations ${validatePlan(problem, plan).length}`,
  );
}
