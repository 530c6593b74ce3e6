import {
  buildPlanningModel,
  generateProblem,
  greedyPlan,
  doNothingPlan,
  planReplacement,
  validatePlan,
  modelSize,
} from '@portguard/core';
import { InProcessHighsSolver } from '../src/solver/highs-solver.js';

const [terminals, cranes, suppliers, limit] = process.argv.slice(2).map(Number);
const problem = generateProblem({
  terminals: terminals ?? 45,
  cranes: cranes ?? 200,
  suppliers: suppliers ?? 4,
  years: 10,
  seed: 1,
});
const built = buildPlanningModel(problem);
console.log(modelSize(built));
const t0 = performance.now();
const greedy = greedyPlan(problem);
console.log(
  'greedy',
  greedy.status,
  greedy.riskExposure.toFixed(1),
  greedy.replacements.length,
  ((performance.now() - t0) / 1000).toFixed(2),
);
const nothing = doNothingPlan(problem);
console.log('nothing', nothing.riskExposure.toFixed(1));
const solver = new InProcessHighsSolver();
for (const init of [false, true]) {
  const plan = await planReplacement(
    problem,
    { timeLimitSeconds: limit ?? 10, ...(init ? { initialSchedule: greedy.replacements } : {}) },
    solver,
  );
  console.log(
    init ? 'with greedy start' : 'cold',
    plan.status,
    'obj',
    plan.objective.toFixed(2),
    'bound',
    plan.bound?.toFixed(2),
    'gap',
    plan.gap,
    's',
    plan.solveSeconds.toFixed(2),
    'risk',
    plan.riskExposure.toFixed(1),
    'n',
    plan.replacements.length,
  );
  const issues = validatePlan(problem, plan);
  console.log(
    'violations',
    issues.length,
    issues.slice(0, 5).map((i) => i.message),
  );
  console.log(plan.diagnostics);
}
