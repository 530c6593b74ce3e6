import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyPlan } from '../planning/baselines.js';
import { generateProblem } from '../planning/generator.js';
import { buildCalendar, periodDateLabel, quarterOf } from '../planning/calendar.js';
import { splitCost, validatePlan } from '../planning/evaluate.js';
import type { PlannedReplacement } from '../planning/plan.js';
import type { PlanningProblem } from '../planning/problem.js';
import { compareToBaseline } from './compare.js';
import {
  checkForecast,
  forecastRecordInput,
  trackOf,
  tracksOf,
  type StepInput,
  type StepRecord,
} from './lifecycle.js';
import { periodOfDate, problemFromActuals, type ActualProblem } from './replan.js';
import type { MilpModel } from '../planning/milp.js';
import { buildPlanningModel } from '../planning/model/build.js';
import { readSchedule, scheduleToValues } from '../planning/model/read-solution.js';

const START = '2027-01';
const COST = 1_000_000_00;
let seq = 0;
const rec = (i: StepInput): StepRecord => ({ ...i, seq: ++seq, recordedBy: 'pmo', recordedAt: '2027-01-01' });

/**
 * One terminal with six post-Panamax cranes, one supplier (lead 6, commissioning 2, one crane per quarter), money
 * to spare, no floor to speak of: only supplier capacity and crews shape the plan.
 */
function smallProblem(crews?: number): PlanningProblem {
  const periods = 48;
  return {
    startMonth: START,
    granularity: 'month',
    periods,
    calendar: buildCalendar(START, 'month', periods),
    terminals: [
      {
        id: 'T1',
        name: 'Terminal 1',
        region: 'west',
        teuPerCranePeriod: 1000,
        demand: new Array<number>(periods).fill(0),
        railSlots: 20,
        minCranesInService: 0,
        trustedCranes: 2,
        groups: [
          {
            sizeClass: 'post-panamax',
            craneIds: ['A', 'B', 'C', 'D', 'E', 'F'],
            riskPerCranePeriod: 1,
          },
        ],
        blackoutPeriods: [],
        fundingProgramIds: ['P'],
      },
    ],
    suppliers: [
      {
        id: 'S',
        name: 'Supplier S',
        trusted: true,
        leadTimePeriods: 6,
        deliveryMode: 'fully-erected',
        commissioningPeriods: 2,
        offers: [{ sizeClass: 'post-panamax', unitCostCents: COST, capacityPerQuarter: 1 }],
        earliestContractPeriod: 0,
      },
    ],
    budgets: [2027, 2028, 2029, 2030, 2031].map((fiscalYear) => ({
      programId: 'P',
      fiscalYear,
      amountCents: 10 * COST,
      carryOver: true,
      localShare: 0.2,
    })),
    crewRegions: crews === undefined ? [] : [{ region: 'west', simultaneousCommissionings: crews }],
    options: { timeLimitSeconds: 5, mipGap: 0.005, softFloor: false, shortfallPenaltyPerTeu: 0 },
  };
}

const period = (date: string) => periodOfDate(START, 'month', date);
const quarter = (p: number) => quarterOf(p, 'month');

