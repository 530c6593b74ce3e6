import { describe, expect, it } from 'vitest';
import { buildCalendar } from './calendar.js';
import { evaluateSchedule } from './evaluate.js';
import { csvCell, planToCsv } from './export-csv.js';
import { planToMspdi } from './export-mspdi.js';
import type { PlanningProblem } from './problem.js';

export const exportProblem: PlanningProblem = {
  startMonth: '2027-01',
  granularity: 'month',
  periods: 36,
  calendar: buildCalendar('2027-01', 'month', 36),
  terminals: [
    {
      id: 'T-1',
      name: 'Alpha & <Beta> "Quay"',
      region: 'west',
      teuPerCranePeriod: 100,
      demand: new Array<number>(36).fill(150),
      railSlots: 6,
      minCranesInService: 1,
      trustedCranes: 1,
      groups: [
        { sizeClass: 'super-post-panamax', craneIds: ['C-1', 'C-2'], riskPerCranePeriod: 2 },
        { sizeClass: 'panamax', craneIds: ['=C-3'], riskPerCranePeriod: 1 },
      ],
      blackoutPeriods: [],
      fundingProgramIds: ['P'],
    },
  ],
  suppliers: [
    {
      id: 'S-1',
      name: 'Cranes, Inc.',
      trusted: true,
      leadTimePeriods: 18,
      deliveryMode: 'fully-erected',
      commissioningPeriods: 3,
      offers: [{ sizeClass: 'super-post-panamax', unitCostCents: 1_500_000_050, capacityPerQuarter: 4 }],
      earliestContractPeriod: 0,
    },
  ],
  budgets: [
    { programId: 'P', fiscalYear: 2027, amountCents: 5_000_000_000, carryOver: true, localShare: 0.2 },
  ],
  crewRegions: [{ region: 'west', simultaneousCommissionings: 2 }],
  options: { timeLimitSeconds: 1, mipGap: 0, softFloor: false, shortfallPenaltyPerTeu: 0.01 },
};

export const exportPlan = evaluateSchedule(
  exportProblem,
  [
    {
      craneId: 'C-1',
      terminalId: 'T-1',
      sizeClass: 'super-post-panamax',
      supplierId: 'S-1',
      contractPeriod: 0,
      arrivalPeriod: 18,
      inServicePeriod: 21,
      retirePeriod: 21,
      costCents: 1_500_000_050,
    },
    {
      craneId: 'C-2',
      terminalId: 'T-1',
      sizeClass: 'super-post-panamax',
      supplierId: 'S-1',
      contractPeriod: 2,
      arrivalPeriod: 20,
      inServicePeriod: 23,
      retirePeriod: 20,
      costCents: 1_500_000_050,
    },
  ],
  { name: 'Golden plan', method: 'user' },
);

describe('planToCsv', () => {
  it('writes one row per crane with dates as YYYY-MM (golden)', async () => {
    await expect(planToCsv(exportProblem, exportPlan)).toMatchFileSnapshot('./export-csv.golden.csv');
  });

  it('quotes separators and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-5)).toBe('-5');
    const rows = planToCsv(exportProblem, exportPlan).trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain("'=C-3,panamax,unreplaced");
  });
});

describe('planToMspdi', () => {
  const xml = planToMspdi(exportProblem, exportPlan);

  it('writes MS Project XML (golden)', async () => {
    await expect(xml).toMatchFileSnapshot('./export-mspdi.golden.xml');
  });

  it('escapes names and numbers tasks with outline levels and predecessor links', () => {
    expect(xml).toContain('<Project xmlns="http://schemas.microsoft.com/project">');
    expect(xml).toContain('Alpha &amp; &lt;Beta&gt; &quot;Quay&quot; (T-1)');
    expect(xml).not.toMatch(/<Beta>/);
    expect((xml.match(/<Task>/g) ?? []).length).toBe(1 + 2 * 5);
    expect(xml.match(/<OutlineLevel>(\d)<\/OutlineLevel>/g)?.slice(0, 3)).toEqual([
      '<OutlineLevel>1</OutlineLevel>',
      '<OutlineLevel>2</OutlineLevel>',
      '<OutlineLevel>3</OutlineLevel>',
    ]);
    // C-1: procure Jan 2027 -> Jul 2028 = 18 months of weekdays.
    expect(xml).toContain('<Start>2027-01-01T08:00:00</Start>\n      <Finish>2028-06-30T17:00:00</Finish>');
  });

  it('writes an empty task list for a plan without replacements', () => {
    const empty = planToMspdi(exportProblem, { name: 'Nothing', replacements: [] });
    expect(empty).toContain('<Tasks>\n  </Tasks>');
  });
});
