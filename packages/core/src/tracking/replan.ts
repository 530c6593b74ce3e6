import { DAY_MS, periodStartDate, type Granularity } from '../planning/calendar.js';
import { splitCost } from '../planning/evaluate.js';
import type { Plan } from '../planning/plan.js';
import type { FixedReplacement, PlanningProblem } from '../planning/problem.js';
import { forecastOf, stepIndex, type CraneTrack, type StepRecord } from './lifecycle.js';

/** Period (may be negative or beyond the horizon) containing a YYYY-MM-DD date. */
export function periodOfDate(startMonth: string, granularity: Granularity, date: string): number {
  const start = periodStartDate(startMonth, granularity, 0);
  const d = new Date(`${date}T00:00:00Z`);
  if (granularity === 'week') return Math.floor((d.getTime() - start.getTime()) / (7 * DAY_MS));
  return (d.getUTCFullYear() - start.getUTCFullYear()) * 12 + d.getUTCMonth() - start.getUTCMonth();
}

/** A change the program office made to a fiscal year's appropriation after the baseline (e.g. a cut). */
export interface BudgetRevision {
  readonly programId: string;
  readonly fiscalYear: number;
  readonly amountCents: number;
  readonly reason: string;
}

export interface ActualState {
  /** The approved problem (horizon, terminals, suppliers, budgets). */
  readonly problem: PlanningProblem;
  /** The baseline plan: it names the supplier of a contract recorded without one. */
  readonly baseline: Pick<Plan, 'replacements'>;
  readonly tracks: ReadonlyMap<string, CraneTrack>;
  readonly budgetRevisions: readonly BudgetRevision[];
  /** YYYY-MM-DD */
  readonly today: string;
}

/** One recorded replacement as the re-plan holds it. */
export interface FixedFact {
  readonly craneId: string;
  readonly terminalId: string;
  readonly step: CraneTrack['step'];
  readonly fixed: FixedReplacement;
  /** Periods as recorded or, for steps not reached yet, as forecast or the earliest they can now happen. */
  readonly arrivalPeriod: number;
  /** How the arrival is known: recorded delivery, the supplier's forecast, or contract + lead time (not before today). */
  readonly arrivalBasis: 'delivered' | 'forecast' | 'earliest';
  /** The supplier's forecast in effect (event 'forecast'), when the arrival rests on it. */
  readonly forecast?: StepRecord;
  readonly inServicePeriod: number | null;
  readonly costCents: number;
  /** The program its money was taken from. */
  readonly programId?: string;
}

export interface ActualProblem {
  readonly problem: PlanningProblem;
  readonly todayPeriod: number;
  readonly facts: readonly FixedFact[];
  /** Facts the horizon or the data could not hold as recorded, said plainly. */
  readonly notes: readonly string[];
}

/** Federal fiscal year of a YYYY-MM-DD date (October starts the next one). */
const fiscalYearOfDate = (date: string): number =>
  Number(date.slice(0, 4)) + (Number(date.slice(5, 7)) >= 10 ? 1 : 0);

/**
 * The planning problem as things stand on `today`: every replacement contracted (or further) is a fixed decision
 * of its own group with its real supplier, holding its recorded dates (FixedReplacement.arrivalPeriod: delivered
 * as recorded, else the supplier's forecast, else contract + lead time, never before today); no new contract
 * before today; revised appropriations replace the approved ones. The horizon keeps the baseline's start so that
 * recorded history, spend and the floor stay checkable in one calendar.
 *
 * Facts use their supplier's quarterly capacity and their region's crews like any planned crane, but are checked
 * against themselves, not the supplier's terms (see FixedReplacement). A fact costs 0 in the problem: its amount
 * (as recorded, else the offer's) is taken, federal share, from its program's appropriation of the contract's
 * fiscal year and then the following ones.
 */
