import { describe, expect, it } from 'vitest';
import { withCommonDeadline } from '../deadline-search.js';
import { validatePlan } from '../evaluate.js';
import { generateProblem } from '../generator.js';
import {
  completionPriorities,
  DEADLINE_OFFER_RAISES,
  DEADLINE_PRIORITY_RAISES,
  logPriorities,
  prioritiesMeetingDeadlines,
  raiseLateCranes,
} from './deadline-priorities.js';
import { terminalsMissingDeadlines } from '../model/window-search.js';
import { riskFirstPlan, riskFirstPriorities } from './risk-first.js';

/** 6 terminals, 20 cranes: risk first retires the last crane 2–4 months later than raised orders can. */
const problemOf = (seed: number) =>
  generateProblem({ terminals: 6, cranes: 20, suppliers: 2, years: 10, seed });

describe('prioritiesMeetingDeadlines', () => {
  it('moves the cranes that miss a deadline sooner until risk first meets every deadline, keeping every rule', () => {
    for (const seed of [2, 3, 9]) {
      const free = problemOf(seed);
      const completion = riskFirstPlan(free).completionPeriod;
      expect(completion).not.toBeNull();
      const due = withCommonDeadline(free, completion! - 4);
      // Risk first in its own order misses the deadline: the raises are what meet it.
      expect(validatePlan(due, riskFirstPlan(due))).not.toEqual([]);
      const initial = logPriorities(riskFirstPriorities(due));
      const met = prioritiesMeetingDeadlines(due, { initial, maxSchedules: 60 });
      expect(met).not.toBeNull();
      expect(validatePlan(due, met!.plan)).toEqual([]);
      expect(met!.plan.replacements).toHaveLength(20);
      expect(met!.schedules).toBeGreaterThan(1);
      expect(DEADLINE_PRIORITY_RAISES).toContain(met!.raise);
      // The plan is risk first's in the raised order, and only late cranes were raised.
      expect(riskFirstPlan(due, { priorities: met!.priorities }).replacements).toEqual(
        met!.plan.replacements,
      );
      for (const [id, p] of met!.priorities) expect(p).toBeGreaterThanOrEqual(initial.get(id)!);
      expect([...met!.priorities].some(([id, p]) => p > initial.get(id)!)).toBe(true);
      // The same input gives the same plan.
      expect(prioritiesMeetingDeadlines(due, { initial, maxSchedules: 60 })).toEqual(met);
    }
  });

  it('gives up after its schedules when no order meets the deadline', () => {
    const due = withCommonDeadline(problemOf(2), 1);
    expect(
      prioritiesMeetingDeadlines(due, { initial: riskFirstPriorities(due), maxSchedules: 9 }),
    ).toBeNull();
  });

  it('takes priorities as logarithms so that a raise multiplies risk per dollar, in the same order', () => {
    const problem = problemOf(2);
    const priorities = riskFirstPriorities(problem);
    const logs = logPriorities(priorities);
    expect(riskFirstPlan(problem, { priorities: logs }).replacements).toEqual(
      riskFirstPlan(problem, { priorities }).replacements,
    );
    for (const [id, p] of priorities) expect(Math.exp(logs.get(id)!)).toBeCloseTo(p, 9);
  });

  it('when none meets the deadlines, keeps the raised order missing the fewest terminals, the least risky of those', () => {
    const free = problemOf(2);
    // 18 months before risk first's completion: 30 schedules meet nothing; risk first misses 2 terminals' deadlines.
    const due = withCommonDeadline(free, riskFirstPlan(free).completionPeriod! - 18);
    const initial = logPriorities(riskFirstPriorities(due));
    const raised = raiseLateCranes(due, { initial, maxSchedules: 30 });
    expect(raised.met).toBeNull();
    const closest = raised.closest!;
    const missing = (priorities: ReadonlyMap<string, number>) =>
      terminalsMissingDeadlines(due, riskFirstPlan(due, { priorities }).replacements).size;
    expect(missing(closest.priorities)).toBe(closest.terminalsMissing);
    // No schedule the raises built misses fewer: replayed here, raise by raise.
    const values = [...initial.values()];
    const spread = Math.max(...values) - Math.min(...values);
    let fewest = Infinity;
    for (const share of DEADLINE_PRIORITY_RAISES) {
      let priorities: ReadonlyMap<string, number> = initial;
      for (let i = 0; i < 10; i++) {
        fewest = Math.min(fewest, missing(priorities));
        const plan = riskFirstPlan(due, { priorities });
        const retired = new Map(plan.replacements.map((r) => [r.craneId, r.retirePeriod]));
        const next = new Map(priorities);
        for (const id of priorities.keys())
          if ((retired.get(id) ?? Infinity) > due.terminals[0]!.deadlinePeriod!)
            next.set(id, next.get(id)! + share * spread);
        priorities = next;
      }
    }
    expect(closest.terminalsMissing).toBe(fewest);
    expect(closest.terminalsMissing).toBeLessThan(missing(initial));
    // A met deadline has no closest.
    const met = raiseLateCranes(withCommonDeadline(free, riskFirstPlan(free).completionPeriod!), {
      initial,
      maxSchedules: 30,
    });
    expect(met.met).not.toBeNull();
    expect(met.closest).toBeNull();
  });

  it('takes its raises from the caller', () => {
    const free = problemOf(2);
    const due = withCommonDeadline(free, riskFirstPlan(free).completionPeriod! - 4);
    const initial = logPriorities(riskFirstPriorities(due));
    const met = prioritiesMeetingDeadlines(due, { initial, maxSchedules: 60, raises: [0.4] });
    expect(met?.raise).toBe(0.4);
    expect(validatePlan(due, met!.plan)).toEqual([]);
  });
});

