import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import {
  builtinScenarios,
  formatIssue,
  formatUsd,
  PortGuardError,
  reportRows,
  type SimulationReport,
  type Summary,
  nextQuarterStart,
} from '@portguard/core';
import { loadConfig } from '../../config/config.js';
import {
  resolveScenario,
  SIMULATION_PLANS,
  simulatePlans,
  type ProblemSource,
  type SimulationPlanName,
} from '../../simulation/service.js';
import { REPLANNERS, type ReplannerName } from '../../simulation/replanners.js';

interface SimulateCliOptions {
  scenario: string;
  runs: string;
  seed: string;
  workers: string;
  policy: 'frozen' | 'replan';
  replanSolver: ReplannerName;
  replanTime: string;
  plans?: string;
  plan?: string[];
  out?: string;
  format?: 'json' | 'csv';
  json?: boolean;
  start?: string;
  years: string;
  source: 'auto' | 'database' | 'bundled';
  generated?: string;
  timeLimit: string;
  soft?: boolean;
  listScenarios?: boolean;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new PortGuardError(
      'invalid_input',
      `--${name}: expected a whole number in [${min}, ${max}], got '${raw}'`,
    );
  return n;
}

function parseGenerated(raw: string): ProblemSource {
  const m = /^(\d+)x(\d+)(?:@(\d+))?$/.exec(raw);
  if (!m)
    throw new PortGuardError(
      'invalid_input',
      `--generated: expected TERMINALSxCRANES[@SEED], e.g. 60x480@1, got '${raw}'`,
    );
  return { kind: 'generated', terminals: Number(m[1]), cranes: Number(m[2]), seed: Number(m[3] ?? 1) };
}

const teu = (x: number) => Math.round(x).toLocaleString('en-US');
const weeks = (x: number) => x.toFixed(1);
const risk = (x: number) => x.toFixed(0);
const FORMAT: Record<string, (x: number) => string> = {
  teuLost: teu,
  weeksBelowDemand: weeks,
  spendCents: (x) => formatUsd(Math.round(x)),
  riskExposure: risk,
  resourceDelayMonths: (x) => x.toFixed(1),
};
const LABEL: Record<string, string> = {
  teuLost: 'TEU not handled',
  weeksBelowDemand: 'weeks any port below demand',
  spendCents: 'spend in horizon',
  riskExposure: 'risk exposure',
  resourceDelayMonths: 'months waited for rails, crews, blackouts',
};

function summaryTable(report: SimulationReport): string {
  const table = new Table({ head: ['plan', 'measure', 'mean', 'P10', 'P50', 'P90'] });
  for (const p of report.plans) {
    for (const [m, label] of Object.entries(LABEL)) {
      const s = p.national[m as keyof typeof p.national] as Summary;
      const f = FORMAT[m]!;
      table.push([p.plan, label, f(s.mean), f(s.p10), f(s.p50), f(s.p90)]);
    }
    const c = p.completionMonth;
    table.push([
      p.plan,
      'completion',
      `${(p.completedShare * 100).toFixed(0)}% of runs`,
      c.p10 ?? 'later',
      c.p50 ?? 'later',
      c.p90 ?? 'later',
    ]);
  }
  return table.toString();
}

function worstTable(report: SimulationReport): string {
  const table = new Table({ head: ['plan', 'terminal', 'TEU lost P50', 'P90', 'worst run'] });
  for (const p of report.plans) {
    for (const w of p.worstTerminals.slice(0, 5)) {
      const t = p.terminals.find((x) => x.terminalId === w.terminalId)!;
      table.push([
        p.plan,
        t.name,
        teu(t.teuLost.p50),
        teu(t.teuLost.p90),
        `${teu(t.teuLost.max)} (run ${t.worstRun})`,
      ]);
    }
  }
  return table.toString();
}

