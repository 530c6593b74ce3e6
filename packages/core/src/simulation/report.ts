import type { PlanningProblem } from '../planning/problem.js';
import {
  NATIONAL_MEASURES,
  PERIOD_SERIES,
  TERMINAL_MEASURES,
  type NationalMeasure,
  type PeriodSeries,
  type TerminalMeasure,
} from './replay.js';
import {
  nationalSeries,
  periodSeries,
  terminalSeries,
  type SimulationBlock,
  type SimulationPolicy,
} from './simulate.js';
import { pairedDifference, quantileSorted, summarise, type PairedDifference, type Summary } from './stats.js';

export interface TerminalResult {
  readonly terminalId: string;
  readonly name: string;
  readonly teuLost: Summary;
  readonly weeksBelowDemand: Summary;
  /** The run with the most TEU lost at this terminal. */
  readonly worstRun: number;
}

/** P10 / P50 / P90 and mean per period: the data of a fan chart. */
export interface FanSeries {
  readonly p10: readonly number[];
  readonly p50: readonly number[];
  readonly p90: readonly number[];
  readonly mean: readonly number[];
}

export interface PlanResult {
  readonly plan: string;
  /** National shortfall (TEU) and remaining risk per period; period labels are in SimulationReport.periodMonths. */
  readonly fan: Readonly<Record<PeriodSeries, FanSeries>>;
  readonly national: Readonly<Record<NationalMeasure, Summary>>;
  /** P10 / P50 / P90 completion as YYYY-MM, or null when not complete within the horizon. */
  readonly completionMonth: {
    readonly p10: string | null;
    readonly p50: string | null;
    readonly p90: string | null;
  };
  /** Share of runs in which every untrusted crane is retired within the horizon. */
  readonly completedShare: number;
  readonly terminals: readonly TerminalResult[];
  /** Terminals by P90 TEU lost, worst first (at most 10, only those that lose anything). */
  readonly worstTerminals: readonly {
    readonly terminalId: string;
    readonly p90TeuLost: number;
    readonly maxTeuLost: number;
  }[];
}

export interface PlanComparison {
  readonly plan: string;
  /** Differences are plan minus baseline, run by run on the same draws. */
  readonly baseline: string;
  readonly measures: Readonly<Record<NationalMeasure, PairedDifference>>;
}

export interface SimulationReport {
  readonly scenario: string;
  readonly policy: SimulationPolicy;
  readonly seed: number;
  readonly runs: number;
  readonly startMonth: string;
  readonly granularity: 'month' | 'week';
  readonly periods: number;
  /** YYYY-MM of each period's first day (fan chart x axis). */
  readonly periodMonths: readonly string[];
  readonly replans: number;
  /** Re-plans that stopped on a wall-clock limit (results may not repeat exactly); 0 for the heuristics. */
  readonly clockBoundReplans: number;
  readonly plans: readonly PlanResult[];
  readonly comparisons: readonly PlanComparison[];
}

function monthOf(problem: PlanningProblem, period: number): string | null {
  const c = problem.calendar[Math.round(period)];
  if (!c || period >= problem.periods) return null;
  return `${c.year}-${String(c.month0 + 1).padStart(2, '0')}`;
}

function record<K extends string, V>(keys: readonly K[], f: (k: K, i: number) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k, i) => [k, f(k, i)])) as Record<K, V>;
}

function fanOf(block: SimulationBlock, plan: number, s: number): FanSeries {
  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  const mean: number[] = [];
  const scratch = new Float64Array(block.runCount);
  for (let p = 0; p < block.periods; p++) {
    scratch.set(periodSeries(block, plan, s, p));
    let sum = 0;
    for (const x of scratch) sum += x;
    scratch.sort();
    p10.push(quantileSorted(scratch, 0.1));
    p50.push(quantileSorted(scratch, 0.5));
    p90.push(quantileSorted(scratch, 0.9));
    mean.push(scratch.length > 0 ? sum / scratch.length : Number.NaN);
  }
  return { p10, p50, p90, mean };
}

