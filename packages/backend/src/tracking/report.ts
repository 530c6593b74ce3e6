import {
  kindOfPlanningTerminal,
  LIFECYCLE_STEPS,
  periodDateLabel,
  periodMonthLabel,
  renderCalendar,
  type CalendarEvent,
  type PlanningProblem,
} from '@portguard/core';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Context } from '../services/context.js';
import { loadTrackState, replan, statusOf, terminalsOfScope, type Replan } from './service.js';

/** The Slippage table's columns, in order (the dashboard's program view reads them by name). */
export const SLIPPAGE_HEADER = [
  'terminal',
  'baseline completion',
  'current completion',
  'slip (periods)',
  'cranes late',
  'cranes early',
  'forecast late',
] as const;

export type ReportScope = { readonly kind: 'national' } | { readonly kind: 'port'; readonly port: string };

/** One table of a report: a sheet in the workbook, a block in the CSV. */
export interface ReportTable {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

export interface StatusReport {
  readonly title: string;
  readonly asOf: string;
  readonly baseline: string;
  readonly tables: readonly ReportTable[];
}

const usd = (cents: number) => Math.round(cents) / 100;

/** Sum of the risk weights of untrusted cranes still in service, per period, for some terminals. */
function remainingRisk(
  problem: PlanningProblem,
  retireOf: ReadonlyMap<string, number>,
  terminalIds: ReadonlySet<string>,
): number[] {
  const out = new Array<number>(problem.periods).fill(0);
  for (const t of problem.terminals) {
    if (!terminalIds.has(t.id)) continue;
    for (const g of t.groups)
      for (const id of g.craneIds) {
        const r = retireOf.get(id) ?? problem.periods;
        for (let p = 0; p < Math.min(r, problem.periods); p++) out[p]! += g.riskPerCranePeriod;
      }
  }
  return out;
}

async function openFindings(ctx: Context): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const rows = await ctx.store.db
      .selectFrom('findings')
      .select(['facility_id', (e) => e.fn.countAll().as('n')])
      .where('status', '=', 'open')
      .groupBy('facility_id')
      .execute();
    for (const r of rows) out.set(r.facility_id ?? '(none)', Number(r.n));
  } catch {
    // The screening tables are optional for a report: without them there are no open findings to show.
  }
  return out;
}

/**
 * A status report (national or one port): progress by step, spend vs baseline per fiscal year, slippage per
 * terminal and crane (delivery slip as recorded apart from the suppliers' forecasts), remaining risk vs the
 * baseline burn-down, capacity headroom from today, open findings, milestones missed. Built on a greedy re-plan
 * from the recorded state.
 */
