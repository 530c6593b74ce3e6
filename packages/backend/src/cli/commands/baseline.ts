import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import {
  periodMonthLabel,
  PortGuardError,
  type Plan,
  nextQuarterStart,
  upgradeStoredPlan,
  type StoredPlan,
} from '@portguard/core';
import { cliPrincipal } from '../../auth/principal.js';
import { loadConfig } from '../../config/config.js';
import { loadPlanningDataset, runPlanning } from '../../services/plan.js';
import { approveBaseline, listBaselines, replan } from '../../tracking/service.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const parseMonthOption = (v: string): string => {
  if (!MONTH_RE.test(v)) throw new InvalidArgumentError('expected a month YYYY-MM');
  return v;
};
export const parseDateOption = (v: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return v;
};
export const parseMethod = (v: string): 'greedy' | 'milp' => {
  if (v !== 'greedy' && v !== 'milp') throw new InvalidArgumentError('expected greedy or milp');
  return v;
};
export const cliActor = () => cliPrincipal(`cli:${process.env.USER ?? 'operator'}`);

/** A plan file written by `portguard plan --out x.json`: { startMonth, granularity, periods, plan }. */
export function readPlanFile(file: string): {
  startMonth: string;
  granularity: 'month' | 'week';
  periods: number;
  plan: Plan;
} {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PortGuardError(
      'invalid_input',
      `${file}: not a readable JSON plan file (${(e as Error).message})`,
    );
  }
  const d = data as Partial<{
    startMonth: string;
    granularity: 'month' | 'week';
    periods: number;
    plan: StoredPlan;
  }>;
  if (
    typeof d.startMonth !== 'string' ||
    (d.granularity !== 'month' && d.granularity !== 'week') ||
    typeof d.periods !== 'number' ||
    !Array.isArray(d.plan?.replacements)
  )
    throw new PortGuardError(
      'invalid_input',
      `${file}: expected the JSON written by \`portguard plan --out plan.json\` (startMonth, granularity, periods, plan.replacements)`,
    );
  return {
    startMonth: d.startMonth,
    granularity: d.granularity,
    periods: d.periods,
    plan: upgradeStoredPlan(d.plan as StoredPlan),
  };
}

