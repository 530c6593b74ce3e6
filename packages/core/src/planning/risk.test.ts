import { describe, expect, it } from 'vitest';
import { Designation, OwnershipLink } from '../model/index.js';
import { anOrganisation } from '../testing/index.js';
import { buildCoveredIndex, isUntrustedMaker, normaliseMakerName } from './risk.js';

const orgs = [
  anOrganisation({
    id: 'ce-zpmc' as never,
    legalName: 'Shanghai Zhenhua Heavy Industries Co., Ltd.',
    aliases: ['ZPMC'],
  }),
  anOrganisation({ id: 'ce-cccc' as never, legalName: 'China Communications Construction Company Limited' }),
  anOrganisation({ id: 'ce-cccg' as never, legalName: 'China Communications Construction Group' }),
  anOrganisation({ id: 'kone' as never, legalName: 'Konecranes Plc' }),
];
const links = [
  OwnershipLink.parse({
    parentId: 'ce-cccc',
    childId: 'ce-zpmc',
    control: 'ownership',
    source: 'annual report',
  }),
  OwnershipLink.parse({
    parentId: 'ce-cccg',
    childId: 'ce-cccc',
    control: 'ownership',
    source: 'annual report',
  }),
  // A cycle must not hang the walk.
  OwnershipLink.parse({ parentId: 'ce-zpmc', childId: 'ce-cccg', control: 'control', source: 'test' }),
];
const designations = [
  Designation.parse({
    id: 'd1',
    organisationId: 'ce-cccg',
    list: 'dod-1260h',
    date: '2021-06-03',
    citation: 'DoD 1260H',
    equipmentCategories: ['all'],
  }),
];

describe('untrusted makers', () => {
  const index = buildCoveredIndex({ organisations: orgs, ownershipLinks: links, designations });

  it('normalises names: case, punctuation, legal forms', () => {
    expect(normaliseMakerName('Z.P.M.C. Co., Ltd.')).toBe('zpmc');
    expect(normaliseMakerName('  zpmc ')).toBe('zpmc');
    expect(normaliseMakerName('Shanghai Zhenhua Heavy Industries Co., Ltd.')).toBe(
      'shanghaizhenhuaheavyindustries',
    );
    expect(normaliseMakerName('Group')).toBe('group');
  });

  it('flags a maker owned through a chain up to a designated organisation, and says how', () => {
    const v = isUntrustedMaker({ makerId: 'ce-zpmc' as never }, index, designations);
    expect(v.untrusted).toBe(true);
    expect(v.reason).toContain('ce-zpmc, owned through ce-cccc -> ce-cccg');
    expect(v.reason).toContain('dod-1260h');
  });

  it('flags a maker name matching a covered organisation alias or legal name', () => {
    expect(isUntrustedMaker({ makerName: 'Z.P.M.C.' }, index).untrusted).toBe(true);
    expect(isUntrustedMaker({ makerName: 'SHANGHAI ZHENHUA HEAVY INDUSTRIES' }, index).untrusted).toBe(true);
  });

  it('does not flag other makers', () => {
    expect(isUntrustedMaker({ makerId: 'kone' as never, makerName: 'Konecranes' }, index).untrusted).toBe(
      false,
    );
    expect(isUntrustedMaker({ makerName: 'Liebherr' }, index).untrusted).toBe(false);
    expect(isUntrustedMaker({}, index).untrusted).toBe(false);
  });

  it('stops at the designated organisation when there is no link', () => {
    const alone = buildCoveredIndex({ organisations: orgs, ownershipLinks: [], designations });
    expect(isUntrustedMaker({ makerId: 'ce-zpmc' as never }, alone).untrusted).toBe(false);
    expect(isUntrustedMaker({ makerId: 'ce-cccg' as never }, alone).untrusted).toBe(true);
  });
});