export function problemFromActuals(state: ActualState): ActualProblem {
  const { problem, tracks, today } = state;
  const P = problem.periods;
  const toPeriod = (date: string) => periodOfDate(problem.startMonth, problem.granularity, date);
  const todayPeriod = Math.max(0, Math.min(toPeriod(today), P - 1));
  const notes: string[] = [];
  const suppliers = new Map(problem.suppliers.map((s) => [s.id, s]));
  const planned = new Map(state.baseline.replacements.map((r) => [r.craneId, r]));
  const obligations: { programId: string | undefined; fiscalYear: number; cents: number }[] = [];
  const facts: FixedFact[] = [];
  const clamp = (p: number, what: string, craneId: string) => {
    if (p >= 0 && p < P) return p;
    notes.push(`${craneId}: ${what} falls outside the horizon (period ${p}); held at the edge`);
    return Math.max(0, Math.min(p, P - 1));
  };

  const terminals = problem.terminals.map((t) => ({
    ...t,
    groups: t.groups.map((g) => {
      const fixed: FixedReplacement[] = [...(g.fixed ?? [])];
      for (const craneId of g.craneIds) {
        const track = tracks.get(craneId);
        if (!track || stepIndex(track.step) < stepIndex('contracted')) continue;
        const contractFact = track.facts.contracted;
        if (!contractFact) {
          notes.push(`${craneId} is ${track.step} but its contract was never recorded; left to the planner`);
          continue;
        }
        const sid = track.supplierId ?? planned.get(craneId)?.supplierId;
        const s = sid === undefined ? undefined : suppliers.get(sid);
        const offer = s?.offers.find((o) => o.sizeClass === g.sizeClass);
        if (!s || !offer) {
          notes.push(
            `${craneId}: contracted supplier ${sid ?? '(none)'} has no ${g.sizeClass} offer; left to the planner`,
          );
          continue;
        }
        const c = clamp(toPeriod(contractFact.date), 'the contract', craneId);
        const delivered = track.facts.delivered;
        const forecast = forecastOf(track);
        const arrivalBasis = delivered ? 'delivered' : forecast ? 'forecast' : 'earliest';
        const arrival = delivered
          ? clamp(toPeriod(delivered.date), 'delivery', craneId)
          : forecast
            ? clamp(Math.max(toPeriod(forecast.date), todayPeriod), 'the forecast delivery', craneId)
            : Math.max(c + s.leadTimePeriods, todayPeriod);
        const commissioned = track.facts.commissioned;
        const inService = commissioned
          ? clamp(toPeriod(commissioned.date), 'commissioning', craneId)
          : Math.max(arrival + s.commissioningPeriods, todayPeriod);
        const retired = track.facts['old-crane-retired'];
        const retire = retired
          ? clamp(toPeriod(retired.date), 'retirement', craneId)
          : commissioned
            ? inService
            : undefined;
        if (arrival < c || inService < arrival) {
          notes.push(
            `${craneId}: recorded dates are out of order (contract ${c}, arrival ${arrival}, in service ${inService}); left to the planner`,
          );
          continue;
        }
        const cost = track.obligatedCents > 0 ? track.obligatedCents : offer.unitCostCents;
        const programId = planned.get(craneId)?.programId ?? t.fundingProgramIds[0];
        obligations.push({ programId, fiscalYear: fiscalYearOfDate(contractFact.date), cents: cost });
        const f: FixedReplacement = {
          craneId,
          supplierId: s.id,
          contractPeriod: c,
          arrivalPeriod: arrival,
          inServicePeriod: inService,
          ...(retire === undefined ? { retireFrom: todayPeriod } : { retirePeriod: retire }),
          costCents: 0,
        };
        fixed.push(f);
        facts.push({
          craneId,
          terminalId: t.id,
          step: track.step,
          fixed: f,
          arrivalPeriod: arrival,
          arrivalBasis,
          ...(arrivalBasis === 'forecast' && forecast ? { forecast } : {}),
          inServicePeriod: commissioned ? inService : null,
          costCents: cost,
          ...(programId === undefined ? {} : { programId }),
        });
      }
      return fixed.length > 0 ? { ...g, fixed } : g;
    }),
  }));

  const revised = new Map(state.budgetRevisions.map((b) => [`${b.programId}|${b.fiscalYear}`, b]));
  const budgets = problem.budgets.map((b) => {
    const r = revised.get(`${b.programId}|${b.fiscalYear}`);
    return r ? { ...b, amountCents: r.amountCents } : { ...b };
  });
  // Money already obligated leaves the program: from its fiscal year's line, the rest from the following lines.
  for (const o of obligations) {
    if (o.programId === undefined) continue;
    const lines = budgets
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => b.programId === o.programId && b.fiscalYear >= o.fiscalYear)
      .sort((x, y) => x.b.fiscalYear - y.b.fiscalYear);
    let left = splitCost(o.cents, lines[0]?.b.localShare ?? 0).federal;
    for (const { b, i } of lines) {
      const take = Math.min(left, b.amountCents);
      budgets[i] = { ...b, amountCents: b.amountCents - take };
      left -= take;
      if (left <= 0) break;
    }
    if (left > 0)
      notes.push(
        `${o.programId}: ${left} cents obligated beyond every remaining appropriation from FY${o.fiscalYear}`,
      );
  }
  for (const r of state.budgetRevisions)
    if (!problem.budgets.some((b) => b.programId === r.programId && b.fiscalYear === r.fiscalYear))
      notes.push(
        `budget revision for ${r.programId} FY${r.fiscalYear} matches no appropriation of the baseline; ignored`,
      );

  return {
    problem: {
      ...problem,
      terminals,
      budgets,
      suppliers: problem.suppliers.map((s) => ({
        ...s,
        earliestContractPeriod: Math.max(s.earliestContractPeriod, todayPeriod),
      })),
    },
    todayPeriod,
    facts,
    notes,
  };
}
