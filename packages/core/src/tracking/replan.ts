import { DAY_MS, periodStartDate, type Granularity } from '../planning/calendar.js';
import { splitCost } from '../planning/evaluate.js';
import type { Plan } from '../planning/plan.js';
import type { CraneSizeClass } from '../model/index.js';
import type { CraneGroup, FixedReplacement, PlanningProblem, PlanningSupplier } from '../planning/problem.js';
import { stepIndex, type CraneTrack } from './lifecycle.js';

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
  /** Periods as recorded or, for steps not reached yet, the earliest they can now happen. */
  readonly arrivalPeriod: number;
  readonly inServicePeriod: number | null;
  readonly costCents: number;
}

export interface ActualProblem {
  readonly problem: PlanningProblem;
  readonly todayPeriod: number;
  readonly facts: readonly FixedFact[];
  /** Facts the horizon or the data could not hold as recorded, said plainly. */
  readonly notes: readonly string[];
}

/** Suppliers and size classes made for one recorded replacement carry this mark: `<supplier>~<crane>`. */
export const ACTUAL_SUPPLIER_MARK = '~';
export const baseSupplierId = (id: string): string => id.split(ACTUAL_SUPPLIER_MARK)[0] ?? id;
export const baseSizeClass = baseSupplierId;

/**
 * The planning problem as things stand on `today`: every replacement contracted (or further) is fixed with its
 * recorded dates; no new contract before today; revised appropriations replace the approved ones; blackout periods
 * before today or inside a recorded commissioning no longer apply. The horizon
 * keeps the baseline's start so that recorded history, spend and the floor stay checkable in one calendar.
 *
 * A replacement contracted before today (or whose lead time, commissioning or amount differ from its supplier's
 * offer: an early delivery, a slip) moves to a group of its own with a size class and a supplier of its own (`class~crane`, `S~crane`) holding its
 * actual durations (at no cost: its amount, as recorded or the offer's, is taken from the appropriations of its
 * fiscal year and the following ones): validatePlan then checks the facts as recorded, and no other crane can be
 * bought on those terms.
 */
