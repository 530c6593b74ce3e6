import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from './plan.js';
import type { PlanningProblem } from './problem.js';
import {
  searchEarliestPeriod,
  summariseEarliestDeadline,
  withCommonDeadline,
  type DeadlineProbe,
  type EarliestDeadline,
} from './deadline-search.js';
import { validatePlan } from './evaluate.js';
import { generateProblem } from './generator.js';
import {
  completionPriorities,
  DEADLINE_OFFER_RAISES,
  logPriorities,
  prioritiesMeetingDeadlines,
} from './heuristics/deadline-priorities.js';
import { riskFirstPlan, riskFirstPriorities } from './heuristics/risk-first.js';
import { deadlineAPlanMeets } from './optimise.js';

/** Probes of a problem whose earliest deadline is `earliest`: plans from there on, impossible before `proof`. */
function probesOf(earliest: number, proof: number, undecided: ReadonlySet<number>, budget = Infinity) {
  const asked: number[] = [];
  const probe = async (p: number): Promise<DeadlineProbe['outcome'] | null> => {
    if (asked.length >= budget) return null;
    asked.push(p);
    if (undecided.has(p)) return 'undecided';
    return p >= earliest ? 'plan' : p <= proof ? 'impossible' : 'undecided';
  };
  return { asked, probe };
}

describe('searchEarliestPeriod', () => {
  it('bisects to the earliest plan when every probe is decided', async () => {
    const { asked, probe } = probesOf(83, 82, new Set());
    expect(await searchEarliestPeriod(106, probe)).toBe(83);
    expect(asked.length).toBeLessThanOrEqual(Math.ceil(Math.log2(107)) + 2);
  });

  it('proves a start that is the earliest with one more probe, the period before it', async () => {
    const { asked, probe } = probesOf(82, 81, new Set());
    expect(await searchEarliestPeriod(82, probe)).toBe(82);
    expect(asked).toEqual([82, 81]);
    // Undecided there: the periods below it are searched, and the start stays the answer.
    const holed = probesOf(82, 80, new Set([81]));
    expect(await searchEarliestPeriod(82, holed.probe)).toBe(82);
    expect(holed.asked.slice(0, 3)).toEqual([82, 81, 40]);
    // A plan there too: bisected below it.
    expect(await searchEarliestPeriod(90, probesOf(82, 81, new Set()).probe)).toBe(82);
  });

  it('searches below a probe that decided nothing (the planner found no plan in its time)', async () => {
    // The national run by 10 s a probe: 2034-09 and 2034-10 undecided, yet 2033-12 has a plan.
    const { probe } = probesOf(83, 79, new Set([92, 93]));
    expect(await searchEarliestPeriod(106, probe)).toBe(83);
  });

  it('property: never answers a period without a plan, nor later than the earliest when nothing is undecided', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 6 }),
        async (start, earliestRaw, holes) => {
          const earliest = Math.min(earliestRaw, start);
          const undecided = new Set(holes.filter((h) => h !== start));
          const { probe } = probesOf(earliest, earliest - 1, undecided);
          const found = await searchEarliestPeriod(start, probe);
          expect(found).not.toBeNull();
          expect(found!).toBeGreaterThanOrEqual(earliest);
          if (!undecided.has(found!) && ![...undecided].some((u) => u >= earliest && u < found!))
            expect(found).toBe(earliest);
        },
      ),
    );
  });

  it('stops when the probe budget is spent, keeping what it found', async () => {
    const { asked, probe } = probesOf(10, 9, new Set(), 3);
    const found = await searchEarliestPeriod(100, probe);
    // 100, 99 and 49 all have plans; the budget ends the search there.
    expect(asked).toEqual([100, 99, 49]);
    expect(found).toBe(49);
    expect(await searchEarliestPeriod(5, probesOf(10, 9, new Set()).probe)).toBeNull();
  });
});

