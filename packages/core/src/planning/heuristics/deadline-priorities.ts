import { riskExposureOf } from '../evaluate.js';
import type { Plan } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import {
  riskFirstPlan,
  riskFirstPriorities,
  riskFirstSchedule,
  type PreferredSuppliers,
} from './risk-first.js';

/**
 * The raises tried in turn, each a share of the spread of the starting priorities, until one meets every deadline.
 * National set, every crane due by 2034-09, from the exact LP's order (priorities in months): 0.05 a plan after 29
 * schedules that the windows took to 2,204.6 (0.50%), 0.1 after 18 schedules 2,210.9 (0.78%), and raising a late
 * crane to the front 2,229.2 (1.60%); due by 2033-11 (the earliest possible), 0.02 found none in 195 schedules, 0.05
 * one after 148. From risk per dollar (its logarithm), 0.05 met 2034-09 and later, 0.1 2034-03 and later.
 */
export const DEADLINE_PRIORITY_RAISES = [0.05, 0.1, 0.2] as const;

/**
 * The raises tried when only meeting a common deadline matters, not the plan's risk (the deadline offered with an
 * infeasible one, `deadlineAPlanMeets`): larger, since the first raises that meet a tight deadline move few cranes.
 * Over the national set and 21 generated problems (40–200 cranes, the earliest month bisected from each order with 60
 * schedules a month), from completionPriorities then risk per dollar these gave the earliest month on all 22 (sum of
 * months 1,022), DEADLINE_PRIORITY_RAISES on 11 of them from risk per dollar alone (1,064) and on 20 from both (1,027).
 */
export const DEADLINE_OFFER_RAISES = [0.1, 0.2, 0.4] as const;

export interface PrioritiesMeetingDeadlines {
  readonly plan: Plan;
  readonly priorities: ReadonlyMap<string, number>;
  /** Schedules built, the last one `plan`. */
  readonly schedules: number;
  /** The raise that met the deadlines (see DEADLINE_PRIORITY_RAISES). */
  readonly raise: number;
}

/** What raising late cranes gave: the priorities that met every deadline, or else the ones that came closest. */
export interface LateCranesRaised {
  readonly met: PrioritiesMeetingDeadlines | null;
  /**
   * When none met them: the schedule's priorities that missed the fewest terminals' deadlines, the least risky of
   * those (a repair's start: national set, every crane by 2033-11, the LP's order misses 3 terminals' deadlines and
   * its second raised schedule 2, less riskily, 2,267.4 against 2,273.1, whose ±16 repair took 8.1 s against 12.8 s).
   */
  readonly closest: {
    readonly priorities: ReadonlyMap<string, number>;
    readonly terminalsMissing: number;
  } | null;
}

/**
 * Priorities under which risk first retires every crane by its terminal's deadline ("squeaky wheel"): from
 * `initial`, every crane that misses its deadline (left unreplaced, or retired after it) has its priority raised
 * and the cranes are scheduled again. A raise is a share of the spread of `initial`, so the priorities must be in a
 * scale where adding means "sooner" evenly: months for an LP's order, the logarithm of risk per dollar
 * (`logPriorities`). Each of `raises` (default DEADLINE_PRIORITY_RAISES), smallest first, gets an equal part of
 * `maxSchedules`.
 */
export function raiseLateCranes(
  problem: PlanningProblem,
  options: {
    readonly initial: ReadonlyMap<string, number>;
    readonly suppliers?: PreferredSuppliers;
    readonly maxSchedules: number;
    /** Default DEADLINE_PRIORITY_RAISES. */
    readonly raises?: readonly number[];
  },
): LateCranesRaised {
  const due = new Map<string, { readonly terminal: string; readonly deadline: number }>();
  for (const t of problem.terminals)
    if (t.deadlinePeriod !== undefined)
      for (const g of t.groups)
        for (const id of g.craneIds) due.set(id, { terminal: t.id, deadline: t.deadlinePeriod });
  const values = [...options.initial.values()];
  const spread = values.length > 0 ? Math.max(...values) - Math.min(...values) : 0;
  const raises = options.raises ?? DEADLINE_PRIORITY_RAISES;
  const perRaise = Math.max(1, Math.floor(options.maxSchedules / raises.length));
  let schedules = 0;
  let closest: (NonNullable<LateCranesRaised['closest']> & { readonly risk: number }) | null = null;
  for (const share of raises) {
    const raise = spread > 0 ? share * spread : share;
    let priorities = options.initial;
    for (let i = 0; i < perRaise; i++) {
      schedules++;
      // The bare schedule: the whole plan (capacity, spend, risk curve) only for the one returned.
      const { replacements } = riskFirstSchedule(problem, priorities, options.suppliers);
      const retired = new Map(replacements.map((r) => [r.craneId, r.retirePeriod]));
      const late = [...due].filter(([id, { deadline }]) => (retired.get(id) ?? Infinity) > deadline);
      if (late.length === 0) {
        const plan = riskFirstPlan(problem, {
          priorities,
          ...(options.suppliers !== undefined ? { suppliers: options.suppliers } : {}),
        });
        return { met: { plan, priorities, schedules, raise: share }, closest: null };
      }
      const terminalsMissing = new Set(late.map(([, { terminal }]) => terminal)).size;
      if (closest === null || terminalsMissing <= closest.terminalsMissing) {
        const risk = riskExposureOf(problem, replacements);
        if (closest === null || terminalsMissing < closest.terminalsMissing || risk < closest.risk - 1e-9)
          closest = { priorities, terminalsMissing, risk };
      }
      const raised = new Map(priorities);
      for (const [id] of late) raised.set(id, (raised.get(id) ?? 0) + raise);
      priorities = raised;
    }
  }
  return {
    met: null,
    closest:
      closest === null
        ? null
        : { priorities: closest.priorities, terminalsMissing: closest.terminalsMissing },
  };
}

/** raiseLateCranes's priorities that meet every deadline, or null when none of its schedules did. */
export const prioritiesMeetingDeadlines = (
  problem: PlanningProblem,
  options: Parameters<typeof raiseLateCranes>[1],
): PrioritiesMeetingDeadlines | null => raiseLateCranes(problem, options).met;

/**
 * Priorities for one common deadline, in months: how long `plan` (one without deadlines) keeps each old crane in
 * service after its contract, so that the cranes whose retirement waits for their replacement's commissioning (at
 * terminals with no spare crane) are contracted first, and those that can retire at contract last: the earliest
 * contract due date first. Risk per dollar orders the cranes that wait as long, within one month. Cranes `plan`
 * leaves unreplaced wait 0. National set, raised by DEADLINE_OFFER_RAISES: every crane by 2033-11, the earliest
 * month possible, met in 47 schedules, where raising risk per dollar's order meets 2034-11 at the earliest.
 */
export function completionPriorities(problem: PlanningProblem, plan: Plan): Map<string, number> {
  const riskPerDollar = logPriorities(riskFirstPriorities(problem));
  const values = [...riskPerDollar.values()];
  const low = Math.min(...values);
  const span = Math.max(...values) - low;
  const waits = new Map(plan.replacements.map((r) => [r.craneId, r.retirePeriod - r.contractPeriod]));
  return new Map(
    [...riskPerDollar].map(([id, p]) => [id, (waits.get(id) ?? 0) + (span > 0 ? (p - low) / span : 0)]),
  );
}

/** Positive priorities as their logarithms: the same order, in which a raise multiplies. */
export function logPriorities(priorities: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...priorities].map(([id, p]) => [id, Math.log(Math.max(p, Number.MIN_VALUE))]));
}
