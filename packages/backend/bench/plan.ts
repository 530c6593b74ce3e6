/**
 * bench:plan — the replacement planner on the bundled national dataset (10 years, monthly) with 10 s
 * (PLAN_TIME_LIMIT): the default ('auto' = decomposition at this size) and the monolithic exact MIP, both
 * starting from the better of greedy and risk-first, against the greedy, risk-first and do-nothing plans measured
 * in the same run. PLAN_DEADLINE=YYYY-MM gives every terminal that deadline (the baselines then show what they miss).
 */
import {
  doNothingPlan,
  greedyPlan,
  planningProblemFromDataset,
  planReplacement,
  riskFirstPlan,
  validatePlan,
  type Plan,
  type PlanningProblem,
  kindOfPlanningTerminal,
  untrustedCranes,
} from '@portguard/core';
import { loadBundledDataset } from '../src/dataset/load.js';
import { PLANNING_THREADS, WorkerHighsSolver } from '../src/solver/highs-solver.js';

const timeLimit = Number(process.env.PLAN_TIME_LIMIT ?? 10);
// PLAN_DEADLINE=YYYY-MM: every untrusted crane retired by the end of that month, as `portguard plan --deadline`.
const deadline = process.env.PLAN_DEADLINE;
const result = planningProblemFromDataset(loadBundledDataset(), {
  startMonth: '2027-01',
  ...(deadline !== undefined ? { deadline } : {}),
});
if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
const problem: PlanningProblem = result.value;
const units = problem.terminals.filter((t) => kindOfPlanningTerminal(t.id) !== null);
const others =
  units.length === 0
    ? ''
    : ` and ${untrustedCranes(units)} other untrusted assets (${units.length} kinds × sites)`;
console.log(
  `national dataset${deadline !== undefined ? `, every crane by ${deadline}` : ''}: ${problem.terminals.length - units.length} terminals, ${untrustedCranes(problem.terminals) - untrustedCranes(units)} untrusted cranes${others}, ${problem.suppliers.filter((s) => s.trusted).length} trusted suppliers, ${problem.periods} ${problem.granularity} periods`,
);

const row = (p: Plan): string =>
  [
    p.name.padEnd(34),
    p.status.padEnd(11),
    `risk ${p.riskExposure.toFixed(1).padStart(10)}`,
    `obj ${Number.isFinite(p.objective) ? p.objective.toFixed(1).padStart(10) : '-'.padStart(10)}`,
    `bound ${p.bound === null ? '-'.padStart(10) : p.bound.toFixed(1).padStart(10)}`,
    `gap ${p.gap === null ? '-' : `${(p.gap * 100).toFixed(2)}%`}`.padEnd(11),
    `${p.solveSeconds.toFixed(2)} s`.padStart(8),
    `replaced ${p.replacements.length}`,
    `violations ${validatePlan(problem, p).length}`,
  ].join('  ');

// As the CLI: HiGHS in worker threads, so the exact LP bound runs beside the order search. Started first, so that
// the workers boot while the baselines run, as runPlanning does.
const solver = new WorkerHighsSolver({ threads: PLANNING_THREADS });
const nothing = doNothingPlan(problem);
const started = performance.now();
const greedy = greedyPlan(problem, { clock: () => performance.now() });
console.log(`greedy built in ${((performance.now() - started) / 1000).toFixed(2)} s`);
console.log(row(nothing));
console.log(row(greedy));
console.log(row(riskFirstPlan(problem, { clock: () => performance.now() })));
const methods = (process.env.PLAN_METHODS ?? 'auto,monolithic').split(',') as (
  'auto' | 'monolithic' | 'decomposition'
)[];
for (const method of methods) {
  const plan = await planReplacement(
    problem,
    {
      name: `MILP ${method}`,
      timeLimitSeconds: timeLimit,
      method,
      clock: () => performance.now(),
      // PLAN_BY_CLOCK=1: cut at the limit (results vary with load); default counted, as the CLI.
      stopByClock: process.env.PLAN_BY_CLOCK === '1',
    },
    solver,
  );
  console.log(row(plan));
  console.log(`  ${plan.diagnostics.join(' | ')}`);
  console.log(
    `  risk vs greedy ${((1 - plan.riskExposure / greedy.riskExposure) * 100).toFixed(1)}% lower, vs do-nothing ${((1 - plan.riskExposure / nothing.riskExposure) * 100).toFixed(1)}% lower`,
  );
  // The issue's target, on the default time limit only: optimal or a gap of at most 0.5%, in at most 10 s.
  if (timeLimit === 10 && deadline === undefined) {
    const gapMet = plan.status === 'optimal' || (plan.gap !== null && plan.gap <= 0.005);
    const timeMet = plan.solveSeconds <= 10;
    console.log(
      `  target (≤ 0.5% gap in ≤ 10 s): ${gapMet && timeMet ? 'met' : 'not met'} (gap ${gapMet ? 'met' : 'not met'}, time ${plan.solveSeconds.toFixed(2)} s ${timeMet ? 'met' : 'not met'})`,
    );
  }
}
await solver.close();