export function registerBaselineCommands(program: Command): void {
  const baseline = program
    .command('baseline')
    .description(
      'Approved plans (baselines): approve one, list them, compare where things stand against one',
    );

  baseline
    .command('approve')
    .description(
      'Approve a plan as a named, immutable baseline (from a plan file, or by running the planner now)',
    )
    .requiredOption('--name <name>', 'the baseline name (used once)')
    .option('--from-plan <file>', 'a plan JSON written by `portguard plan --out plan.json`')
    .option(
      '--start <YYYY-MM>',
      'first month when running the planner now (default the start of the next calendar quarter)',
      parseMonthOption,
    )
    .option('--method <method>', 'planner to run now: greedy | milp', parseMethod, 'greedy')
    .option('--bundled', 'plan on the bundled national dataset instead of the store')
    .option('--note <text>', 'why this baseline')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard baseline approve --name "FY27 approved" --from-plan plan.json\n',
    )
    .action(
      async (
        o: {
          name: string;
          fromPlan?: string;
          start?: string;
          method: 'greedy' | 'milp';
          bundled?: boolean;
          note?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const globals = cmd.optsWithGlobals<{ db?: string }>();
        const config = loadConfig(process.env, globals.db === undefined ? {} : { db: globals.db });
        const file = o.fromPlan === undefined ? undefined : readPlanFile(o.fromPlan);
        const { dataset, exposureByAsset } = await loadPlanningDataset(
          config,
          o.bundled ? 'bundled' : 'auto',
        );
        const run = await runPlanning(dataset, {
          ...(exposureByAsset === undefined ? {} : { exposureByAsset }),
          startMonth: file?.startMonth ?? o.start ?? nextQuarterStart(new Date()),
          ...(file
            ? {
                granularity: file.granularity,
                years: file.periods / (file.granularity === 'month' ? 12 : 52),
              }
            : {}),
          methods: file ? [] : [o.method],
        });
        const plan = file?.plan ?? run.plans[0];
        if (!plan) throw new PortGuardError('invalid_input', 'the planner returned no plan');
        if (file && run.problem.periods !== file.periods)
          throw new PortGuardError(
            'invalid_input',
            `${o.fromPlan}: the plan has ${file.periods} periods but the inventory gives ${run.problem.periods}`,
          );
        await withContext(cmd, async (ctx) => {
          const saved = await approveBaseline(ctx, cliActor(), {
            name: o.name,
            problem: run.problem,
            plan,
            ...(o.note === undefined ? {} : { note: o.note }),
          });
          if (o.json) return printJson(saved);
          process.stdout.write(
            `baseline "${saved.name}" approved by ${saved.approvedBy} at ${saved.approvedAt}: ${plan.replacements.length} replacements from ${run.problem.startMonth}\n`,
          );
        });
      },
    );

  baseline
    .command('list')
    .description('List approved baselines, oldest first')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard baseline list --json\n')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const rows = await listBaselines(ctx);
        if (o.json) return printJson(rows);
        printTable(
          ['NAME', 'APPROVED AT', 'BY', 'NOTE'],
          rows.map((b) => [b.name, b.approvedAt, b.approvedBy, b.note]),
        );
      });
    });

  baseline
    .command('compare [name]')
    .description(
      'Slippage per crane and terminal, spend per fiscal year, risk vs burn-down and missed milestones against a baseline (default the latest)',
    )
    .option('--as-of <YYYY-MM-DD>', 'milestones due before this date (default today)', parseDateOption)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard baseline compare "FY27 approved" --as-of 2028-06-30\n')
    .action(async (name: string | undefined, o: { asOf?: string; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const r = await replan(ctx, {
          method: 'greedy',
          ...(name === undefined ? {} : { baseline: name }),
          ...(o.asOf === undefined ? {} : { asOf: o.asOf }),
        });
        const c = r.comparison;
        const { startMonth, granularity } = r.actual.problem;
        const month = (p: number | null) => (p === null ? '-' : periodMonthLabel(startMonth, granularity, p));
        if (o.json)
          return printJson({ baseline: r.baseline, today: r.today, comparison: c, changes: r.changes });
        process.stdout.write(
          `Baseline "${r.baseline.name}" as of ${c.asOf}\n\nSlippage by terminal (periods, + is late):\n`,
        );
        printTable(
          ['TERMINAL', 'BASELINE DONE', 'NOW DONE', 'SLIP', 'LATE', 'EARLY', 'FORECAST LATE'],
          c.terminals.map((t) => [
            t.terminalId,
            month(t.baselineCompletion),
            month(t.currentCompletion),
            t.slipPeriods ?? '-',
            t.late,
            t.early,
            t.forecastLate,
          ]),
        );
        process.stdout.write('\nSpend by fiscal year (USD):\n');
        printTable(
          ['FY', 'BASELINE', 'NOW', 'DELTA'],
          c.spend.map((s) => [
            `FY${s.fiscalYear}`,
            s.baselineCents / 100,
            s.currentCents / 100,
            s.deltaCents / 100,
          ]),
        );
        process.stdout.write(
          `\nRisk exposure: baseline ${c.risk.baselineExposure.toFixed(1)}, now ${c.risk.currentExposure.toFixed(1)}; remaining at as-of: baseline ${c.risk.baselineAtAsOf.toFixed(2)}, now ${c.risk.currentAtAsOf.toFixed(2)}\n`,
        );
        process.stdout.write(`Milestones missed: ${c.missed.length}\n`);
        if (c.missed.length > 0)
          printTable(
            ['CRANE', 'TERMINAL', 'MILESTONE', 'DUE', 'RECORDED'],
            c.missed.map((m) => [m.craneId, m.terminalId, m.milestone, m.due, m.recorded ?? 'open']),
          );
        // What the suppliers say, apart from what happened.
        process.stdout.write(`Supplier delivery forecasts: ${c.forecasts.length}\n`);
        if (c.forecasts.length > 0)
          printTable(
            ['CRANE', 'TERMINAL', 'BASELINE DELIVERY', 'FORECAST', 'SLIP', 'REASON', 'BY'],
            c.forecasts.map((f) => [
              f.craneId,
              f.terminalId,
              month(f.baselineArrival),
              f.arrivalDate,
              f.slipPeriods ?? '-',
              f.reason,
              f.recordedBy,
            ]),
          );
      });
    });
}