describe('summariseEarliestDeadline', () => {
  const plan = { riskExposure: 2222.1, gap: 0.0027 } as Plan;
  const probe = (period: number, month: string, outcome: DeadlineProbe['outcome']): DeadlineProbe => ({
    period,
    month,
    outcome,
    seconds: 2,
  });
  const found = (e: Partial<EarliestDeadline>): EarliestDeadline => ({
    met: null,
    impossible: null,
    probes: [],
    ...e,
  });

  it("keeps the plan's figures, not the plan, and says exact only when the month before is proven impossible", () => {
    const exact = summariseEarliestDeadline(
      found({
        met: { period: 82, month: '2033-11', plan },
        impossible: { period: 81, month: '2033-10' },
        probes: [probe(82, '2033-11', 'plan'), probe(81, '2033-10', 'impossible')],
      }),
    );
    expect(exact).toEqual({
      earliest: { month: '2033-11', riskExposure: 2222.1, gap: 0.0027 },
      impossibleBy: '2033-10',
      exact: true,
      probes: [
        { month: '2033-11', outcome: 'plan', seconds: 2 },
        { month: '2033-10', outcome: 'impossible', seconds: 2 },
      ],
    });
    const gapBelow = found({
      met: { period: 82, month: '2033-11', plan },
      impossible: { period: 79, month: '2033-08' },
    });
    expect(summariseEarliestDeadline(gapBelow).exact).toBe(false);
    expect(summariseEarliestDeadline(found({ met: { period: 0, month: '2027-01', plan } })).exact).toBe(true);
    expect(summariseEarliestDeadline(found({ impossible: { period: 119, month: '2036-12' } }))).toMatchObject(
      {
        earliest: null,
        impossibleBy: '2036-12',
        exact: false,
      },
    );
  });
});

/** A plan meeting `due`'s deadline from either of deadlineAPlanMeets's orders, or null. */
function planOfferedFor(free: PlanningProblem, due: PlanningProblem): Plan | null {
  for (const initial of [
    completionPriorities(free, riskFirstPlan(free)),
    logPriorities(riskFirstPriorities(free)),
  ]) {
    const met = prioritiesMeetingDeadlines(due, {
      initial,
      maxSchedules: 60,
      raises: DEADLINE_OFFER_RAISES,
    });
    if (met !== null && validatePlan(due, met.plan).length === 0) return met.plan;
  }
  return null;
}

describe('deadlineAPlanMeets', () => {
  it('offers the month risk first retires every crane by, says it was not searched, and a plan meets it', () => {
    // Seeds whose risk-first plan replaces every crane (on the others it leaves some, and nothing is offered), with a
    // month known to be missed just before it: nothing earlier is tried.
    for (const seed of [2, 3, 5]) {
      const problem = generateProblem({ terminals: 4, cranes: 10, suppliers: 2, years: 10, seed });
      const completion = riskFirstPlan(problem).completionPeriod!;
      const offered = deadlineAPlanMeets(problem, completion - 1);
      expect(offered?.period).toBe(completion);
      expect(offered!.searched).toBe(false);
      expect(offered!.how).toMatch(/risk-first plan without the deadline.*not searched/);
      expect(validatePlan(withCommonDeadline(problem, completion), riskFirstPlan(problem))).toEqual([]);
      expect(validatePlan(withCommonDeadline(problem, completion - 1), riskFirstPlan(problem))).not.toEqual(
        [],
      );
    }
  });

  it('offers an earlier month when risk first meets it with the late cranes moved sooner, and a plan meets it', () => {
    for (const seed of [2, 9]) {
      const problem = generateProblem({ terminals: 6, cranes: 20, suppliers: 2, years: 10, seed });
      const completion = riskFirstPlan(problem).completionPeriod!;
      const offered = deadlineAPlanMeets(problem);
      expect(offered!.period).toBeLessThan(completion);
      expect(offered!.searched).toBe(false);
      expect(offered!.how).toMatch(/moved sooner.*not searched/);
      const due = withCommonDeadline(problem, offered!.period);
      expect(planOfferedFor(problem, due)).not.toBeNull();
      // Never below a month known to be missed.
      expect(deadlineAPlanMeets(problem, offered!.period + 1)!.period).toBeGreaterThan(offered!.period);
    }
  });

  it('offers the month the order of the longest wait meets, earlier than risk per dollar alone can', () => {
    const problem = generateProblem({
      terminals: 8,
      cranes: 30,
      suppliers: 4,
      years: 8,
      seed: 4,
      budgetScale: 3,
    });
    const offered = deadlineAPlanMeets(problem);
    expect(offered!.period).toBeLessThanOrEqual(37);
    expect(offered!.how).toMatch(/waits longest first.*moved sooner.*not searched/);
    const due = withCommonDeadline(problem, offered!.period);
    expect(planOfferedFor(problem, due)).not.toBeNull();
    expect(
      prioritiesMeetingDeadlines(due, {
        initial: logPriorities(riskFirstPriorities(problem)),
        maxSchedules: 60,
      }),
    ).toBeNull();
  });
});
