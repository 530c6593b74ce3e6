import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import { evaluateSchedule, validatePlan } from './evaluate.js';
import type { PlannedReplacement } from './plan.js';
import type { PlanningProblem, PlanningTerminal } from './problem.js';

// One terminal: 1 trusted + 3 untrusted cranes of 100 TEU/period against demand 250, so one crane may be out.
const terminal: PlanningTerminal = {
  id: 'T1',
  name: 'Terminal 1',
  region: 'west',
  teuPerCranePeriod: 100,
  demand: Array.from({ length: 24 }, () => 250),
  railSlots: 5,
  minCranesInService: 2,
  trustedCranes: 1,
  groups: [{ sizeClass: 'post-panamax', craneIds: ['A1', 'A2', 'A3'], riskPerCranePeriod: 1 }],
  blackoutPeriods: [],
  fundingProgramIds: ['P'],
};

const base: PlanningProblem = {
  startMonth: '2027-01',
  granularity: 'month',
  periods: 24,
  calendar: buildCalendar('2027-01', 'month', 24),
  terminals: [terminal],
  suppliers: [
    {
      id: 'S1',
      name: 'Trusted',
      trusted: true,
      leadTimePeriods: 2,
      deliveryMode: 'fully-erected',
      commissioningPeriods: 1,
      offers: [{ sizeClass: 'post-panamax', unitCostCents: 1000, capacityPerQuarter: 2 }],
      earliestContractPeriod: 0,
    },
    {
      id: 'S2',
      name: 'Untrusted',
      trusted: false,
      leadTimePeriods: 1,
      deliveryMode: 'fully-erected',
      commissioningPeriods: 1,
      offers: [{ sizeClass: 'post-panamax', unitCostCents: 500, capacityPerQuarter: 9 }],
      earliestContractPeriod: 0,
    },
    {
      id: 'S3',
      name: 'Small cranes only',
      trusted: true,
      leadTimePeriods: 1,
      deliveryMode: 'fully-erected',
      commissioningPeriods: 1,
      offers: [{ sizeClass: 'panamax', unitCostCents: 800, capacityPerQuarter: 9 }],
      earliestContractPeriod: 0,
    },
  ],
  budgets: [
    { programId: 'P', fiscalYear: 2027, amountCents: 2000, carryOver: true, localShare: 0.5 },
    { programId: 'P', fiscalYear: 2028, amountCents: 500, carryOver: true, localShare: 0.5 },
  ],
  crewRegions: [{ region: 'west', simultaneousCommissionings: 1 }],
  options: { timeLimitSeconds: 1, mipGap: 0, softFloor: false, shortfallPenaltyPerTeu: 0.01 },
};

const rep = (craneId: string, c: number, over: Partial<PlannedReplacement> = {}): PlannedReplacement => ({
  craneId,
  terminalId: 'T1',
  sizeClass: 'post-panamax',
  supplierId: 'S1',
  contractPeriod: c,
  arrivalPeriod: c + 2,
  inServicePeriod: c + 3,
  retirePeriod: c + 3,
  costCents: 1000,
  ...over,
});

const good = [rep('A1', 0), rep('A2', 1), rep('A3', 2)];
const withTerminal = (over: Partial<PlanningTerminal>): PlanningProblem => ({
  ...base,
  terminals: [{ ...terminal, ...over }],
});
const codes = (p: PlanningProblem, reps: readonly PlannedReplacement[]) =>
  [...new Set(validatePlan(p, { replacements: reps }).map((i) => i.code))].sort();

describe('evaluateSchedule', () => {
  it('computes capacity, spend with carry-over, risk burn-down and completion', () => {
    const plan = evaluateSchedule(base, good, { name: 'x', method: 'user' });
    expect(plan.riskByPeriod.slice(0, 7)).toEqual([3, 3, 3, 2, 1, 0, 0]);
    expect(plan.riskExposure).toBe(12);
    expect(plan.objective).toBe(12);
    expect(plan.completionPeriod).toBe(5);
    expect(plan.totalCostCents).toBe(3000);
    const p4 = plan.capacity.find((c) => c.period === 4)!;
    expect(p4).toMatchObject({
      cranesInService: 4,
      untrustedInService: 1,
      capacity: 400,
      demand: 250,
      shortfall: 0,
    });
    expect(plan.spend).toEqual([
      { programId: 'P', fiscalYear: 2027, federalCents: 1500, localCents: 1500, availableCents: 2000 },
      { programId: 'P', fiscalYear: 2028, federalCents: 0, localCents: 0, availableCents: 1000 },
    ]);
    expect(plan.replacements.every((r) => r.programId === 'P')).toBe(true);
  });

  it('reports shortfall and prices it in soft-floor mode', () => {
    const soft = { ...base, options: { ...base.options, softFloor: true } };
    const bad = [rep('A1', 0, { retirePeriod: 0 }), rep('A2', 1, { retirePeriod: 0 }), rep('A3', 2)];
    const plan = evaluateSchedule(soft, bad, { name: 'x', method: 'user' });
    // Periods 0..2 have 2 cranes (200 TEU) against 250; period 3 has A1 back: 3 cranes.
    expect(plan.capacity.slice(0, 4).map((c) => c.shortfall)).toEqual([50, 50, 50, 0]);
    expect(plan.objective).toBeCloseTo(plan.riskExposure + 150 * 0.01);
    expect(codes(soft, bad)).toEqual([]);
    expect(codes(base, bad)).toEqual(['plan/floor']);
  });

  it('gives no completion period while a crane is unreplaced, and a gap from the bound', () => {
    const plan = evaluateSchedule(base, good.slice(0, 2), {
      name: 'x',
      method: 'milp',
      bound: 18,
      objective: 20,
    });
    expect(plan.completionPeriod).toBeNull();
    expect(plan.gap).toBeCloseTo(0.1);
  });
});

