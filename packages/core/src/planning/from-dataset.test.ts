import { describe, expect, it } from 'vitest';
import {
  Dataset,
  Designation,
  FundingProgram,
  OwnershipLink,
  demandTeuInMonth,
  type DatasetInput,
} from '../model/index.js';
import { aCapacity, aCrane, anOrganisation, aSupplier, aTerminal } from '../testing/index.js';
import { planningProblemFromDataset } from './from-dataset.js';

function dataset() {
  const term = aTerminal({ id: 'term-a' as never, name: 'Alpha', region: 'west' });
  const noCap = aTerminal({ id: 'term-b' as never, name: 'Bravo', region: 'east' });
  const cap = aCapacity('term-a', { railSlots: 9, minCranesInService: 3, demandTeuPerYear: 600_000 });
  const zpmcCranes = ['z1', 'z2', 'z3'].map((id, i) =>
    aCrane('term-a', {
      id: id as never,
      makerId: 'ce-zpmc' as never,
      makerName: undefined,
      yearCommissioned: 2012 - i,
    }),
  );
  const input: DatasetInput = {
    organisations: [
      anOrganisation({
        id: 'ce-zpmc' as never,
        legalName: 'Shanghai Zhenhua Heavy Industries Co., Ltd.',
        aliases: ['ZPMC'],
      }),
      anOrganisation({
        id: 'ce-cccc' as never,
        legalName: 'China Communications Construction Company Limited',
      }),
    ],
    ownershipLinks: [
      OwnershipLink.parse({
        parentId: 'ce-cccc',
        childId: 'ce-zpmc',
        control: 'ownership',
        source: 'annual report',
      }),
    ],
    designations: [
      Designation.parse({
        id: 'd1',
        organisationId: 'ce-cccc',
        list: 'dod-1260h',
        date: '2021-06-03',
        citation: 'DoD 1260H list',
        equipmentCategories: ['all'],
      }),
    ],
    facilities: [term, noCap],
    capacities: [cap],
    assets: [
      ...zpmcCranes,
      aCrane('term-a', { id: 'n1' as never, makerName: 'Z.P.M.C. Co Ltd', criticality: 'critical' }),
      aCrane('term-a', { id: 'k1' as never, makerName: 'Konecranes' }),
      aCrane('term-a', { id: 'k2' as never, makerName: 'Konecranes' }),
      aCrane('term-a', { id: 'p1' as never, makerName: 'ZPMC', sizeClass: 'panamax' }),
      aCrane('term-a', { id: 'old' as never, makerName: 'ZPMC', status: 'retired' }),
      aCrane('term-b', { id: 'b1' as never, makerName: 'ZPMC' }),
    ],
    suppliers: [
      aSupplier({ id: 'sup-jp' as never, tariffRate: 0.1, installationCents: 50_000_000 }),
      aSupplier({ id: 'sup-cn' as never, trusted: false, trustReason: 'covered maker' }),
    ],
    fundingPrograms: [
      FundingProgram.parse({
        id: 'ppp',
        name: 'Port Security Grants',
        appropriations: [
          { fiscalYear: 2026, amountCents: 100 },
          { fiscalYear: 2027, amountCents: 1_000 },
          { fiscalYear: 2031, amountCents: 5_000 },
        ],
        eligibleFacilityKinds: ['container-terminal'],
        carryOver: true,
        localShare: 0.25,
      }),
      FundingProgram.parse({
        id: 'cctv',
        name: 'Cameras only',
        appropriations: [{ fiscalYear: 2027, amountCents: 9 }],
        eligibleFacilityKinds: ['government-site'],
        carryOver: false,
        localShare: 0,
      }),
    ],
  };
  return { ds: Dataset.parse(input), cap };
}