export function problemFromActuals(state: ActualState): ActualProblem {
  const { problem, tracks, today } = state;
  const P = problem.periods;
  const toPeriod = (date: string) => periodOfDate(problem.startMonth, problem.granularity, date);
  const todayPeriod = Math.max(0, Math.min(toPeriod(today), P - 1));
  const notes: string[] = [];
  const suppliers = new Map(problem.suppliers.map((s) => [s.id, s]));
  const baselineSupplier = new Map(state.baseline.replacements.map((r) => [r.craneId, r.supplierId]));
  const extraSuppliers: PlanningSupplier[] = [];
  const obligations: { programId: string | undefined; fiscalYear: number | undefined; cents: number }[] = [];
  const facts: FixedFact[] = [];
  const clamp = (p: number, what: string, craneId: string) => {
    if (p >= 0 && p < P) return p;
    notes.push(`${craneId}: ${what} falls outside the horizon (period ${p}); held at the edge`);
    return Math.max(0, Math.min(p, P - 1));
  };

  const terminals = problem.terminals.map((t) => ({
    ...t,
    groups: t.groups.flatMap((g) => {
      const fixed: FixedReplacement[] = [...(g.fixed ?? [])];
      const own: CraneGroup[] = [];
      for (const craneId of g.craneIds) {
        const track = tracks.get(craneId);
        if (!track || stepIndex(track.step) < stepIndex('contracted')) continue;
        const contractFact = track.facts.contracted;
        if (!contractFact) {
          notes.push(`${craneId} is ${track.step} but its contract was never recorded; left to the planner`);
          continue;
        }
        const sid = track.supplierId ?? baselineSupplier.get(craneId);
        const s = sid === undefined ? undefined : suppliers.get(baseSupplierId(sid));
        const offer = s?.offers.find((o) => o.sizeClass === g.sizeClass);
        if (!s || !offer) {
          notes.push(
            `${craneId}: contracted supplier ${sid ?? '(none)'} has no ${g.sizeClass} offer; left to the planner`,
          );
          continue;
        }
        const c = clamp(toPeriod(contractFact.date), 'the contract', craneId);
        const delivered = track.facts.delivered;
        const arrival = delivered
          ? clamp(toPeriod(delivered.date), 'delivery', craneId)
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
        const lead = arrival - c;
        const commissioning = inService - arrival;
        let supplierId = s.id;
        const alone =
          c < todayPeriod ||
          lead !== s.leadTimePeriods ||
          commissioning !== s.commissioningPeriods ||
          cost !== offer.unitCostCents;
        const sizeClass = alone
          ? (`${g.sizeClass}${ACTUAL_SUPPLIER_MARK}${craneId}` as CraneSizeClass)
          : g.sizeClass;
        if (alone) {
          supplierId = `${s.id}${ACTUAL_SUPPLIER_MARK}${craneId}`;
          extraSuppliers.push({
            id: supplierId,
            name: `${s.name} (as recorded for ${craneId})`,
            trusted: true,
            leadTimePeriods: lead,
            deliveryMode: s.deliveryMode,
            commissioningPeriods: commissioning,
            offers: [{ sizeClass, unitCostCents: 0, capacityPerQuarter: 1 }],
            earliestContractPeriod: c,
          });
        }
        const f: FixedReplacement = {
          craneId,
          supplierId,
          contractPeriod: c,
          inServicePeriod: inService,
          ...(retire === undefined ? {} : { retirePeriod: retire }),
        };
        if (alone)
          own.push({ sizeClass, craneIds: [craneId], riskPerCranePeriod: g.riskPerCranePeriod, fixed: [f] });
        else fixed.push(f);
        facts.push({
          craneId,
          terminalId: t.id,
          step: track.step,
          fixed: f,
          arrivalPeriod: arrival,
          inServicePeriod: commissioned ? inService : null,
          costCents: cost,
        });
      }
      const moved = new Set(own.map((o) => o.craneIds[0]));
      const rest = g.craneIds.filter((id) => !moved.has(id));
      const kept = rest.length > 0 ? [{ ...g, craneIds: rest, ...(fixed.length > 0 ? { fixed } : {}) }] : [];
      return [...kept, ...own];
    }),
  }));

  // Blackouts are a rule for commissioning still to plan: the past, and commissioning already under way, are facts.
  const busy = new Map<string, Set<number>>();
  for (const f of facts) {
    const set = busy.get(f.terminalId) ?? new Set<number>();
    for (let p = f.arrivalPeriod; p < (f.fixed.inServicePeriod ?? f.arrivalPeriod); p++) set.add(p);
    busy.set(f.terminalId, set);
  }
  const ruled = terminals.map((t) => {
    const blackoutPeriods = t.blackoutPeriods.filter((p) => p >= todayPeriod && !busy.get(t.id)?.has(p));
    return blackoutPeriods.length === t.blackoutPeriods.length ? t : { ...t, blackoutPeriods };
  });

  const revised = new Map(state.budgetRevisions.map((b) => [`${b.programId}|${b.fiscalYear}`, b]));
  const budgets = problem.budgets.map((b) => {
    const r = revised.get(`${b.programId}|${b.fiscalYear}`);
    return r ? { ...b, amountCents: r.amountCents } : { ...b };
  });
  // Money already obligated leaves the program: from its fiscal year's line, the rest from the following lines.
  for (const o of obligations) {
    if (o.programId === undefined || o.fiscalYear === undefined) continue;
    const lines = budgets
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => b.programId === o.programId && b.fiscalYear >= o.fiscalYear!)
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
      terminals: ruled,
      budgets,
      suppliers: [
        ...problem.suppliers.map((s) => ({
          ...s,
          earliestContractPeriod: Math.max(s.earliestContractPeriod, todayPeriod),
        })),
        ...extraSuppliers,
      ],
    },
    todayPeriod,
    facts,
    notes,
  };
}
