import { Dataset, teuPerCraneMonth } from '@portguard/core';
import { aCapacity, aCrane, aTerminal } from '@portguard/core/testing';
import { describe, expect, it } from 'vitest';
import { nationalSummary } from '../../src/services/summary.js';

function dataset() {
  const t = aTerminal({ id: 'fac-1' as never, portId: 'port-a' as never });
  const cap = aCapacity('fac-1', { demandTeuPerYear: 1_000_000, baseYear: 2026, growthPerYear: 0.1 });
  return Dataset.parse({
    organisations: [
      { id: 'ce-zpmc', legalName: 'Shanghai Zhenhua Heavy Industries', aliases: ['ZPMC'], country: 'CN' },
      { id: 'ce-cccc', legalName: 'CCCC', country: 'CN' },
      { id: 'org-kone', legalName: 'Konecranes', country: 'FI' },
    ],
    ownershipLinks: [
      { parentId: 'ce-cccc', childId: 'ce-zpmc', control: 'ownership', source: 'annual report' },
    ],
    designations: [
      {
        id: 'd1',
        organisationId: 'ce-cccc',
        list: 'dod-1260h',
        date: '2021-06-03',
        citation: '1260H',
        equipmentCategories: ['all'],
      },
    ],
    ports: [
      { id: 'port-a', name: 'Alpha', state: 'CA', location: { lat: 1, lon: 1 } },
      { id: 'port-b', name: 'Beta', state: 'GA', location: { lat: 2, lon: 2 } },
    ],
    facilities: [t, aTerminal({ id: 'fac-2' as never, portId: 'port-b' as never })],
    capacities: [cap],
    assets: [
      aCrane('fac-1', { id: 'c1' as never, makerId: 'ce-zpmc' as never }),
      aCrane('fac-1', { id: 'c2' as never, makerId: undefined, makerName: 'zpmc' }),
      aCrane('fac-1', { id: 'c3' as never, makerId: 'org-kone' as never, makerName: 'Konecranes' }),
      aCrane('fac-1', { id: 'c4' as never, makerName: 'Konecranes', status: 'retired' }),
      aCrane('fac-1', { id: 'c5' as never, makerName: 'ZPMC', status: 'out-of-service' }),
      aCrane('fac-1', { id: 'r1' as never, kind: 'rtg', makerName: 'ZPMC' }),
      aCrane('fac-2', { id: 'c6' as never, makerName: 'Konecranes' }),
    ],
  });
}

describe('national summary', () => {
  it('counts STS cranes in or out of service, and flags makers covered through their owners or by name', () => {
    const s = nationalSummary(dataset(), 2026);
    const alpha = s.ports.find((p) => p.portId === 'port-a');
    expect(alpha).toMatchObject({
      terminals: 1,
      stsCranes: 4,
      coveredCranes: 3,
      prcMadeCranes: 3,
      untrustedCranes: 3,
    });
    expect(s.ports.find((p) => p.portId === 'port-b')).toMatchObject({
      stsCranes: 1,
      untrustedCranes: 0,
      terminalsWithoutCapacity: 1,
    });
    expect(s.national).toMatchObject({ ports: 2, terminals: 2, stsCranes: 5, untrustedCranes: 3 });
  });

  it('compares capacity of cranes in service with demand grown to the year', () => {
    const ds = dataset();
    const perCraneYear = teuPerCraneMonth(ds.capacities[0]!) * 12;
    const s = nationalSummary(ds, 2028);
    const alpha = s.ports.find((p) => p.portId === 'port-a')!;
    expect(alpha.capacityTeuPerYear).toBe(Math.round(3 * perCraneYear));
    expect(alpha.capacityAtRiskTeuPerYear).toBe(Math.round(2 * perCraneYear));
    expect(alpha.demandTeuPerYear).toBe(Math.round(1_000_000 * 1.21));
    expect(alpha.shortfallWithoutUntrustedTeuPerYear).toBe(Math.round(Math.max(0, 1_210_000 - perCraneYear)));
  });
});