describe('completionPriorities', () => {
  it('puts the cranes whose retirement waits longest after contract first, risk per dollar within a month', () => {
    const free = problemOf(2);
    const plan = riskFirstPlan(free);
    const priorities = completionPriorities(free, plan);
    const riskPerDollar = riskFirstPriorities(free);
    const waits = new Map(plan.replacements.map((r) => [r.craneId, r.retirePeriod - r.contractPeriod]));
    expect(new Set(waits.values()).size).toBeGreaterThan(1);
    for (const [a, pa] of priorities) {
      expect(pa - waits.get(a)!).toBeGreaterThanOrEqual(0);
      expect(pa - waits.get(a)!).toBeLessThanOrEqual(1);
      for (const [b, pb] of priorities) {
        if (waits.get(a)! > waits.get(b)!) expect(pa).toBeGreaterThan(pb);
        if (waits.get(a) === waits.get(b) && riskPerDollar.get(a)! > riskPerDollar.get(b)!)
          expect(pa).toBeGreaterThan(pb);
      }
    }
  });

  it('meets a common deadline that raising risk per dollar order does not', () => {
    // 8 terminals, 30 cranes with budget to spare: risk first retires the last crane in month 49; by month 37 only
    // the order of the longest wait meets it (the deadline deadlineAPlanMeets offers here).
    const free = generateProblem({
      terminals: 8,
      cranes: 30,
      suppliers: 4,
      years: 8,
      seed: 4,
      budgetScale: 3,
    });
    const plan = riskFirstPlan(free);
    const due = withCommonDeadline(free, 37);
    const fromRiskPerDollar = (raises: readonly number[]) =>
      prioritiesMeetingDeadlines(due, {
        initial: logPriorities(riskFirstPriorities(free)),
        maxSchedules: 60,
        raises,
      });
    expect(fromRiskPerDollar(DEADLINE_PRIORITY_RAISES)).toBeNull();
    expect(fromRiskPerDollar(DEADLINE_OFFER_RAISES)).toBeNull();
    const met = prioritiesMeetingDeadlines(due, {
      initial: completionPriorities(free, plan),
      maxSchedules: 60,
      raises: DEADLINE_OFFER_RAISES,
    });
    expect(met).not.toBeNull();
    expect(validatePlan(due, met!.plan)).toEqual([]);
    expect(met!.plan.replacements).toHaveLength(30);
  });
});
