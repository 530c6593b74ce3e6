import { writeFileSync } from 'node:fs';
import Table from 'cli-table3';
import { Option, type Command } from 'commander';
import {
  formatIssue,
  formatUsd,
  periodMonthLabel,
  PortGuardError,
  untrustedCranes,
  facilityOfPlanningTerminal,
  kindOfPlanningTerminal,
  type DeadlineProbe,
  type EarliestDeadline,
  type Plan,
  type PlanningProblem,
  nextQuarterStart,
} from '@portguard/core';
import { loadConfig } from '../../config/config.js';
import {
  findEarliestDeadline,
  loadPlanningDataset,
  PLAN_METHODS,
  renderPlan,
  runPlanning,
  type PlanExportFormat,
  type PlanMethod,
} from '../../services/plan.js';
import { ExitCode } from '../exit-codes.js';

interface PlanCliOptions {
  start?: string;
  years: string;
  granularity: 'month' | 'week';
  budgetScale: string;
  timeLimit: string;
  gap: string;
  soft?: boolean;
  method: PlanMethod | 'all';
  out?: string;
  format?: PlanExportFormat;
  json?: boolean;
  source: 'auto' | 'database' | 'bundled';
  crews?: string;
  blackout?: string;
  deadline?: string;
  earliestDeadline?: boolean;
  byClock?: boolean;
}

function number(name: string, raw: string, check: (n: number) => boolean, expected: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new PortGuardError('invalid_input', `--${name}: expected ${expected}, got '${raw}'`);
  return n;
}

/** The plan exported with --out: the optimised one when it has a schedule, else greedy, else do-nothing. */
export function primaryPlan(plans: readonly Plan[]): Plan | undefined {
  const order: Plan['method'][] = ['milp', 'greedy', 'do-nothing'];
  const usable = (p: Plan) => p.method !== 'milp' || p.status === 'optimal' || p.status === 'feasible';
  for (const m of order) {
    const p = plans.find((x) => x.method === m && usable(x));
    if (p) return p;
  }
  return plans[0];
}

const plainStyle = () => (process.stdout.isTTY ? {} : { head: [], border: [] });

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);

function summaryTable(problem: PlanningProblem, plans: readonly Plan[]): string {
  const nothing = plans.find((p) => p.method === 'do-nothing')?.riskExposure;
  const greedy = plans.find((p) => p.method === 'greedy')?.riskExposure;
  const table = new Table({
    style: plainStyle(),
    head: [
      'plan',
      'status',
      'gap',
      'bound',
      'time',
      'risk exposure',
      'vs greedy',
      'vs do-nothing',
      'replaced',
      'completion',
      'cost',
    ],
  });
  const vs = (x: number, base: number | undefined) =>
    base === undefined || base === 0 ? '—' : `${(((x - base) / base) * 100).toFixed(1)}%`;
  for (const p of plans) {
    table.push([
      p.name,
      p.status,
      pct(p.gap),
      p.bound === null ? '—' : p.bound.toFixed(1),
      `${p.solveSeconds.toFixed(1)} s`,
      p.riskExposure.toFixed(1),
      p.method === 'greedy' ? '—' : vs(p.riskExposure, greedy),
      p.method === 'do-nothing' ? '—' : vs(p.riskExposure, nothing),
      String(p.replacements.length),
      p.completionPeriod === null
        ? 'not complete'
        : periodMonthLabel(problem.startMonth, problem.granularity, p.completionPeriod),
      formatUsd(p.totalCostCents),
    ]);
  }
  return table.toString();
}

/** Remaining risk (% of the start) at the end of each fiscal year, per plan: the burn-down. */
function burnDownTable(problem: PlanningProblem, plans: readonly Plan[]): string {
  const lastOfFy = new Map<number, number>();
  for (const p of problem.calendar) lastOfFy.set(p.fiscalYear, p.index);
  const table = new Table({
    style: plainStyle(),
    head: ['remaining risk', ...[...lastOfFy.keys()].map((fy) => `FY${fy}`)],
  });
  for (const plan of plans) {
    const start = plan.riskByPeriod[0] ?? 0;
    table.push([
      plan.name,
      ...[...lastOfFy.values()].map((i) =>
        start === 0 ? '—' : `${Math.round(((plan.riskByPeriod[i] ?? 0) / start) * 100)}%`,
      ),
    ]);
  }
  return table.toString();
}