describe('recorded cranes use their real supplier’s capacity', () => {
  it('a quarter full of recorded arrivals gets no new arrival from that supplier, and validatePlan counts them', () => {
    const problem = smallProblem();
    const baseline = greedyPlan(problem);
    expect(validatePlan(problem, baseline)).toEqual([]);
    const today = '2027-04-15';
    // Two contracts signed this month: both can arrive no earlier than contract + 6, in the same quarter.
    const records = [
      rec({ craneId: 'A', event: 'contracted', date: '2027-04-01', supplierId: 'S', amountCents: COST }),
      rec({ craneId: 'B', event: 'contracted', date: '2027-04-02', supplierId: 'S' }),
    ];
    const actual = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(records),
      budgetRevisions: [],
      today,
    });
    expect(actual.notes).toEqual([]);
    const full = quarter(period(today) + 6);
    expect(actual.facts.map((f) => [f.craneId, f.fixed.supplierId, quarter(f.arrivalPeriod)])).toEqual([
      ['A', 'S', full],
      ['B', 'S', full],
    ]);
    // The facts stay in the cranes' real group and on the real supplier: no supplier of their own.
    expect(actual.problem.suppliers.map((s) => s.id)).toEqual(['S']);
    expect(actual.problem.terminals[0]!.groups).toHaveLength(1);

    const replan = greedyPlan(actual.problem);
    // Two facts over a capacity of one: facts alone break nothing.
    expect(validatePlan(actual.problem, replan)).toEqual([]);
    const planned = replan.replacements.filter((r) => r.craneId !== 'A' && r.craneId !== 'B');
    expect(planned).toHaveLength(4);
    for (const r of planned) {
      expect(r.supplierId).toBe('S');
      expect(quarter(r.arrivalPeriod)).not.toBe(full);
    }
    // One crane per quarter after the full one, as the capacity says.
    expect(new Set(planned.map((r) => quarter(r.arrivalPeriod))).size).toBe(4);

    // A planned crane moved into the full quarter is over capacity, and the count includes the recorded two.
    const c = planned[0]!;
    const a = period(today) + 6;
    const moved: PlannedReplacement = {
      ...c,
      contractPeriod: period(today),
      arrivalPeriod: a,
      inServicePeriod: a + 2,
      retirePeriod: a + 2,
    };
    const issues = validatePlan(actual.problem, {
      replacements: replan.replacements.map((r) => (r === c ? moved : r)),
    });
    expect(issues.filter((i) => i.code === 'plan/supplier-capacity').map((i) => i.message)).toEqual([
      `S delivers 3 post-panamax cranes in quarter ${full}, capacity 1`,
    ]);
  });

  it('takes the money already obligated from the appropriation of the contract’s fiscal year', () => {
    const problem = smallProblem();
    const baseline = greedyPlan(problem);
    const records = [
      rec({ craneId: 'A', event: 'contracted', date: '2027-11-03', supplierId: 'S', amountCents: 3 * COST }),
    ];
    const actual = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(records),
      budgetRevisions: [],
      today: '2027-12-01',
    });
    const fy = (p: PlanningProblem, y: number) => p.budgets.find((b) => b.fiscalYear === y)!.amountCents;
    // 2027-11 is in FY2028; the federal share of the recorded amount leaves that line.
    expect(fy(actual.problem, 2028)).toBe(fy(problem, 2028) - splitCost(3 * COST, 0.2).federal);
    expect(fy(actual.problem, 2027)).toBe(fy(problem, 2027));
    const replan = greedyPlan(actual.problem);
    expect(validatePlan(actual.problem, replan)).toEqual([]);
    expect(replan.replacements.find((r) => r.craneId === 'A')?.costCents).toBe(0);
  });
});

describe('crews in the re-plan', () => {
  it('do not apply to the past: two cranes commissioned at once with one crew are facts, not a violation', () => {
    const problem = smallProblem(1);
    const baseline = greedyPlan(problem);
    expect(validatePlan(problem, baseline)).toEqual([]);
    const records = [
      rec({ craneId: 'A', event: 'contracted', date: '2027-01-10', supplierId: 'S' }),
      rec({ craneId: 'B', event: 'contracted', date: '2027-01-12', supplierId: 'S' }),
      rec({ craneId: 'A', event: 'delivered', date: '2027-08-10' }),
      rec({ craneId: 'B', event: 'delivered', date: '2027-08-20' }),
      rec({ craneId: 'B', event: 'commissioned', date: '2027-10-20' }),
      rec({ craneId: 'A', event: 'commissioned', date: '2027-11-10' }),
    ];
    const today = '2028-06-15';
    const actual = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(records),
      budgetRevisions: [],
      today,
    });
    const replan = greedyPlan(actual.problem);
    // In August and September 2027 two cranes were in commissioning with one crew: that is what happened.
    expect(validatePlan(actual.problem, replan)).toEqual([]);
    for (const r of replan.replacements)
      if (r.craneId !== 'A' && r.craneId !== 'B')
        expect(r.arrivalPeriod).toBeGreaterThanOrEqual(actual.todayPeriod);

    // From today on the crews still bind planned cranes: two commissioning at once is refused.
    const [c, d] = replan.replacements.filter((r) => r.craneId === 'C' || r.craneId === 'D');
    const shifted: PlannedReplacement = {
      ...d!,
      contractPeriod: c!.contractPeriod,
      arrivalPeriod: c!.arrivalPeriod,
      inServicePeriod: c!.inServicePeriod,
      retirePeriod: c!.retirePeriod,
    };
    const issues = validatePlan(actual.problem, {
      replacements: replan.replacements.map((r) => (r === d ? shifted : r)),
    });
    expect(issues.map((i) => i.code)).toContain('plan/crews');
  });
});

