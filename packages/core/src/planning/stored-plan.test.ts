import { describe, expect, it } from 'vitest';
import type { Plan, TerminalPeriodCapacity } from './plan.js';
import { upgradeStoredPlan, type LegacyTerminalPeriodCapacity, type StoredPlan } from './stored-plan.js';

const plan = (capacity: StoredPlan['capacity']): StoredPlan => ({
  name: 'approved',
  method: 'greedy',
  status: 'feasible',
  objective: 12,
  bound: null,
  gap: null,
  solveSeconds: 0.1,
  riskExposure: 12,
  totalCostCents: 100,
  replacements: [],
  capacity,
  spend: [],
  riskByPeriod: [1, 0],
  completionPeriod: 1,
  diagnostics: [],
});

const row: TerminalPeriodCapacity = {
  terminalId: 'T1',
  period: 0,
  measure: 'teu',
  cranesInService: 3,
  untrustedInService: 1,
  capacity: 300,
  demand: 250,
  shortfall: 0,
};

describe('upgradeStoredPlan', () => {
  it('renames a legacy row to capacity, demand and shortfall in its measure', () => {
    const legacy: LegacyTerminalPeriodCapacity = {
      terminalId: 'eoc~cctv-camera',
      period: 1,
      measure: 'units',
      cranesInService: 4,
      untrustedInService: 2,
      capacityTeu: 4,
      demandTeu: 5,
      shortfallTeu: 1,
    };
    expect(upgradeStoredPlan(plan([row, legacy])).capacity).toEqual([
      row,
      {
        terminalId: 'eoc~cctv-camera',
        period: 1,
        measure: 'units',
        cranesInService: 4,
        untrustedInService: 2,
        capacity: 4,
        demand: 5,
        shortfall: 1,
      },
    ]);
  });

  it("gives a legacy row stored without a measure its terminal's", () => {
    const old = (terminalId: string): LegacyTerminalPeriodCapacity => ({
      terminalId,
      period: 0,
      cranesInService: 2,
      untrustedInService: 0,
      capacityTeu: 2,
      demandTeu: 2,
      shortfallTeu: 0,
    });
    const rows = upgradeStoredPlan(plan([old('T1'), old('eoc~cctv-camera')])).capacity;
    expect(rows.map((c) => [c.terminalId, c.measure])).toEqual([
      ['T1', 'teu'],
      ['eoc~cctv-camera', 'units'],
    ]);
    expect(rows.every((c) => !('capacityTeu' in c) && c.capacity === 2)).toBe(true);
  });

  it('returns a plan whose rows are already renamed as it is', () => {
    const current = plan([row]);
    expect(upgradeStoredPlan(current)).toBe(current);
  });

  it('leaves the stored plan as it was', () => {
    const legacy = {
      terminalId: 'T1',
      period: 0,
      measure: 'teu',
      cranesInService: 3,
      untrustedInService: 1,
      capacityTeu: 300,
      demandTeu: 250,
      shortfallTeu: 0,
    } as const;
    const stored = plan([legacy]);
    const before = JSON.parse(JSON.stringify(stored)) as StoredPlan;
    const upgraded: Plan = upgradeStoredPlan(stored);
    expect(upgraded.capacity).toEqual([row]);
    expect(stored).toEqual(before);
    expect(stored.capacity[0]).toBe(legacy);
  });
});