function comparisonTable(report: SimulationReport): string {
  const table = new Table({
    head: ['plan − baseline', 'measure', 'mean difference', '95% CI', 'runs lower / equal / higher'],
  });
  for (const c of report.comparisons) {
    for (const [m, label] of Object.entries(LABEL)) {
      const d = c.measures[m as keyof typeof c.measures];
      const f = FORMAT[m]!;
      const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
      table.push([
        `${c.plan} − ${c.baseline}`,
        label,
        f(d.meanDifference),
        `[${f(d.ci95[0])}, ${f(d.ci95[1])}]`,
        `${pct(d.shareLower)} / ${pct(d.shareEqual)} / ${pct(d.shareHigher)}`,
      ]);
    }
  }
  return table.toString();
}

async function simulateAction(o: SimulateCliOptions, command: Command): Promise<void> {
  const out = (s: string) => process.stdout.write(s);
  const err = (s: string) => process.stderr.write(s);
  if (o.listScenarios) {
    if (o.json) out(JSON.stringify(builtinScenarios, null, 2) + '\n');
    else for (const s of builtinScenarios) out(`${s.name}\n  ${s.description}\n`);
    return;
  }
  const globals = command.optsWithGlobals<{ db?: string }>();
  const config = loadConfig(process.env, globals.db !== undefined ? { db: globals.db } : {});
  const runs = integer('runs', o.runs, 1, 10_000_000);
  const seed = integer('seed', o.seed, 0, 2 ** 32 - 1);
  const workers = integer('workers', o.workers, 0, 64);
  const years = integer('years', o.years, 1, 50);
  const timeLimit = integer('time-limit', o.timeLimit, 1, 3600);
  const replanTime = integer('replan-time', o.replanTime, 1, 600);
  if (o.policy !== 'replan' && command.getOptionValueSource('replanSolver') === 'cli')
    throw new PortGuardError('invalid_input', '--replan-solver: applies only with --policy replan');
  const planNames = (o.plans ?? (o.plan && o.plan.length > 0 ? '' : 'optimized,greedy,do-nothing'))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const p of planNames)
    if (!(SIMULATION_PLANS as readonly string[]).includes(p))
      throw new PortGuardError(
        'invalid_input',
        `--plans: unknown plan '${p}', expected some of ${SIMULATION_PLANS.join(', ')}`,
      );
  const format = o.format ?? (o.out?.endsWith('.csv') ? 'csv' : 'json');
  const scenario = resolveScenario(o.scenario);

  const bar = new SingleBar({
    format: 'simulating [{bar}] {percentage}% | {value}/{total} runs | {eta_formatted}',
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  const started0 = performance.now();
  const outcome = await simulatePlans(config, {
    scenario,
    source: o.generated !== undefined ? parseGenerated(o.generated) : { kind: 'dataset', prefer: o.source },
    startMonth: o.start ?? nextQuarterStart(new Date()),
    years,
    plans: planNames as SimulationPlanName[],
    planFiles: o.plan ?? [],
    runs,
    seed,
    workers,
    policy: o.policy,
    replanner: o.replanSolver,
    replanTimeSeconds: replanTime,
    timeLimitSeconds: timeLimit,
    softFloor: o.soft === true,
    onStatus: (m) => {
      if (!o.json) err(`${m}\n`);
    },
    onProgress: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
  });
  if (started) bar.stop();
  const seconds = (performance.now() - started0) / 1000;
  const { report } = outcome;
  if (o.out !== undefined) {
    writeFileSync(
      o.out,
      format === 'csv' ? stringify(reportRows(report)) : JSON.stringify(report, null, 2) + '\n',
    );
  }
  if (o.json) {
    out(
      JSON.stringify(
        { source: outcome.source, plans: outcome.planNotes, warnings: outcome.warnings, report },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  out(
    `Scenario ${report.scenario} (${report.policy} policy), ${report.runs} runs, seed ${report.seed}, ${outcome.source} data, ` +
      `${report.startMonth} + ${report.periods} ${report.granularity}s\n`,
  );
  for (const n of outcome.planNotes) out(`  ${n}\n`);
  if (outcome.warnings.length > 0)
    out(`  ${outcome.warnings.length} data warnings (first: ${formatIssue(outcome.warnings[0]!)})\n`);
  out(`${summaryTable(report)}\n`);
  if (report.plans.some((p) => p.worstTerminals.length > 0))
    out(`Worst terminals (by P90 TEU not handled)\n${worstTable(report)}\n`);
  if (report.comparisons.length > 0)
    out(`Paired differences on the same draws\n${comparisonTable(report)}\n`);
  out(
    `${seconds.toFixed(1)} s${report.replans > 0 ? `, ${report.replans} re-plans (${o.replanSolver})` : ''}${o.out ? `; wrote ${o.out} (${format})` : ''}\n`,
  );
  if (report.clockBoundReplans > 0)
    err(
      `warning: ${report.clockBoundReplans} re-plans stopped on the solver's wall-clock guard; those runs may not repeat exactly\n`,
    );
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'Monte Carlo stress test: replay plans against drawn disruptions (lead times, slips, budget cuts, supplier losses, crises) on common random numbers; P10/P50/P90 of TEU not handled, weeks below demand, completion, spend and risk.',
    )
    .option(
      '--scenario <name|file>',
      `built-in scenario (${builtinScenarios.map((s) => s.name).join(', ')}) or a scenario JSON file`,
      'baseline-uncertainty',
    )
    .option('--runs <n>', 'number of runs', '1000')
    .option('--seed <s>', 'random seed (the same seed gives the same results for any --workers)', '1')
    .option('--workers <n>', 'worker threads (0 = in-process)', '2')
    .addOption(
      new Option('--policy <policy>', 'frozen plan, or re-plan at the first shock (see --replan-solver)')
        .choices(['frozen', 'replan'])
        .default('frozen'),
    )
    .addOption(
      new Option(
        '--replan-solver <solver>',
        're-optimiser at the shock: heuristic (better of greedy and risk-first, for 10,000 runs), greedy, or milp (the planner itself, seconds per re-plan: for tens of runs)',
      )
        .choices([...REPLANNERS])
        .default('heuristic'),
    )
    .option(
      '--replan-time <s>',
      'time limit of each milp re-plan, seconds (charged per solve, so runs repeat)',
      '2',
    )
    .option('--plans <list>', `plans to compare, the first is the baseline (${SIMULATION_PLANS.join(',')})`)
    .option(
      '--plan <file...>',
      'a plan JSON file (e.g. from portguard plan --out plan.json); may be repeated',
    )
    .option('--out <file>', 'write the report to a file')
    .addOption(
      new Option('--format <format>', 'format of --out (default from the extension)').choices([
        'json',
        'csv',
      ]),
    )
    .option('--json', 'print the report as JSON on stdout')
    .option(
      '--start <YYYY-MM>',
      'first month of the horizon (default the start of the next calendar quarter)',
    )
    .option('--years <n>', 'horizon in years', '10')
    .addOption(
      new Option('--source <source>', 'where the inventory comes from')
        .choices(['auto', 'database', 'bundled'])
        .default('auto'),
    )
    .option(
      '--generated <TxC[@seed]>',
      'use a generated instance (T terminals, C untrusted cranes) instead of a dataset',
    )
    .option('--time-limit <s>', 'MILP time limit for the optimized plan, seconds', '10')
    .option(
      '--soft',
      'plan with a priced capacity shortfall instead of a hard floor (as portguard plan --soft)',
    )
    .option('--list-scenarios', 'list the built-in scenarios and exit')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard simulate --scenario western-pacific-crisis-2027 --runs 5000 --seed 7 --plans optimized,greedy,do-nothing --out crisis.csv\n  $ portguard simulate --scenario budget-cut-year-2 --policy replan --replan-solver milp --replan-time 2 --runs 20 --plans greedy,do-nothing\n  $ portguard simulate --scenario my-scenario.json --plan my-plan.json --plans greedy --json\n',
    )
    .action(simulateAction);
}
