import { describe, expect, it } from 'vitest';
import { ids } from '../model/index.js';
import { buildOwnershipGraph, describeChain, designatedOwners } from './ownership.js';
import { smallRelease } from './testing-release.js';

const release = smallRelease();
const graph = buildOwnershipGraph(release.ownershipLinks, release.designations);

describe('designatedOwners', () => {
  it('walks ZPMC up to CCCC (1260H) and shows the chain above it to SASAC', () => {
    const [owner, ...rest] = designatedOwners(graph, ids.organisation('ce-zpmc'));
    expect(rest).toEqual([]);
    expect(owner!.organisationId).toBe('ce-cccc');
    expect(owner!.chain.map((s) => [s.parentId, s.control])).toEqual([['ce-cccc', 'control']]);
    expect(owner!.above.map((s) => [s.parentId, s.control, s.percent])).toEqual([
      ['ce-cccg', 'ownership', 63.84],
      ['ce-sasac', 'state-supervision', undefined],
    ]);
    expect(owner!.designations.map((d) => d.list)).toEqual(['dod-1260h']);
  });
  it('finds designated owners several links up, through an inventory reseller', () => {
    const g = buildOwnershipGraph(
      [
        ...release.ownershipLinks,
        {
          parentId: ids.organisation('ce-zpmc'),
          childId: ids.organisation('org-reseller'),
          control: 'subsidiary',
          source: 'inventory',
        },
      ],
      release.designations,
    );
    const owners = designatedOwners(g, ids.organisation('org-reseller'));
    expect(owners.map((o) => [o.organisationId, o.chain.length])).toEqual([
      ['ce-zpmc', 1],
      ['ce-cccc', 2],
    ]);
    expect(describeChain(ids.organisation('org-reseller'), owners[1]!.chain)).toBe(
      'org-reseller ← ce-zpmc (subsidiary) ← ce-cccc (control)',
    );
  });
  it('counts a designation carried by both the list and the inventory once', () => {
    const g = buildOwnershipGraph(release.ownershipLinks, [...release.designations, ...release.designations]);
    expect(designatedOwners(g, ids.organisation('ce-zpmc'))[0]!.designations).toHaveLength(1);
  });
  it('survives cycles in the data', () => {
    const a = ids.organisation('a');
    const b = ids.organisation('b');
    const g = buildOwnershipGraph(
      [
        { parentId: a, childId: b, control: 'ownership', source: 't' },
        { parentId: b, childId: a, control: 'ownership', source: 't' },
      ],
      [
        {
          id: ids.designation('d'),
          organisationId: a,
          list: 'other',
          date: '2020-01-01',
          citation: 'c',
          equipmentCategories: ['all'],
        },
      ],
    );
    expect(designatedOwners(g, b).map((o) => o.organisationId)).toEqual(['a']);
  });
});