describe('validatePlan', () => {
  it('accepts a schedule that respects every constraint', () => {
    expect(validatePlan(base, { replacements: good })).toEqual([]);
    expect(validatePlan(base, { replacements: [] })).toEqual([]);
  });

  const cases: [string, PlanningProblem, PlannedReplacement[], string][] = [
    [
      'throughput floor',
      base,
      [rep('A1', 0, { retirePeriod: 0 }), rep('A2', 1, { retirePeriod: 0 }), rep('A3', 2)],
      'plan/floor',
    ],
    [
      'minimum cranes in service',
      withTerminal({ demand: new Array<number>(24).fill(0), minCranesInService: 4 }),
      [rep('A1', 0, { retirePeriod: 2 })],
      'plan/floor',
    ],
    ['rail slots', withTerminal({ railSlots: 4 }), good, 'plan/rail-slots'],
    [
      'supplier capacity per quarter',
      base,
      [rep('A1', 1), rep('A2', 2), rep('A3', 3)],
      'plan/supplier-capacity',
    ],
    [
      'budget per fiscal year',
      { ...base, budgets: [{ ...base.budgets[0]!, amountCents: 1000 }] },
      good,
      'plan/budget',
    ],
    [
      'local share (federal pays all)',
      { ...base, budgets: base.budgets.map((b) => ({ ...b, localShare: 0 })) },
      good,
      'plan/budget',
    ],
    [
      'crews per region',
      withTerminal({ railSlots: 9 }),
      [rep('A1', 0), rep('A2', 0, { retirePeriod: 2 })],
      'plan/crews',
    ],
    ['blackout', withTerminal({ blackoutPeriods: [2] }), good, 'plan/blackout'],
    [
      'earliest contract',
      {
        ...base,
        suppliers: base.suppliers.map((s) => (s.id === 'S1' ? { ...s, earliestContractPeriod: 1 } : s)),
      },
      good,
      'plan/earliest-contract',
    ],
    ['deadline (late retirement)', withTerminal({ deadlinePeriod: 4 }), good, 'plan/deadline'],
    [
      'deadline (crane not replaced)',
      withTerminal({ deadlinePeriod: 20 }),
      good.slice(0, 2),
      'plan/deadline',
    ],
    [
      'lead time',
      base,
      [rep('A1', 0, { arrivalPeriod: 1, inServicePeriod: 2, retirePeriod: 2 })],
      'plan/lead-time',
    ],
    ['commissioning time', base, [rep('A1', 0, { inServicePeriod: 2, retirePeriod: 2 })], 'plan/lead-time'],
    ['untrusted supplier', base, [rep('A1', 0, { supplierId: 'S2', costCents: 500 })], 'plan/supplier'],
    [
      'supplier without the class',
      base,
      [
        rep('A1', 0, {
          supplierId: 'S3',
          costCents: 800,
          arrivalPeriod: 1,
          inServicePeriod: 2,
          retirePeriod: 2,
        }),
      ],
      'plan/supplier',
    ],
    ['cost differs from the offer', base, [rep('A1', 0, { costCents: 1 })], 'plan/cost'],
    ['crane replaced twice', base, [rep('A1', 0), rep('A1', 6)], 'plan/duplicate'],
    ['unknown crane', base, [rep('ZZ', 0)], 'plan/unknown-crane'],
    ['outside the horizon', base, [rep('A1', 21)], 'plan/horizon'],
    [
      'fixed decision changed',
      withTerminal({
        groups: [{ ...terminal.groups[0]!, fixed: [{ craneId: 'A1', supplierId: 'S1', contractPeriod: 1 }] }],
      }),
      good,
      'plan/fixed',
    ],
  ];
  it.each(cases)('catches a violation of %s', (_name, problem, reps, code) => {
    expect(codes(problem, reps)).toContain(code);
  });

  it('pins each violation on the broken rule only', () => {
    expect(codes(base, [rep('A1', 1), rep('A2', 2), rep('A3', 3)])).toEqual(['plan/supplier-capacity']);
    expect(codes(withTerminal({ blackoutPeriods: [2] }), good)).toEqual(['plan/blackout']);
  });

  it('lets unspent money carry over only when the line says so', () => {
    // FY2027 (periods 0-8): one contract (500 federal) of 1000; FY2028 (periods 9-20): two contracts (1000) of 500.
    const lines = (carryOver: boolean): PlanningProblem => ({
      ...base,
      budgets: [
        { programId: 'P', fiscalYear: 2027, amountCents: 1000, carryOver, localShare: 0.5 },
        { programId: 'P', fiscalYear: 2028, amountCents: 500, carryOver, localShare: 0.5 },
      ],
    });
    const reps = [rep('A1', 0), rep('A2', 9), rep('A3', 12)];
    expect(codes(lines(true), reps)).toEqual([]);
    expect(codes(lines(false), reps)).toEqual(['plan/budget']);
  });

  it('counts a terminal without a funding program as unfunded', () => {
    expect(codes(withTerminal({ fundingProgramIds: [] }), good)).toEqual(['plan/budget']);
  });
});
