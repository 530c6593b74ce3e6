import { periodDateLabel } from '../planning/calendar.js';
import type { Plan } from '../planning/plan.js';
import type { PlanningProblem } from '../planning/problem.js';
import { forecastOf, stepIndex, type CraneTrack, type LifecycleStep } from './lifecycle.js';
import { periodOfDate } from './replan.js';

export interface CraneSlip {
  readonly craneId: string;
  readonly terminalId: string;
  readonly step: LifecycleStep;
  /** In-service period in the baseline and now (recorded, else re-planned); null when not replaced. */
  readonly baselineInService: number | null;
  readonly currentInService: number | null;
  /** 'forecast': re-planned from the supplier's forecast delivery, not from facts. */
  readonly source: 'recorded' | 'forecast' | 'replanned' | 'not-replanned';
  /** current − baseline, in periods; positive is late. Null when either side does not replace the crane. */
  readonly slipPeriods: number | null;
  /** Actual delivery slip: recorded delivery − baseline arrival, in periods; null until delivered. */
  readonly deliverySlipPeriods: number | null;
  /** Forecast delivery slip: the supplier's forecast in effect − baseline arrival; null without a forecast. */
  readonly forecastSlipPeriods: number | null;
}

/** A supplier's delivery forecast in effect, against the baseline arrival. */
export interface DeliveryForecast {
  readonly craneId: string;
  readonly terminalId: string;
  readonly baselineArrival: number | null;
  readonly forecastArrival: number;
  /** YYYY-MM-DD as forecast. */
  readonly arrivalDate: string;
  readonly slipPeriods: number | null;
  readonly reason: string;
  readonly evidence: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface TerminalSlip {
  readonly terminalId: string;
  /** Period by which the terminal's last untrusted crane retires. */
  readonly baselineCompletion: number | null;
  readonly currentCompletion: number | null;
  readonly slipPeriods: number | null;
  readonly late: number;
  readonly early: number;
  /** Cranes whose supplier forecasts a delivery later than the baseline's (not yet delivered). */
  readonly forecastLate: number;
}

export interface FiscalYearDelta {
  readonly fiscalYear: number;
  readonly baselineCents: number;
  readonly currentCents: number;
  readonly deltaCents: number;
}

export const MILESTONES = [
  ['contractPeriod', 'contracted'],
  ['arrivalPeriod', 'delivered'],
  ['inServicePeriod', 'commissioned'],
  ['retirePeriod', 'old-crane-retired'],
] as const;

export interface MissedMilestone {
  readonly craneId: string;
  readonly terminalId: string;
  readonly milestone: LifecycleStep;
  readonly duePeriod: number;
  /** YYYY-MM(-DD) label of the due period. */
  readonly due: string;
  /** When it was recorded (late), or null when still open. */
  readonly recorded: string | null;
}

export interface BaselineComparison {
  readonly asOf: string;
  readonly asOfPeriod: number;
  readonly cranes: readonly CraneSlip[];
  readonly terminals: readonly TerminalSlip[];
  readonly spend: readonly FiscalYearDelta[];
  readonly risk: {
    readonly baselineExposure: number;
    readonly currentExposure: number;
    /** Remaining risk per period at as-of, baseline vs now. */
    readonly baselineAtAsOf: number;
    readonly currentAtAsOf: number;
    readonly baselineByPeriod: readonly number[];
    readonly currentByPeriod: readonly number[];
  };
  readonly missed: readonly MissedMilestone[];
  readonly forecasts: readonly DeliveryForecast[];
}

const spendByYear = (problem: PlanningProblem, plan: Pick<Plan, 'replacements'>): Map<number, number> => {
  const m = new Map<number, number>();
  for (const r of plan.replacements) {
    const fy = problem.calendar[r.contractPeriod]?.fiscalYear ?? 0;
    m.set(fy, (m.get(fy) ?? 0) + r.costCents);
  }
  return m;
};

/**
 * The program against its baseline: per-crane and per-terminal slippage of the in-service dates (recorded when
 * commissioned, else the current plan's), contract cost per fiscal year of signature, risk exposure vs the baseline burn-down, and the
 * baseline milestones due by `asOf` (YYYY-MM-DD) that were not met on time. Delivery slip is reported apart as
 * actual (recorded delivery) and forecast (the supplier's forecast in effect), each against the baseline arrival.
 */
export function compareToBaseline(
  problem: PlanningProblem,
  baseline: Plan,
  current: Plan,
  tracks: ReadonlyMap<string, CraneTrack>,
  asOf: string,
): BaselineComparison {
  const P = problem.periods;
  const toPeriod = (date: string) => periodOfDate(problem.startMonth, problem.granularity, date);
  const asOfPeriod = toPeriod(asOf);
  const base = new Map(baseline.replacements.map((r) => [r.craneId, r]));
  const now = new Map(current.replacements.map((r) => [r.craneId, r]));
  const cranes: CraneSlip[] = [];
  const forecasts: DeliveryForecast[] = [];
  for (const t of problem.terminals)
    for (const g of t.groups)
      for (const craneId of g.craneIds) {
        const track = tracks.get(craneId);
        const b = base.get(craneId);
        const commissioned = track?.facts.commissioned;
        const currentInService = commissioned
          ? toPeriod(commissioned.date)
          : (now.get(craneId)?.inServicePeriod ?? null);
        const baselineInService = b?.inServicePeriod ?? null;
        const delivered = track?.facts.delivered;
        const forecast = forecastOf(track);
        const minus = (x: number | null, y: number | null) => (x === null || y === null ? null : x - y);
        const baselineArrival = b?.arrivalPeriod ?? null;
        if (forecast)
          forecasts.push({
            craneId,
            terminalId: t.id,
            baselineArrival,
            forecastArrival: toPeriod(forecast.date),
            arrivalDate: forecast.date,
            slipPeriods: minus(toPeriod(forecast.date), baselineArrival),
            reason: forecast.note ?? '',
            evidence: forecast.evidence ?? null,
            recordedBy: forecast.recordedBy,
            recordedAt: forecast.recordedAt,
          });
        cranes.push({
          craneId,
          terminalId: t.id,
          step: track?.step ?? 'planned',
          baselineInService,
          currentInService,
          source: commissioned
            ? 'recorded'
            : currentInService === null
              ? 'not-replanned'
              : forecast
                ? 'forecast'
                : 'replanned',
          slipPeriods: minus(currentInService, baselineInService),
          deliverySlipPeriods: delivered ? minus(toPeriod(delivered.date), baselineArrival) : null,
          forecastSlipPeriods: forecast ? minus(toPeriod(forecast.date), baselineArrival) : null,
        });
      }
  const retireOf = (plan: Plan, ids: readonly string[], recorded: boolean) => {
    const byId = new Map(plan.replacements.map((r) => [r.craneId, r]));
    let last: number | null = null;
    for (const id of ids) {
      const f = recorded ? tracks.get(id)?.facts['old-crane-retired'] : undefined;
      const r = f ? toPeriod(f.date) : byId.get(id)?.retirePeriod;
      if (r === undefined) return null;
      last = Math.max(last ?? r, r);
    }
    return last;
  };
  const terminals: TerminalSlip[] = problem.terminals.map((t) => {
    const ids = t.groups.flatMap((g) => g.craneIds);
    const mine = cranes.filter((c) => c.terminalId === t.id);
    const bc = retireOf(baseline, ids, false);
    const cc = retireOf(current, ids, true);
    return {
      terminalId: t.id,
      baselineCompletion: bc,
      currentCompletion: cc,
      slipPeriods: bc === null || cc === null ? null : cc - bc,
      late: mine.filter((c) => (c.slipPeriods ?? 0) > 0).length,
      early: mine.filter((c) => (c.slipPeriods ?? 0) < 0).length,
      forecastLate: mine.filter((c) => (c.forecastSlipPeriods ?? 0) > 0).length,
    };
  });
  const bs = spendByYear(problem, baseline);
  const cs = spendByYear(problem, current);
  const years = [...new Set([...bs.keys(), ...cs.keys()])].sort((a, b) => a - b);
  const spend = years.map((fiscalYear) => {
    const baselineCents = bs.get(fiscalYear) ?? 0;
    const currentCents = cs.get(fiscalYear) ?? 0;
    return { fiscalYear, baselineCents, currentCents, deltaCents: currentCents - baselineCents };
  });
  const at = (xs: readonly number[]) => xs[Math.max(0, Math.min(asOfPeriod, P - 1))] ?? 0;
  const missed: MissedMilestone[] = [];
  for (const b of baseline.replacements) {
    const track = tracks.get(b.craneId);
    for (const [field, step] of MILESTONES) {
      const due = b[field];
      if (due >= asOfPeriod) continue;
      const f = track?.facts[step];
      const reached = track !== undefined && stepIndex(track.step) >= stepIndex(step);
      if (f && toPeriod(f.date) <= due) continue;
      if (!f && reached) continue;
      missed.push({
        craneId: b.craneId,
        terminalId: b.terminalId,
        milestone: step,
        duePeriod: due,
        due: periodDateLabel(problem.startMonth, problem.granularity, due),
        recorded: f ? f.date : null,
      });
    }
  }
  return {
    asOf,
    asOfPeriod,
    cranes,
    terminals,
    spend,
    risk: {
      baselineExposure: baseline.riskExposure,
      currentExposure: current.riskExposure,
      baselineAtAsOf: at(baseline.riskByPeriod),
      currentAtAsOf: at(current.riskByPeriod),
      baselineByPeriod: baseline.riskByPeriod,
      currentByPeriod: current.riskByPeriod,
    },
    missed,
    forecasts,
  };
}
