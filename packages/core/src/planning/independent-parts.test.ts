import { describe, expect, it } from 'vitest';
import { cameraSiteDataset } from '../testing/builders.js';
import { disjointCopy, unionOf } from '../testing/problems.js';
import { planningProblemFromDataset } from './from-dataset.js';
import { generateProblem } from './generator.js';
import { independentParts } from './independent-parts.js';
import type { PlanningProblem, PlanningTerminal } from './problem.js';

const ids = (p: PlanningProblem): string[] => p.terminals.map((t) => t.id);

describe('independentParts', () => {
  it('splits the cranes from cameras bought from other suppliers with other money', () => {
    const r = planningProblemFromDataset(cameraSiteDataset({ cameraOffer: true }), {
      startMonth: '2027-01',
      years: 5,
    });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const parts = independentParts(r.value);
    expect(parts.map(ids)).toEqual([['term-a'], ['eoc-1~cctv-camera']]);
    expect(parts.map((p) => p.suppliers.map((s) => s.id))).toEqual([['sup-cranes'], ['sup-cameras']]);
    expect(parts.map((p) => [...new Set(p.budgets.map((b) => b.programId))])).toEqual([
      ['ports'],
      ['cameras'],
    ]);
    expect(parts.map((p) => p.options)).toEqual([r.value.options, r.value.options]);
  });

  it('keeps one problem when a supplier offer, a crew region or a program joins every terminal', () => {
    const a = generateProblem({ terminals: 6, cranes: 14, suppliers: 2, years: 4, seed: 3 });
    expect(independentParts(a)).toEqual([a]);
    const b = disjointCopy(
      generateProblem({ terminals: 4, cranes: 9, suppliers: 2, years: 4, seed: 4 }),
      'B',
    );
    expect(independentParts(unionOf(a, b)).map(ids)).toEqual([ids(a), ids(b)]);
    // One shared program, region or supplier of a class joins the two.
    const joinedBy = (edit: (t: PlanningTerminal) => PlanningTerminal): PlanningProblem => {
      const [first, ...rest] = b.terminals;
      return unionOf(a, { ...b, terminals: [edit(first!), ...rest] });
    };
    const t0 = a.terminals[0]!;
    expect(
      independentParts(
        joinedBy((t) => ({ ...t, fundingProgramIds: [...t.fundingProgramIds, 'prog-federal'] })),
      ),
    ).toHaveLength(1);
    expect(independentParts(joinedBy((t) => ({ ...t, region: t0.region })))).toHaveLength(1);
    expect(
      independentParts(
        joinedBy((t) => ({ ...t, groups: [...t.groups, { ...t0.groups[0]!, craneIds: ['x1'] }] })),
      ),
    ).toHaveLength(1);
  });

  it('puts every terminal in exactly one part, those with nothing to replace in the largest', () => {
    const a = generateProblem({ terminals: 5, cranes: 12, suppliers: 2, years: 4, seed: 5 });
    const b = disjointCopy(
      generateProblem({ terminals: 3, cranes: 5, suppliers: 2, years: 4, seed: 6 }),
      'B',
    );
    const empty = { ...b.terminals[0]!, id: 'B-empty', groups: [] };
    const parts = independentParts(unionOf(a, { ...b, terminals: [...b.terminals, empty] }));
    expect(parts.map(ids)).toEqual([[...ids(a), 'B-empty'], ids(b)]);
    const problem = unionOf(a, b);
    const all = independentParts(problem).flatMap(ids).sort();
    expect(all).toEqual(ids(problem).sort());
  });
});
