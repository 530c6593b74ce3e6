import { describe, expect, it } from 'vitest';
import { coveredListChanges, validateCoveredListRelease } from './covered-list-release.js';
import { smallRelease } from './testing-release.js';

interface RawRelease {
  version: string;
  organisations: Record<string, unknown>[];
  ownershipLinks: Record<string, unknown>[];
  designations: Record<string, unknown>[];
}
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as RawRelease;

describe('validateCoveredListRelease', () => {
  it('accepts a consistent release', () => {
    const r = validateCoveredListRelease(asJson(smallRelease('v2')), ['v1']);
    expect(r.ok).toBe(true);
  });

  it('reports every problem at once, each with its path and the value found', () => {
    const raw = asJson(smallRelease('v1'));
    const orgs = raw.organisations;
    orgs[2] = { ...orgs[2], country: 'China' };
    orgs.push({ ...orgs[0], legalName: 'Copy' });
    raw.designations.push({
      ...raw.designations[0],
      organisationId: 'ce-nobody',
    });
    raw.ownershipLinks.push({
      parentId: 'ce-ghost',
      childId: 'ce-zpmc',
      control: 'control',
      source: 'test',
    });
    const r = validateCoveredListRelease(raw, ['v1']);
    expect(r.ok).toBe(false);
    const found = r.issues!.map((i) => [i.code, i.path.join('.'), i.message]);
    const dIndex = raw.designations.length - 1;
    const lIndex = raw.ownershipLinks.length - 1;
    expect(found.map(([c, p]) => `${c} ${p}`)).toEqual(
      expect.arrayContaining([
        'invalid_format organisations.2.country',
        `duplicate_id organisations.${orgs.length - 1}.id`,
        `dangling_reference designations.${dIndex}.organisationId`,
        `duplicate_id designations.${dIndex}.id`,
        `dangling_reference ownershipLinks.${lIndex}.parentId`,
        'version_exists version',
      ]),
    );
    const country = found.find(([, p]) => p === 'organisations.2.country')!;
    expect(country[2]).toContain('ISO 3166');
    expect(country[2]).toContain('"China"');
    expect(country[2]).toContain('(ce-cccg)');
  });

  it('names a missing required field and a non-object input', () => {
    const raw = asJson(smallRelease('v1'));
    delete raw.organisations[0]!.legalName;
    const r = validateCoveredListRelease(raw);
    expect(r.ok).toBe(false);
    expect(r.issues!.map((i) => i.path.join('.'))).toContain('organisations.0.legalName');
    expect(validateCoveredListRelease('nope').ok).toBe(false);
  });
});

describe('coveredListChanges', () => {
  it('lists added names and removed designations by id', () => {
    const before = smallRelease('v1');
    const after = smallRelease('v2', {
      organisations: before.organisations.map((o) =>
        o.id === 'ce-dahua' ? { ...o, aliases: [...o.aliases, 'Dahua Security'] } : o,
      ),
      designations: before.designations.slice(1),
    });
    const c = coveredListChanges(before, after);
    expect(c.renamed).toEqual([{ id: 'ce-dahua', namesAdded: ['Dahua Security'], namesRemoved: [] }]);
    expect(c.designations).toEqual({ added: [], removed: [before.designations[0]!.id] });
    expect(c.organisations).toEqual({ added: [], removed: [] });
  });
});