/**
 * The terminals whose capacity comes closest to demand under a plan (the floor's tightest points). A facility's units
 * of another kind are left out: their floor is every unit, so it is always at 0% headroom and says nothing of TEU.
 */
function tightestTerminals(problem: PlanningProblem, plan: Plan, n: number): string {
  const worst = new Map<string, { slack: number; period: number; capacity: number; demand: number }>();
  for (const c of plan.capacity) {
    if (c.demand <= 0 || c.measure !== 'teu') continue;
    const slack = (c.capacity - c.demand) / c.demand;
    const w = worst.get(c.terminalId);
    if (!w || slack < w.slack)
      worst.set(c.terminalId, { slack, period: c.period, capacity: c.capacity, demand: c.demand });
  }
  const table = new Table({
    style: plainStyle(),
    head: ['terminal', 'tightest month', 'capacity TEU', 'demand TEU', 'headroom'],
  });
  for (const [id, w] of [...worst].sort((a, b) => a[1].slack - b[1].slack).slice(0, n))
    table.push([
      id,
      periodMonthLabel(problem.startMonth, problem.granularity, w.period),
      Math.round(w.capacity).toLocaleString('en-US'),
      Math.round(w.demand).toLocaleString('en-US'),
      `${(w.slack * 100).toFixed(1)}%`,
    ]);
  return table.toString();
}

function spendTable(plan: Plan): string {
  const table = new Table({
    style: plainStyle(),
    head: ['program', 'fiscal year', 'federal', 'local', 'available'],
  });
  for (const s of plan.spend)
    table.push([
      s.programId,
      `FY${s.fiscalYear}`,
      formatUsd(s.federalCents),
      formatUsd(s.localCents),
      formatUsd(s.availableCents),
    ]);
  return table.toString();
}

/** One probe of the deadline search: "2033-11 plan (13.3 s)". */
export const probeText = (p: DeadlineProbe): string => `${p.month} ${p.outcome} (${p.seconds.toFixed(1)} s)`;

/** What the deadline search found, proved and left open, in a planner's words. */
export function earliestDeadlineText(e: EarliestDeadline): string {
  const lines = [
    e.met === null
      ? 'Earliest deadline for every untrusted crane: no plan found within the horizon.'
      : `Earliest deadline for every untrusted crane: ${e.met.month} (a plan retires them all by then: risk exposure ${e.met.plan.riskExposure.toFixed(1)}, gap ${pct(e.met.plan.gap)}).`,
  ];
  if (e.impossible !== null)
    lines.push(`No plan retires them all by ${e.impossible.month}: the exact model has no point.`);
  if (e.met !== null && e.met.period > 0 && (e.impossible?.period ?? -1) < e.met.period - 1)
    lines.push(
      `Between: no plan found and none proven impossible (${e.probes
        .filter((p) => p.outcome === 'undecided')
        .map((p) => p.month)
        .join(', ')}); a longer --time-limit may decide them.`,
    );
  lines.push(`Probes: ${e.probes.map(probeText).join('; ')}`);
  return lines.join('\n');
}

