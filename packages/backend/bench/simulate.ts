// npm run bench:simulate — 10,000 frozen-plan runs of the national plan over 10 years, in-process (baseline),
// then with 1 and 2 worker threads (cold: thread start included; warm: a pool already loaded, as a server keeps it);
// prints runs per second and checks that every way gives identical results. Then the replan policy's cost per
// re-plan with the planner (milp) against the heuristic (BENCH_REPLAN_RUNS runs, default 4; 0 skips it).
import {
  findBuiltinScenario,
  generateProblem,
  greedyPlan,
  planningProblemFromDataset,
  type PlanningProblem,
  type SimulationSpec,
  kindOfPlanningTerminal,
  untrustedCranes,
} from '@portguard/core';
import { loadBundledDataset } from '../src/dataset/load.js';
import { runSimulation, SimulationPool } from '../src/simulation/pool.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const scenarioName = process.env.BENCH_SCENARIO ?? 'western-pacific-crisis-2027';

function nationalProblem(): { problem: PlanningProblem; source: string } {
  try {
    const built = planningProblemFromDataset(loadBundledDataset(), { startMonth: '2026-01', years: 10 });
    if (built.ok) return { problem: built.value, source: 'bundled national dataset' };
  } catch {
    // fall through to a generated instance of national size
  }
  return {
    problem: generateProblem({
      terminals: 60,
      cranes: 480,
      suppliers: 4,
      years: 10,
      seed: 1,
      startMonth: '2026-01',
    }),
    source: 'generated 60 terminals × 480 cranes',
  };
}

const { problem, source } = nationalProblem();
const plan = greedyPlan(problem);
const units = problem.terminals.filter((t) => kindOfPlanningTerminal(t.id) !== null);
const cranes = untrustedCranes(problem.terminals) - untrustedCranes(units);
const spec: SimulationSpec = {
  problem,
  scenario: findBuiltinScenario(scenarioName)!,
  plans: [{ name: 'national', replacements: plan.replacements }],
  seed: 2026,
  policy: 'frozen',
};
console.log(
  `${source}: ${problem.terminals.length - units.length} terminals, ${cranes} untrusted cranes` +
    (units.length > 0 ? ` and ${untrustedCranes(units)} other untrusted assets` : '') +
    `, ${plan.replacements.length} replacements, ` +
    `${problem.periods} ${problem.granularity}s; scenario ${scenarioName}; ${RUNS} runs, frozen policy`,
);

const results: Float64Array[] = [];
const line = (label: string, seconds: number, extra = '') =>
  console.log(
    `${label.padEnd(38)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(RUNS / seconds)
      .toLocaleString('en-US')
      .padStart(7)} runs/s${extra}`,
  );
for (const workers of [0, 1, 2]) {
  const t0 = performance.now();
  const block = await runSimulation(spec, { runs: RUNS, workers });
  results.push(block.national);
  line(
    workers === 0
      ? 'in-process, 1 thread (baseline)'
      : `${workers} worker${workers > 1 ? 's' : ''}, cold (incl. thread start)`,
    (performance.now() - t0) / 1000,
  );
}
for (const threads of [1, 2]) {
  const pool = new SimulationPool(threads);
  const t0 = performance.now();
  await pool.warm();
  const start = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const block = await runSimulation(spec, { runs: RUNS, workers: threads, pool });
  results.push(block.national);
  line(
    `${threads} worker${threads > 1 ? 's' : ''}, warm pool`,
    (performance.now() - t1) / 1000,
    `  (thread start ${start.toFixed(2)} s)`,
  );
  await pool.close();
}
const same = results.every((r) => r.length === results[0]!.length && r.every((x, i) => x === results[0]![i]));
console.log(`identical results in-process and with 1 and 2 workers: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;

// The replan policy: cost per re-plan of the planner itself (milp) against the heuristic, on 2 warm workers.
const REPLAN_RUNS = Number(process.env.BENCH_REPLAN_RUNS ?? 4);
const REPLAN_SECONDS = Number(process.env.BENCH_REPLAN_SECONDS ?? 2);
if (REPLAN_RUNS > 0) {
  console.log(
    `\nreplan policy, ${REPLAN_RUNS} runs, 2 warm workers (each run re-plans once, at the 2027 crisis):`,
  );
  const pool = new SimulationPool(2);
  await pool.warm();
  const replan: SimulationSpec = { ...spec, policy: 'replan' };
  const perReplan = async (replanner: 'heuristic' | 'milp') => {
    const t0 = performance.now();
    const block = await runSimulation(replan, {
      runs: REPLAN_RUNS,
      workers: 2,
      pool,
      replanner,
      replanTimeSeconds: REPLAN_SECONDS,
      ...(replanner === 'heuristic' ? { blockSize: 1 } : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    const risk = block.national.subarray(4 * REPLAN_RUNS, 5 * REPLAN_RUNS).reduce((a, b) => a + b, 0);
    return { seconds, replans: block.replans, clockBound: block.clockBoundReplans, risk: risk / REPLAN_RUNS };
  };
  const h = await perReplan('heuristic');
  const m = await perReplan('milp');
  for (const [label, r] of [
    ['heuristic re-plan (baseline)', h],
    [`milp re-plan, --replan-time ${REPLAN_SECONDS}`, m],
  ] as const)
    console.log(
      `${label.padEnd(38)} ${r.seconds.toFixed(2).padStart(6)} s  ${(r.seconds / r.replans).toFixed(2)} s per re-plan ` +
        `(${((2 * r.seconds) / r.replans).toFixed(2)} thread-s), mean risk exposure ${r.risk.toFixed(1)}` +
        (r.clockBound > 0 ? `, ${r.clockBound} stopped on the wall-clock guard` : ''),
    );
  await pool.close();
}
