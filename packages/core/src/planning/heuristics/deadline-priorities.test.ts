import { describe, expect, it } from 'vitest';
import { withCommonDeadline } from '../deadline-search.js';
import { validatePlan } from '../evaluate.js';
import { generateProblem } from '../generator.js';
import {
  DEADLINE_PRIORITY_RAISES,
  logPriorities,
  prioritiesMeetingDeadlines,
} from './deadline-priorities.js';
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
});