/** Summarises merged runs; the first plan is the baseline of the comparisons. */
export function buildReport(
  problem: PlanningProblem,
  block: SimulationBlock,
  meta: { readonly scenario: string; readonly policy: SimulationPolicy; readonly seed: number },
): SimulationReport {
  const names = problem.terminals.map((t) => t.name);
  const completionIndex = NATIONAL_MEASURES.indexOf('completionPeriod');
  const plans = block.planNames.map((plan, k): PlanResult => {
    const national = record(NATIONAL_MEASURES, (_, m) => summarise(nationalSeries(block, k, m)));
    const completion = nationalSeries(block, k, completionIndex);
    let completed = 0;
    for (const c of completion) if (c < problem.periods) completed++;
    const terminals = block.terminalIds.map((terminalId, t): TerminalResult => {
      const lost = terminalSeries(
        block,
        k,
        TERMINAL_MEASURES.indexOf('teuLost' satisfies TerminalMeasure),
        t,
      );
      let worstRun = 0;
      for (let r = 1; r < lost.length; r++) if (lost[r]! > lost[worstRun]!) worstRun = r;
      return {
        terminalId,
        name: names[t] ?? terminalId,
        teuLost: summarise(lost),
        weeksBelowDemand: summarise(
          terminalSeries(block, k, TERMINAL_MEASURES.indexOf('weeksBelowDemand'), t),
        ),
        worstRun,
      };
    });
    const worstTerminals = terminals
      .filter((t) => t.teuLost.max > 0)
      .sort((a, b) => b.teuLost.p90 - a.teuLost.p90 || b.teuLost.max - a.teuLost.max)
      .slice(0, 10)
      .map((t) => ({ terminalId: t.terminalId, p90TeuLost: t.teuLost.p90, maxTeuLost: t.teuLost.max }));
    const fan = record(PERIOD_SERIES, (_, s) => fanOf(block, k, s));
    return {
      plan,
      fan,
      national,
      completionMonth: {
        p10: monthOf(problem, national.completionPeriod.p10),
        p50: monthOf(problem, national.completionPeriod.p50),
        p90: monthOf(problem, national.completionPeriod.p90),
      },
      completedShare: completion.length > 0 ? completed / completion.length : 0,
      terminals,
      worstTerminals,
    };
  });
  const comparisons = block.planNames.slice(1).map((plan, i): PlanComparison => ({
    plan,
    baseline: block.planNames[0]!,
    measures: record(NATIONAL_MEASURES, (_, m) =>
      pairedDifference(nationalSeries(block, i + 1, m), nationalSeries(block, 0, m)),
    ),
  }));
  return {
    scenario: meta.scenario,
    policy: meta.policy,
    seed: meta.seed,
    runs: block.runCount,
    startMonth: problem.startMonth,
    granularity: problem.granularity,
    periods: problem.periods,
    periodMonths: problem.calendar.map((c) => `${c.year}-${String(c.month0 + 1).padStart(2, '0')}`),
    replans: block.replans,
    clockBoundReplans: block.clockBoundReplans,
    plans,
    comparisons,
  };
}

/** The report as CSV rows (header first): per plan × scope × measure, per plan × period × series (fan), per comparison × measure. */
export function reportRows(report: SimulationReport): string[][] {
  const rows: string[][] = [
    [
      'kind',
      'plan',
      'baseline',
      'scope',
      'measure',
      'mean',
      'p10',
      'p50',
      'p90',
      'min',
      'max',
      'ci95_low',
      'ci95_high',
    ],
  ];
  const n = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 1000) / 1000) : '');
  for (const p of report.plans) {
    for (const m of NATIONAL_MEASURES) {
      const s = p.national[m];
      rows.push([
        'summary',
        p.plan,
        '',
        'national',
        m,
        n(s.mean),
        n(s.p10),
        n(s.p50),
        n(s.p90),
        n(s.min),
        n(s.max),
        '',
        '',
      ]);
    }
    for (const t of p.terminals) {
      for (const m of TERMINAL_MEASURES) {
        const s = t[m];
        rows.push([
          'summary',
          p.plan,
          '',
          t.terminalId,
          m,
          n(s.mean),
          n(s.p10),
          n(s.p50),
          n(s.p90),
          n(s.min),
          n(s.max),
          '',
          '',
        ]);
      }
    }
  }
  for (const p of report.plans) {
    for (const s of PERIOD_SERIES) {
      const f = p.fan[s];
      report.periodMonths.forEach((month, i) => {
        rows.push([
          'period',
          p.plan,
          '',
          month,
          s,
          n(f.mean[i]!),
          n(f.p10[i]!),
          n(f.p50[i]!),
          n(f.p90[i]!),
          '',
          '',
          '',
          '',
        ]);
      });
    }
  }
  for (const c of report.comparisons) {
    for (const m of NATIONAL_MEASURES) {
      const d = c.measures[m];
      rows.push([
        'difference',
        c.plan,
        c.baseline,
        'national',
        m,
        n(d.meanDifference),
        '',
        '',
        '',
        '',
        '',
        n(d.ci95[0]),
        n(d.ci95[1]),
      ]);
    }
  }
  return rows;
}