describe('supplier delivery forecasts', () => {
  const contracted = rec({ craneId: 'A', event: 'contracted', date: '2027-02-10', supplierId: 'S' });

  it('are checked: a contract first, a reason, a date from today on, nothing once delivered', () => {
    const codes = (records: StepRecord[], arrivalDate: string, reason = 'crane ship delayed') => {
      const r = checkForecast(trackOf('A', records), { craneId: 'A', arrivalDate, reason }, '2027-06-15');
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes([contracted], '2028-08-01')).toEqual([]);
    expect(codes([], '2028-08-01')).toEqual(['track/step']);
    expect(codes([contracted], '2027-06-14')).toEqual(['track/arrival']);
    expect(codes([contracted], '2028-02-30')).toEqual(['track/arrival']);
    expect(codes([contracted], '2028-08-01', '  ')).toEqual(['track/reason']);
    const delivered = rec({ craneId: 'A', event: 'delivered', date: '2027-06-01' });
    expect(codes([contracted, delivered], '2028-08-01')).toEqual(['track/step']);
  });

  it('set the arrival in the re-plan and show as forecast slippage, apart from actual slippage', () => {
    const problem = smallProblem();
    const baseline = greedyPlan(problem);
    const base = baseline.replacements.find((r) => r.craneId === 'A')!;
    const forecast = rec(
      forecastRecordInput({
        craneId: 'A',
        arrivalDate: '2028-08-01',
        reason: 'supplier letter: gearbox recall',
        evidence: 'letter S-2027-114',
      }),
    );
    const records = [contracted, forecast];
    const today = '2027-06-15';
    const actual = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(records),
      budgetRevisions: [],
      today,
    });
    const fact = actual.facts.find((f) => f.craneId === 'A')!;
    expect(fact.arrivalBasis).toBe('forecast');
    expect(fact.arrivalPeriod).toBe(period('2028-08-01'));
    const replan = greedyPlan(actual.problem);
    expect(validatePlan(actual.problem, replan)).toEqual([]);
    const a = replan.replacements.find((r) => r.craneId === 'A')!;
    expect([a.arrivalPeriod, a.inServicePeriod]).toEqual([period('2028-08-01'), period('2028-08-01') + 2]);

    const cmp = compareToBaseline(problem, baseline, replan, tracksOf(records), today);
    const crane = cmp.cranes.find((c) => c.craneId === 'A')!;
    expect(crane.source).toBe('forecast');
    expect(crane.forecastSlipPeriods).toBe(period('2028-08-01') - base.arrivalPeriod);
    expect(crane.deliverySlipPeriods).toBeNull();
    expect(cmp.forecasts).toEqual([
      expect.objectContaining({
        craneId: 'A',
        arrivalDate: '2028-08-01',
        slipPeriods: period('2028-08-01') - base.arrivalPeriod,
        reason: 'supplier letter: gearbox recall',
        evidence: 'letter S-2027-114',
        recordedBy: 'pmo',
      }),
    ]);
    expect(cmp.terminals[0]!.forecastLate).toBe(1);

    // Once delivered, the delivery is the fact: actual slippage, and the forecast no longer applies.
    const delivered = rec({ craneId: 'A', event: 'delivered', date: '2028-09-03' });
    const later = [...records, delivered];
    const after = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(later),
      budgetRevisions: [],
      today: '2028-09-10',
    });
    expect(after.facts[0]!.arrivalBasis).toBe('delivered');
    const cmp2 = compareToBaseline(
      problem,
      baseline,
      greedyPlan(after.problem),
      tracksOf(later),
      '2028-09-10',
    );
    const c2 = cmp2.cranes.find((c) => c.craneId === 'A')!;
    expect([c2.deliverySlipPeriods, c2.forecastSlipPeriods, c2.source]).toEqual([
      period('2028-09-03') - base.arrivalPeriod,
      null,
      'replanned',
    ]);
    expect(cmp2.forecasts).toEqual([]);
  });
});

