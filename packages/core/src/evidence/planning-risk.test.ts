import { describe, expect, it } from 'vitest';
import { generateProblem } from '../planning/generator.js';
import type { PlanningProblem } from '../planning/problem.js';
import { reweighProblemRisk } from './planning-risk.js';

const problem = generateProblem({ terminals: 2, cranes: 8, suppliers: 2, years: 5, seed: 7 });
const riskOf = (p: PlanningProblem, craneId: string) =>
  p.terminals.flatMap((t) => t.groups).find((g) => g.craneIds.includes(craneId))?.riskPerCranePeriod;
const allCranes = (p: PlanningProblem) =>
  p.terminals.flatMap((t) => t.groups.flatMap((g) => g.craneIds)).sort();

describe('reweighProblemRisk', () => {
  const group = problem.terminals[0]!.groups.find((g) => g.craneIds.length >= 2)!;
  const [a, b] = group.craneIds as [string, string];

  it('raises one crane of a group by its multiplier and splits the group, keeping every crane once', () => {
    const out = reweighProblemRisk(problem, { [a]: 1.5 });
    expect(riskOf(out, a)).toBeCloseTo(group.riskPerCranePeriod * 1.5, 6);
    expect(riskOf(out, b)).toBe(group.riskPerCranePeriod);
    expect(allCranes(out)).toEqual(allCranes(problem));
    expect(out.options.exposureByAsset).toEqual({ [a]: 1.5 });
    const risks = out.terminals[0]!.groups.map((g) => g.riskPerCranePeriod);
    expect(risks).toEqual([...risks].sort((x, y) => y - x));
  });

  it('divides out the multiplier the problem was built with before applying today’s', () => {
    const once = reweighProblemRisk(problem, { [a]: 2 });
    const again = reweighProblemRisk(once, { [a]: 1.25 });
    expect(riskOf(again, a)).toBeCloseTo(group.riskPerCranePeriod * 1.25, 6);
    const back = reweighProblemRisk(once, undefined);
    expect(riskOf(back, a)).toBe(group.riskPerCranePeriod);
    expect(back.options.exposureByAsset).toBeUndefined();
  });

  it('leaves a problem alone when no multiplier changes', () => {
    expect(reweighProblemRisk(problem, undefined)).toEqual(problem);
    expect(reweighProblemRisk(problem, { 'not-a-crane': 3 }).terminals).toEqual(problem.terminals);
  });

  it('keeps a fixed decision with its crane when a group splits', () => {
    const fixed = { craneId: b, supplierId: problem.suppliers[0]!.id, contractPeriod: 0 };
    const withFixed: PlanningProblem = {
      ...problem,
      terminals: problem.terminals.map((t, i) =>
        i === 0 ? { ...t, groups: t.groups.map((g) => (g === group ? { ...g, fixed: [fixed] } : g)) } : t,
      ),
    };
    const out = reweighProblemRisk(withFixed, { [a]: 1.4 });
    const groups = out.terminals[0]!.groups;
    expect(groups.find((g) => g.craneIds.includes(a))?.fixed).toBeUndefined();
    expect(groups.find((g) => g.craneIds.includes(b))?.fixed).toEqual([fixed]);
  });
});