async function planAction(o: PlanCliOptions, command: Command): Promise<void> {
  const out = (s: string) => process.stdout.write(s);
  const err = (s: string) => process.stderr.write(s);
  const globals = command.optsWithGlobals<{ db?: string }>();
  const config = loadConfig(process.env, globals.db !== undefined ? { db: globals.db } : {});
  const years = number('years', o.years, (n) => n > 0 && n <= 50, 'a number of years in (0, 50]');
  const budgetScale = number('budget-scale', o.budgetScale, (n) => n >= 0, 'a factor >= 0, e.g. 0.8');
  const timeLimit = number('time-limit', o.timeLimit, (n) => n > 0, 'seconds > 0');
  const gap = number('gap', o.gap, (n) => n >= 0 && n < 1, 'a relative gap in [0, 1), e.g. 0.005');
  const crews =
    o.crews === undefined
      ? undefined
      : number('crews', o.crews, (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0');
  const blackout =
    o.blackout === undefined
      ? undefined
      : o.blackout
          .split(',')
          .map((m) =>
            number(
              'blackout',
              m,
              (n) => Number.isInteger(n) && n >= 1 && n <= 12,
              'months 1-12 separated by commas',
            ),
          );
  const format: PlanExportFormat =
    o.format ?? (o.out?.endsWith('.csv') ? 'csv' : o.out?.endsWith('.xml') ? 'mspdi' : 'json');
  const methods: PlanMethod[] = o.method === 'all' ? ['milp', 'greedy', 'do-nothing'] : [o.method];

  const { dataset, source, exposureByAsset } = await loadPlanningDataset(config, o.source);
  if (!o.json && methods.includes('milp')) err(`solving (time limit ${timeLimit} s)…\n`);
  const run = await runPlanning(dataset, {
    startMonth: o.start ?? nextQuarterStart(new Date()),
    years,
    granularity: o.granularity,
    budgetScale,
    timeLimitSeconds: timeLimit,
    mipGap: gap,
    softFloor: o.soft === true,
    methods,
    clock: () => performance.now(),
    ...(o.byClock === true ? { stopByClock: true } : {}),
    ...(crews !== undefined ? { crewsPerRegion: crews } : {}),
    ...(blackout !== undefined ? { blackoutMonths: blackout } : {}),
    ...(o.deadline !== undefined ? { deadline: o.deadline } : {}),
    ...(exposureByAsset !== undefined ? { exposureByAsset } : {}),
  });
  const main = primaryPlan(run.plans);
  if (o.out !== undefined && main) writeFileSync(o.out, renderPlan(run.problem, main, format));
  if (o.earliestDeadline === true && !o.json)
    err(`searching the earliest deadline for every crane (${timeLimit} s a probe)…\n`);
  let probes = 0;
  const earliest =
    o.earliestDeadline === true
      ? await findEarliestDeadline(run.problem, {
          timeLimitSeconds: timeLimit,
          onProbe: (probe, maxProbes) => {
            if (!o.json) err(`  probe ${++probes} of at most ${maxProbes}: ${probeText(probe)}\n`);
          },
        })
      : null;

  const cranes = untrustedCranes(run.problem.terminals);
  if (o.json) {
    out(
      JSON.stringify(
        {
          source,
          problem: {
            startMonth: run.problem.startMonth,
            granularity: run.problem.granularity,
            periods: run.problem.periods,
            terminals: run.problem.terminals.length,
            untrustedCranes: cranes,
          },
          warnings: run.warnings,
          plans: run.plans,
          ...(earliest !== null
            ? {
                earliestDeadline: {
                  met: earliest.met && {
                    month: earliest.met.month,
                    period: earliest.met.period,
                    plan: earliest.met.plan,
                  },
                  impossible: earliest.impossible,
                  probes: earliest.probes,
                },
              }
            : {}),
          ...(o.out !== undefined && main ? { exported: { file: o.out, format, plan: main.name } } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    const units = run.problem.terminals.filter((t) => kindOfPlanningTerminal(t.id) !== null);
    const stsTerminals = run.problem.terminals.length - units.length;
    const unitCount = untrustedCranes(units);
    const others =
      units.length === 0
        ? ''
        : ` and ${unitCount} other untrusted assets (${[...new Set(units.map((t) => kindOfPlanningTerminal(t.id)))].sort().join(', ')}) at ${counted(new Set(units.map((t) => facilityOfPlanningTerminal(t.id))).size, 'site')}`;
    out(
      `Replacement plan: ${cranes - unitCount} untrusted STS cranes at ${counted(stsTerminals, 'terminal')}${others}, ` +
        `${run.problem.periods} ${run.problem.granularity}s from ${run.problem.startMonth} (${source === 'bundled' ? 'bundled national dataset' : 'database'})\n`,
    );
    for (const w of run.warnings.slice(0, 10)) err(`warning: ${formatIssue(w)}\n`);
    if (run.warnings.length > 10) err(`… and ${run.warnings.length - 10} more warnings (see --json)\n`);
    out(summaryTable(run.problem, run.plans) + '\n');
    if (main) {
      out(`\nRisk burn-down:\n${burnDownTable(run.problem, run.plans)}\n`);
      out(
        `\nCapacity vs demand, tightest terminals (${main.name}):\n${tightestTerminals(run.problem, main, 5)}\n`,
      );
      out(`\nSpend per fiscal year (${main.name}):\n${spendTable(main)}\n`);
      for (const d of main.diagnostics.slice(0, 16)) out(`  ${d}\n`);
      for (const r of main.infeasibility?.reasons.slice(0, 10) ?? []) out(`  why: ${r.message}\n`);
      for (const r of main.infeasibility?.relaxations.slice(0, 5) ?? [])
        out(`  would work with: ${r.message}\n`);
      if (earliest === null && main.infeasibility?.relaxations.some((r) => r.searched === false))
        out(`  the earliest deadline: portguard plan --method milp --earliest-deadline (a plan per probe)\n`);
    }
    if (earliest !== null) out(`\n${earliestDeadlineText(earliest)}\n`);
    if (o.out !== undefined && main) out(`\nWrote ${main.name} as ${format} to ${o.out}\n`);
  }
  if (main && (main.status === 'infeasible' || main.status === 'no-solution'))
    process.exitCode = ExitCode.findings;
}

export function registerPlanCommands(program: Command): void {
  program
    .command('plan')
    .description(
      'Plan the replacement of untrusted STS cranes: optimised schedule (MILP), greedy and do-nothing baselines, capacity floor, budgets, risk burn-down. Exit code 1 when the plan is infeasible.',
    )
    .option(
      '--start <YYYY-MM>',
      'first month of the horizon (default: the start of the next calendar quarter)',
    )
    .option('--years <n>', 'horizon in years', '10')
    .addOption(
      new Option('--granularity <unit>', 'period length').choices(['month', 'week']).default('month'),
    )
    .option('--budget-scale <factor>', 'multiply every appropriation (budget scenario), e.g. 0.8', '1')
    .option('--time-limit <seconds>', 'solver time limit', '10')
    .option('--gap <relative>', 'stop when the proven gap is below this', '0.005')
    .option(
      '--by-clock',
      'stop at the time limit on this machine (default: fixed amounts of work sized for the limit, so the same input gives the same plan, however long this machine takes)',
    )
    .option('--soft', 'allow a priced capacity shortfall instead of declaring the plan infeasible')
    .addOption(
      new Option('--method <method>', 'which plans to compute')
        .choices([...PLAN_METHODS, 'all'])
        .default('all'),
    )
    .option('--out <file>', 'write the main plan (MILP, else greedy) to a file')
    .addOption(
      new Option(
        '--format <format>',
        'file format for --out (default from the extension: .csv, .xml, else json)',
      ).choices(['json', 'csv', 'mspdi']),
    )
    .addOption(
      new Option(
        '--source <where>',
        'inventory to plan on: the database, the bundled national dataset, or auto (database if it has cranes)',
      )
        .choices(['auto', 'database', 'bundled'])
        .default('auto'),
    )
    .option('--crews <n>', 'cranes commissioned at once per region (default 4)')
    .option('--blackout <months>', 'months without commissioning, e.g. 9,10,11 for a Sep–Nov peak')
    .option('--deadline <YYYY-MM>', 'every untrusted crane retired by the end of this month')
    .option(
      '--earliest-deadline',
      'also search the earliest month by which every untrusted crane can be retired (a plan per probe, --time-limit each)',
    )
    .option('--json', 'print the plans as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard plan --start 2027-01 --years 10 --time-limit 10 --out plan.xml --format mspdi\n  $ portguard plan --method greedy --budget-scale 0.5 --json\n  $ portguard plan --method milp --earliest-deadline\n',
    )
    .action(planAction);
}