/** Names of the model's rows (those `checked` picks) that a point breaks. */
const rowsBroken = (
  model: MilpModel,
  values: readonly number[],
  checked: (name: string) => boolean,
): string[] =>
  model.rows
    .filter((row) => {
      if (!checked(row.name)) return false;
      const a = row.indices.reduce((sum, j, q) => sum + (row.values[q] ?? 0) * (values[j] ?? 0), 0);
      return a < row.lower - 1e-6 || a > row.upper + 1e-6;
    })
    .map((row) => row.name);

/** Each fact read back from the model as recorded: contract, arrival, cost, and no retirement before retireFrom. */
function expectFactsReadAsRecorded(actual: ActualProblem, schedule: readonly PlannedReplacement[]) {
  const read = new Map(schedule.map((r) => [r.craneId, r]));
  for (const f of actual.facts) {
    const r = read.get(f.craneId)!;
    expect([r.contractPeriod, r.arrivalPeriod, r.costCents]).toEqual([
      f.fixed.contractPeriod,
      f.arrivalPeriod,
      f.fixed.costCents,
    ]);
    if (f.fixed.retireFrom !== undefined && f.fixed.retirePeriod === undefined)
      expect(r.retirePeriod).toBeGreaterThanOrEqual(f.fixed.retireFrom);
  }
  return read;
}

describe('the MILP model reads the facts as recorded', () => {
  it('holds the greedy re-plan of an actual problem as a point, and reads it back with each fact as recorded', () => {
    const problem = smallProblem(1);
    const baseline = greedyPlan(problem);
    const records = [
      // Delivered two months early, and contracted for more than the offer.
      rec({ craneId: 'A', event: 'contracted', date: '2027-03-10', supplierId: 'S', amountCents: 2 * COST }),
      rec({ craneId: 'A', event: 'delivered', date: '2027-07-10' }),
      // Contracted, with a forecast of a late delivery.
      rec({ craneId: 'B', event: 'contracted', date: '2027-03-10', supplierId: 'S' }),
      rec(forecastRecordInput({ craneId: 'B', arrivalDate: '2028-05-01', reason: 'strike' })),
      // Delivered four months after a contract in the horizon's first month: sooner than the lead time.
      rec({ craneId: 'C', event: 'contracted', date: '2027-01-05', supplierId: 'S' }),
      rec({ craneId: 'C', event: 'delivered', date: '2027-05-10' }),
    ];
    const actual = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(records),
      budgetRevisions: [],
      today: '2027-07-15',
    });
    expect(actual.notes).toEqual([]);
    const replan = greedyPlan(actual.problem);
    expect(validatePlan(actual.problem, replan)).toEqual([]);
    const { model, index } = buildPlanningModel(actual.problem);
    const values = scheduleToValues(actual.problem, index, model.columns.length, replan.replacements)!;
    expect(values).not.toBeNull();
    // Every row but the budget's (their fund columns are the solver's to complete) holds at the re-plan.
    expect(rowsBroken(model, values, (name) => !/^(fund|budget)/.test(name))).toEqual([]);
    const read = expectFactsReadAsRecorded(actual, readSchedule(actual.problem, index, values));
    expect(read.get('C')!.arrivalPeriod).toBe(period('2027-05-10'));
    // A's old crane may not go before today in the model either: the rows cap retirements before it.
    const a = index.groups.find((g) => g.group.fixed?.some((f) => f.craneId === 'C'))!;
    const early = [...values];
    early[a.retireCols[actual.todayPeriod - 1]!] = a.size;
    const stillHolds = model.rows
      .filter((row) => row.name.startsWith('RleC_'))
      .every((row) => {
        const v = row.indices.reduce((sum, j, q) => sum + (row.values[q] ?? 0) * (early[j] ?? 0), 0);
        return v <= row.upper + 1e-6;
      });
    expect(stillHolds).toBe(false);
  });
});

