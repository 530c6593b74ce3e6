/** Diagnostic: LP relaxation value and time of the planner model on the national dataset, per contract step. */
import { buildPlanningModel, modelSize, planningProblemFromDataset } from '@portguard/core';
import { loadBundledDataset } from '../src/dataset/load.js';
import { InProcessHighsSolver } from '../src/solver/highs-solver.js';

const result = planningProblemFromDataset(loadBundledDataset(), { startMonth: '2027-01' });
if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
const steps = (process.argv[2] ?? '3,1').split(',').map(Number);
for (const step of steps) {
  const built = buildPlanningModel(result.value, { contractStep: step });
  const r = await new InProcessHighsSolver().solve(built.model, {
    timeLimitSeconds: 120,
    mipRelGap: 0,
    relaxIntegrality: true,
  });
  console.log(
    `step ${step}`,
    JSON.stringify(modelSize(built)),
    r.status,
    r.objective?.toFixed(2),
    `${r.seconds.toFixed(1)} s`,
  );
}