export async function buildStatusReport(
  ctx: Context,
  scope: ReportScope,
  run?: Replan,
): Promise<StatusReport> {
  const r = run ?? (await replan(ctx, { method: 'greedy' }));
  const { baseline, comparison, plan } = r;
  const problem = r.actual.problem;
  const ids = await terminalsOfScope(ctx, problem, scope.kind === 'port' ? scope.port : undefined);
  const inScope = new Set(ids);
  const month = (p: number | null) =>
    p === null ? '' : periodMonthLabel(problem.startMonth, problem.granularity, p);
  const state = await loadTrackState(ctx, baseline.name);

  const status = statusOf(problem, state.tracks, ids);
  const progress: ReportTable = {
    name: 'Progress',
    header: ['terminal', ...LIFECYCLE_STEPS, 'obligated USD', 'paid USD'],
    rows: [...status.rows, status.total].map((s) => [
      s.terminalId,
      ...LIFECYCLE_STEPS.map((k) => s.counts[k]),
      usd(s.obligatedCents),
      usd(s.paidCents),
    ]),
  };

  const fyOf = (p: number) => problem.calendar[p]?.fiscalYear ?? 0;
  const spendOf = (reps: readonly { terminalId: string; contractPeriod: number; costCents: number }[]) => {
    const m = new Map<number, number>();
    for (const x of reps)
      if (inScope.has(x.terminalId))
        m.set(fyOf(x.contractPeriod), (m.get(fyOf(x.contractPeriod)) ?? 0) + x.costCents);
    return m;
  };
  const bs = spendOf(state.baseline.plan.replacements);
  const cs = spendOf(plan.replacements);
  const years = [...new Set([...bs.keys(), ...cs.keys()])].sort((a, b) => a - b);
  const spend: ReportTable = {
    name: 'Spend',
    header: ['fiscal year', 'baseline USD', 'current USD', 'delta USD'],
    rows: years.map((y) => [
      y,
      usd(bs.get(y) ?? 0),
      usd(cs.get(y) ?? 0),
      usd((cs.get(y) ?? 0) - (bs.get(y) ?? 0)),
    ]),
  };

  const slippage: ReportTable = {
    name: 'Slippage',
    header: [...SLIPPAGE_HEADER],
    rows: comparison.terminals
      .filter((t) => inScope.has(t.terminalId))
      .map((t) => [
        t.terminalId,
        month(t.baselineCompletion),
        month(t.currentCompletion),
        t.slipPeriods ?? '',
        t.late,
        t.early,
        t.forecastLate,
      ]),
  };
  const why = new Map(r.changes.map((c) => [c.craneId, c.why]));
  const cranes: ReportTable = {
    name: 'Cranes',
    header: [
      'crane',
      'terminal',
      'step',
      'baseline in service',
      'current in service',
      'source',
      'slip (periods)',
      'why',
      'delivery slip (periods)',
      'forecast delivery slip (periods)',
    ],
    rows: comparison.cranes
      .filter((c) => inScope.has(c.terminalId))
      .map((c) => [
        c.craneId,
        c.terminalId,
        c.step,
        month(c.baselineInService),
        month(c.currentInService),
        c.source,
        c.slipPeriods ?? '',
        why.get(c.craneId) ?? '',
        c.deliverySlipPeriods ?? '',
        c.forecastSlipPeriods ?? '',
      ]),
  };
  // The supplier's word, kept apart from what happened: forecasts in effect (contracted, not delivered).
  const forecasts: ReportTable = {
    name: 'Forecasts',
    header: [
      'crane',
      'terminal',
      'baseline delivery',
      'forecast delivery',
      'slip (periods)',
      'reason',
      'evidence',
      'recorded by',
      'recorded on',
    ],
    rows: comparison.forecasts
      .filter((f) => inScope.has(f.terminalId))
      .map((f) => [
        f.craneId,
        f.terminalId,
        month(f.baselineArrival),
        f.arrivalDate,
        f.slipPeriods ?? '',
        f.reason,
        f.evidence ?? '',
        f.recordedBy,
        f.recordedAt.slice(0, 10),
      ]),
  };

  const retire = (reps: readonly { craneId: string; retirePeriod: number }[]) =>
    new Map(reps.map((x) => [x.craneId, x.retirePeriod]));
  const baseRisk = remainingRisk(problem, retire(state.baseline.plan.replacements), inScope);
  const nowRisk = remainingRisk(problem, retire(plan.replacements), inScope);
  const risk: ReportTable = {
    name: 'Risk',
    header: ['period', 'baseline remaining risk', 'current remaining risk'],
    rows: baseRisk.map((b, p) => [
      month(p),
      Math.round(b * 1000) / 1000,
      Math.round((nowRisk[p] ?? 0) * 1000) / 1000,
    ]),
  };

  const today = r.actual.todayPeriod;
  const capacity: ReportTable = {
    name: 'Capacity',
    header: ['terminal', 'lowest headroom TEU (from today)', 'in period', 'capacity TEU', 'demand TEU'],
    // Terminals' cranes only: a site's units of another kind move no TEU (their floor is on the site's page).
    rows: ids
      .filter((id) => kindOfPlanningTerminal(id) === null)
      .map((id) => {
        const rows = plan.capacity.filter((c) => c.terminalId === id && c.period >= today);
        const worst = rows.reduce<(typeof rows)[number] | undefined>(
          (w, c) => (!w || c.capacity - c.demand < w.capacity - w.demand ? c : w),
          undefined,
        );
        return worst
          ? [
              id,
              Math.round(worst.capacity - worst.demand),
              month(worst.period),
              Math.round(worst.capacity),
              Math.round(worst.demand),
            ]
          : [id, '', '', '', ''];
      }),
  };

  const findings = await openFindings(ctx);
  const open: ReportTable = {
    name: 'Findings',
    header: ['facility', 'open findings'],
    rows: [...findings.entries()].filter(([f]) => scope.kind === 'national' || inScope.has(f)).sort(),
  };
  const missed: ReportTable = {
    name: 'Milestones missed',
    header: ['crane', 'terminal', 'milestone', 'due', 'recorded'],
    rows: comparison.missed
      .filter((m) => inScope.has(m.terminalId))
      .map((m) => [m.craneId, m.terminalId, m.milestone, m.due, m.recorded ?? 'open']),
  };
  const t = status.total;
  const sum = (m: ReadonlyMap<number, number>) => [...m.values()].reduce((a, v) => a + v, 0);
  const from = (step: (typeof LIFECYCLE_STEPS)[number]) =>
    LIFECYCLE_STEPS.slice(LIFECYCLE_STEPS.indexOf(step)).reduce((a, k) => a + t.counts[k], 0);
  const slips = slippage.rows.map((row) => row[3]).filter((v) => typeof v === 'number');
  const asOf = Math.min(Math.max(0, comparison.asOfPeriod), problem.periods - 1);
  const headline: ReportTable = {
    name: 'Headline',
    header: ['figure', 'value'],
    rows: [
      ['untrusted cranes', from('planned')],
      ['contracted or further', from('contracted')],
      ['commissioned or further', from('commissioned')],
      ['old cranes retired', from('old-crane-retired')],
      ['obligated USD', usd(t.obligatedCents)],
      ['paid USD', usd(t.paidCents)],
      ['baseline spend USD', usd(sum(bs))],
      ['current spend USD', usd(sum(cs))],
      ['cranes late', cranes.rows.filter((row) => Number(row[6]) > 0).length],
      ['cranes early', cranes.rows.filter((row) => Number(row[6]) < 0).length],
      ['delivered late (recorded)', cranes.rows.filter((row) => Number(row[8]) > 0).length],
      ['forecast late (supplier)', forecasts.rows.filter((row) => Number(row[4]) > 0).length],
      ['largest terminal slip (periods)', slips.length > 0 ? Math.max(...slips) : ''],
      ['milestones missed', missed.rows.length],
      [`baseline remaining risk ${month(asOf)}`, risk.rows[asOf]?.[1] ?? ''],
      [`current remaining risk ${month(asOf)}`, risk.rows[asOf]?.[2] ?? ''],
    ],
  };
  return {
    title: scope.kind === 'national' ? 'National status report' : `Status report: port ${scope.port}`,
    asOf: comparison.asOf,
    baseline: baseline.name,
    tables: [headline, progress, spend, slippage, cranes, forecasts, risk, capacity, open, missed],
  };
}