describe('re-plans of random histories (property)', () => {
  it('hold every fact and never give planned cranes a supplier slot or a crew the facts use', () => {
    const dateOf = (p: number) => `${periodDateLabel(START, 'month', p).slice(0, 7)}-15`;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 8, max: 40 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(2), fc.nat(6)), { minLength: 40, maxLength: 40 }),
        (seed, todayPeriod, draws) => {
          const problem = generateProblem({ terminals: 4, cranes: 20, suppliers: 2, years: 8, seed });
          const baseline = greedyPlan(problem);
          const records: StepRecord[] = [];
          const byContract = [...baseline.replacements].sort((a, b) => a.contractPeriod - b.contractPeriod);
          byContract.forEach((r, i) => {
            const [early, kind, late] = draws[i % draws.length]!;
            const c = r.contractPeriod - early;
            if (c < 0 || c >= todayPeriod) return;
            const lead = problem.suppliers.find((s) => s.id === r.supplierId)!.leadTimePeriods;
            records.push(
              rec({ craneId: r.craneId, event: 'contracted', date: dateOf(c), supplierId: r.supplierId }),
            );
            const arrival = c + lead - 2 + late;
            if (kind === 1 && arrival < todayPeriod)
              records.push(rec({ craneId: r.craneId, event: 'delivered', date: dateOf(arrival) }));
            if (kind === 2)
              records.push(
                rec(
                  forecastRecordInput({
                    craneId: r.craneId,
                    arrivalDate: dateOf(Math.max(arrival, todayPeriod)),
                    reason: 'r',
                  }),
                ),
              );
          });
          const actual = problemFromActuals({
            problem,
            baseline,
            tracks: tracksOf(records),
            budgetRevisions: [],
            today: dateOf(todayPeriod),
          });
          const plan = greedyPlan(actual.problem);
          const facts = new Map(actual.facts.map((f) => [f.craneId, f]));
          const kinds = new Set(validatePlan(actual.problem, plan).map((i) => i.code));
          // Rail slots are not here: a random history may put more cranes on the quay than slots (a known limit).
          for (const code of [
            'plan/fixed',
            'plan/supplier-capacity',
            'plan/crews',
            'plan/lead-time',
            'plan/cost',
            'plan/earliest-contract',
            'plan/blackout',
            'plan/budget',
          ])
            expect(kinds.has(code), code).toBe(false);
          for (const f of actual.facts) {
            const r = plan.replacements.find((x) => x.craneId === f.craneId)!;
            expect([r.supplierId, r.contractPeriod, r.arrivalPeriod]).toEqual([
              f.fixed.supplierId,
              f.fixed.contractPeriod,
              f.arrivalPeriod,
            ]);
          }
          // Per supplier, class and quarter: planned arrivals fit in what the facts leave.
          const use = new Map<string, { facts: number; planned: number; cap: number }>();
          for (const r of plan.replacements) {
            const key = `${r.supplierId}|${r.sizeClass}|${quarter(r.arrivalPeriod)}`;
            const cap = actual.problem.suppliers
              .find((s) => s.id === r.supplierId)!
              .offers.find((o) => o.sizeClass === r.sizeClass)!.capacityPerQuarter;
            const u = use.get(key) ?? { facts: 0, planned: 0, cap };
            if (facts.has(r.craneId)) u.facts++;
            else u.planned++;
            use.set(key, u);
          }
          for (const [key, u] of use)
            expect(u.planned, key).toBeLessThanOrEqual(Math.max(0, u.cap - u.facts));
          // The MILP model reads the facts the same way: the re-plan is a point of its supplier, crew, retirement and
          // whole-crane funding rows (a MIP start), and reads back with every fact as recorded.
          const { model, index } = buildPlanningModel(actual.problem);
          const values = scheduleToValues(actual.problem, index, model.columns.length, plan.replacements);
          expect(values).not.toBeNull();
          expect(
            rowsBroken(model, values!, (name) => /^(supply|crew|RleC|Rmono|Cmono|Ctot|fundn)_/.test(name)),
          ).toEqual([]);
          expectFactsReadAsRecorded(actual, readSchedule(actual.problem, index, values!));
        },
      ),
      { numRuns: 40 },
    );
  });
});
