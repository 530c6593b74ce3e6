import { describe, expect, it } from 'vitest';
import { generateProblem } from '../generator.js';
import type { PlanningProblem } from '../problem.js';
import { sampledProblem } from './exact-bound.js';

const cranes = (p: PlanningProblem): number =>
  p.terminals.reduce((a, t) => a + t.groups.reduce((b, g) => b + g.craneIds.length, 0), 0);

describe('sampledProblem (column generation first prices)', () => {
  it('takes every k-th terminal so that every region with k terminals is in it, and scales the shared resources to its cranes', () => {
    for (const seed of [1, 2, 3]) {
      const problem = generateProblem({ terminals: 60, cranes: 300, suppliers: 3, years: 5, seed });
      const sample = sampledProblem(problem, 10)!;
      expect(sample).not.toBeNull();
      expect(sample.terminals).toHaveLength(Math.ceil(problem.terminals.length / 10));
      const ids = new Set(problem.terminals.map((t) => t.id));
      expect(sample.terminals.every((t) => ids.has(t.id))).toBe(true);
      const sampledRegions = new Set(sample.terminals.map((t) => t.region));
      for (const region of new Set(problem.terminals.map((t) => t.region))) {
        if (problem.terminals.filter((t) => t.region === region).length >= 10)
          expect(sampledRegions.has(region)).toBe(true);
      }
      const share = cranes(sample) / cranes(problem);
      expect(share).toBeGreaterThan(0);
      sample.suppliers.forEach((s, i) =>
        s.offers.forEach((o, j) =>
          expect(o.capacityPerQuarter).toBeCloseTo(
            (problem.suppliers[i]?.offers[j]?.capacityPerQuarter ?? NaN) * share,
            9,
          ),
        ),
      );
      sample.budgets.forEach((b, i) =>
        expect(b.amountCents).toBeCloseTo((problem.budgets[i]?.amountCents ?? NaN) * share, 3),
      );
      sample.crewRegions.forEach((c, i) =>
        expect(c.simultaneousCommissionings).toBeCloseTo(
          (problem.crewRegions[i]?.simultaneousCommissionings ?? NaN) * share,
          9,
        ),
      );
      // The same sample every time, whatever the order the terminals come in.
      const reversed = sampledProblem({ ...problem, terminals: [...problem.terminals].reverse() }, 10)!;
      expect(reversed.terminals.map((t) => t.id)).toEqual(sample.terminals.map((t) => t.id));
    }
  });

  it('with offsets 0 to k − 1 the samples split the terminals, each scaled to its own share', () => {
    const problem = generateProblem({ terminals: 60, cranes: 300, suppliers: 3, years: 5, seed: 4 });
    const samples = [0, 1, 2, 3, 4].map((offset) => sampledProblem(problem, 5, offset)!);
    const ids = samples.flatMap((s) => s.terminals.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(problem.terminals.map((t) => t.id).sort());
    const shares = samples.map((s) => cranes(s) / cranes(problem));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    samples.forEach((s, k) =>
      expect(s.budgets[0]?.amountCents).toBeCloseTo(
        (problem.budgets[0]?.amountCents ?? NaN) * (shares[k] ?? NaN),
        3,
      ),
    );
    expect(sampledProblem(problem, 5, 5)!.terminals).toEqual(samples[0]!.terminals);
  });

  it('is null when the sample has no untrusted crane', () => {
    const problem = generateProblem({ terminals: 4, cranes: 8, suppliers: 2, years: 3, seed: 1 });
    const empty = { ...problem, terminals: problem.terminals.map((t) => ({ ...t, groups: [] })) };
    expect(sampledProblem(empty, 2)).toBeNull();
  });
});