/** Stacked tables: a `# name` line, the header, the rows, a blank line. Formula-like cells are neutralised. */
export function reportToCsv(report: StatusReport): string {
  const safe = (v: string | number) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v);
  const blocks = [
    stringify([[`# ${report.title}`], ['baseline', report.baseline], ['as of', report.asOf]], {
      record_delimiter: '\n',
    }),
    ...report.tables.map((t) =>
      stringify([[`# ${t.name}`], [...t.header], ...t.rows.map((r) => r.map(safe))], {
        record_delimiter: '\n',
      }),
    ),
  ];
  return blocks.join('\n');
}

/** One sheet per table, after a summary sheet. */
export async function reportToXlsx(report: StatusReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PortGuard';
  const summary = wb.addWorksheet('Summary');
  summary.addRows([[report.title], ['baseline', report.baseline], ['as of', report.asOf]]);
  for (const t of report.tables) {
    const ws = wb.addWorksheet(t.name.slice(0, 31));
    ws.addRow([...t.header]).font = { bold: true };
    for (const r of t.rows) ws.addRow([...r]);
    ws.columns.forEach((c) => (c.width = 16));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Milestones of one port's cranes as iCalendar: recorded dates where recorded, else the re-plan's. */
export async function portCalendar(ctx: Context, port: string, run?: Replan): Promise<string> {
  const r = run ?? (await replan(ctx, { method: 'greedy' }));
  const problem = r.actual.problem;
  const ids = new Set(await terminalsOfScope(ctx, problem, port));
  const state = await loadTrackState(ctx, r.baseline.name);
  const label = (p: number) => periodDateLabel(problem.startMonth, problem.granularity, p);
  const events: CalendarEvent[] = [];
  for (const x of r.plan.replacements) {
    if (!ids.has(x.terminalId)) continue;
    const facts = state.tracks.get(x.craneId)?.facts ?? {};
    const steps = [
      ['contracted', x.contractPeriod],
      ['delivered', x.arrivalPeriod],
      ['commissioned', x.inServicePeriod],
      ['old-crane-retired', x.retirePeriod],
    ] as const;
    for (const [step, p] of steps) {
      const fact = facts[step];
      events.push({
        uid: `${x.craneId}.${step}@portguard`,
        date: fact?.date ?? label(p),
        summary: `${x.craneId} ${step}${fact ? '' : ' (planned)'}`,
        description: `${x.terminalId}, ${x.sizeClass} from ${x.supplierId}; baseline ${r.baseline.name}`,
      });
    }
  }
  return renderCalendar(`PortGuard milestones: ${port}`, events, ctx.clock.now());
}