describe('planningProblemFromDataset', () => {
  it('builds terminals, risk-weighted crane groups, trusted suppliers and budgets', () => {
    const { ds, cap } = dataset();
    const r = planningProblemFromDataset(ds, {
      startMonth: '2027-01',
      years: 5,
      blackoutMonths: [9, 10, 11],
      deadline: '2030-12',
      exposureByAsset: { z3: 2 },
      budgetScale: 2,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const p = r.value;
    expect(p.periods).toBe(60);
    expect(p.terminals.map((t) => t.id)).toEqual(['term-a']);
    const t = p.terminals[0]!;
    expect(t.trustedCranes).toBe(2);
    // 7 STS cranes in service; high = 3, critical = 4; z3 has exposure 2.
    expect(t.groups.map((g) => [g.sizeClass, g.craneIds, g.riskPerCranePeriod])).toEqual([
      ['super-post-panamax', ['z3'], Math.round((6 / 7) * 1e6) / 1e6],
      ['super-post-panamax', ['n1'], Math.round((4 / 7) * 1e6) / 1e6],
      ['panamax', ['p1'], Math.round((3 / 7) * 1e6) / 1e6],
      ['super-post-panamax', ['z2', 'z1'], Math.round((3 / 7) * 1e6) / 1e6],
    ]);
    expect(t.teuPerCranePeriod).toBeCloseTo(28 * 1.6 * 600 * 0.65);
    expect(t.demand[13]).toBeCloseTo(demandTeuInMonth(cap, 2028, 1));
    expect(t.blackoutPeriods.slice(0, 4)).toEqual([8, 9, 10, 20]);
    expect(t.deadlinePeriod).toBe(47);
    expect(t.railSlots).toBe(9);
    expect(t.minCranesInService).toBe(3);
    expect(t.fundingProgramIds).toEqual(['ppp']);
    expect(p.suppliers.map((s) => s.id)).toEqual(['sup-jp']);
    const s = p.suppliers[0]!;
    expect([s.leadTimePeriods, s.commissioningPeriods, s.deliveryMode]).toEqual([24, 3, 'fully-erected']);
    expect(s.offers[0]).toEqual({
      sizeClass: 'super-post-panamax',
      unitCostCents: Math.round(1_400_000_000 * 1.1) + 50_000_000,
      capacityPerQuarter: 3,
    });
    // FY2026 precedes the horizon and carries over into FY2027; budget scale 2.
    expect(p.budgets).toEqual([
      { programId: 'ppp', fiscalYear: 2027, amountCents: 2_200, carryOver: true, localShare: 0.25 },
      { programId: 'ppp', fiscalYear: 2031, amountCents: 10_000, carryOver: true, localShare: 0.25 },
    ]);
    expect(p.crewRegions).toEqual([{ region: 'west', simultaneousCommissionings: 4 }]);
    expect(r.issues?.map((i) => i.code).sort()).toEqual(['planning/no-capacity', 'planning/no-supplier']);
    expect(r.issues?.find((i) => i.code === 'planning/no-capacity')?.message).toContain('term-b');
    expect(r.issues?.find((i) => i.code === 'planning/no-supplier')?.message).toContain('panamax');
  });

  it('converts to weekly periods', () => {
    const r = planningProblemFromDataset(dataset().ds, {
      startMonth: '2027-01',
      years: 2,
      granularity: 'week',
    });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.periods).toBe(104);
    expect(r.value.suppliers[0]!.leadTimePeriods).toBe(Math.ceil(24 * (52 / 12)));
    expect(r.value.terminals[0]!.teuPerCranePeriod).toBeCloseTo((28 * 1.6 * 600 * 0.65 * 12) / 52);
  });

  it('warns when demand exceeds what every crane can handle', () => {
    const { ds } = dataset();
    const heavy = { ...ds, capacities: ds.capacities.map((c) => ({ ...c, demandTeuPerYear: 5_000_000 })) };
    const r = planningProblemFromDataset(heavy, { startMonth: '2027-01' });
    expect(r.ok && r.issues?.some((i) => i.code === 'planning/demand-exceeds-fleet')).toBe(true);
  });

  it('fails on unusable options, naming each', () => {
    const r = planningProblemFromDataset(dataset().ds, {
      startMonth: '2027-13',
      years: -1,
      blackoutMonths: [0],
    });
    expect(r.ok).toBe(false);
    expect(r.issues?.map((i) => i.path[0])).toEqual(['startMonth', 'years', 'blackoutMonths']);
  });

  it('uses a replacement rule for untrusted assets when given one', () => {
    const r = planningProblemFromDataset(dataset().ds, {
      startMonth: '2027-01',
      isUntrusted: (a) => a.id === 'k1',
    });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.terminals[0]!.groups.flatMap((g) => g.craneIds)).toEqual(['k1']);
  });
});
