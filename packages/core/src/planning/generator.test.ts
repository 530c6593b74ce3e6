import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/rng.js';
import { generateProblem } from './generator.js';

describe('generateProblem', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateProblem({ terminals: 20, cranes: 150, suppliers: 4, years: 3, seed: 5 });
    expect(generateProblem({ terminals: 20, cranes: 150, suppliers: 4, years: 3, seed: 5 })).toEqual(a);
    expect(generateProblem({ terminals: 20, cranes: 150, suppliers: 4, years: 3, seed: 6 })).not.toEqual(a);
    expect(
      generateProblem({ terminals: 20, cranes: 150, suppliers: 4, years: 3, seed: 0, rng: mulberry32(5) }),
    ).toEqual(a);
  });

  it('builds national-size instances that are feasible by construction', () => {
    const p = generateProblem({ terminals: 200, cranes: 2000, suppliers: 6, years: 10, seed: 1 });
    expect(p.periods).toBe(120);
    expect(p.terminals).toHaveLength(200);
    const ids = p.terminals.flatMap((t) => t.groups.flatMap((g) => g.craneIds));
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    const trustedClasses = new Set(
      p.suppliers.filter((s) => s.trusted).flatMap((s) => s.offers.map((o) => o.sizeClass)),
    );
    expect(trustedClasses).toEqual(new Set(['panamax', 'post-panamax', 'super-post-panamax']));
    expect(p.suppliers.some((s) => !s.trusted)).toBe(true);
    for (const t of p.terminals) {
      const n = t.trustedCranes + t.groups.reduce((k, g) => k + g.craneIds.length, 0);
      expect(t.groups.every((g) => g.craneIds.length > 0)).toBe(true);
      expect(t.railSlots).toBeGreaterThan(n);
      expect(t.minCranesInService).toBeLessThanOrEqual(n - 1);
      expect(Math.max(...t.demand)).toBeLessThanOrEqual((n - 1) * t.teuPerCranePeriod);
      expect(t.deadlinePeriod).toBeUndefined();
      expect(t.fundingProgramIds.length).toBeGreaterThan(0);
    }
    const fys = new Set(p.calendar.map((c) => c.fiscalYear));
    expect(new Set(p.budgets.map((b) => b.fiscalYear))).toEqual(fys);
  });

  it('supports weekly periods', () => {
    const p = generateProblem({
      terminals: 3,
      cranes: 9,
      suppliers: 2,
      years: 2,
      seed: 2,
      granularity: 'week',
    });
    expect(p.periods).toBe(104);
    expect(p.suppliers[0]!.leadTimePeriods).toBeGreaterThanOrEqual(Math.ceil(18 * (52 / 12)));
  });
});
