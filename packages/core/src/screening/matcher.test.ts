import { describe, expect, it } from 'vitest';
import { buildMatchIndex, matchName, matchNameNaive } from './matcher.js';
import { smallRelease } from './testing-release.js';

const index = buildMatchIndex(smallRelease().organisations);
const best = (q: string) => matchName(index, q).match;

describe('matchName', () => {
  it('explains an exact legal-name match', () => {
    const m = best('Shanghai Zhenhua Heavy Industries Co., Ltd.')!;
    expect(m).toMatchObject({ organisationId: 'ce-zpmc', score: 1 });
    expect(m.explanation).toMatchObject({ kind: 'exact', candidateNameKind: 'legal-name' });
  });
  it('explains acronyms, pinyin, fuzzy and identifier matches', () => {
    expect(best('ZPMC')!.explanation.kind).toBe('acronym');
    const pinyin = best('Shanghai Zhenhua Zhonggong')!;
    expect(pinyin.explanation).toMatchObject({
      kind: 'pinyin',
      candidateNameKind: 'other-script',
      candidateName: '上海振华重工（集团）股份有限公司',
    });
    const fuzzy = best('Hikvison')!;
    expect(fuzzy.organisationId).toBe('ce-hikvision');
    expect(fuzzy.explanation.alignments).toEqual([
      { query: 'hikvison', candidate: 'hikvision', kind: 'fuzzy', edits: 1, similarity: 1 - 1 / 9 },
    ]);
    expect(best('91310000607206953D')!.explanation).toMatchObject({
      kind: 'identifier',
      identifier: { scheme: 'uscc' },
    });
    expect(best('海康威視')!.explanation.kind).toBe('pinyin');
  });
  it('drops editorial notes from listed names', () => {
    expect(best('Shanghai Zhenhua Port Machinery Co., Ltd.')!.explanation.candidateName).toBe(
      'Shanghai Zhenhua Port Machinery Co., Ltd.',
    );
  });
  it('never matches a substring or a street name', () => {
    for (const q of [
      'Aztech',
      'Aztech Electronics',
      'Zhenhua Road',
      'China Construction Bank',
      'Konecranes',
      'Liebherr Container Cranes Ltd',
    ]) {
      expect(best(q), q).toBeNull();
    }
  });
  it('lists candidates below the threshold for the reviewer, best first', () => {
    const r = matchName(index, 'China Communications Construction Group');
    expect(r.match?.organisationId).toBe('ce-cccg');
    expect(r.candidates.map((c) => c.organisationId)).toContain('ce-cccc');
    expect(r.candidates[0]!.score).toBeGreaterThanOrEqual(r.candidates[1]!.score);
  });
  it('finds with the index what the all-pairs scan finds', () => {
    for (const q of [
      'ZPMC USA',
      'Hik Vision',
      'Huawai Technologies',
      'Dahua Technology USA Inc.',
      'ZTE Corp',
      'Acme Cranes',
      '上海振華重工',
    ]) {
      expect(best(q)?.organisationId ?? null, q).toBe(matchNameNaive(index, q)?.organisationId ?? null);
    }
  });
});

describe('matchName and the listed organisation’s line of business', () => {
  it('takes extra words from its own names or sector as corroboration, words of another business as evidence against', () => {
    // ZPMC's names say heavy industry and port machinery: crane words corroborate.
    expect(best('ZPMC Cranes Marine Engineering')?.organisationId).toBe('ce-zpmc');
    expect(best('ZPMC Foods Trading')).toBeNull();
    // Dahua's names say technology: security and vision belong, jewellery does not.
    expect(best('Dahua Vision Security')?.organisationId).toBe('ce-dahua');
    expect(best('Dahua Jewellery')).toBeNull();
    expect(matchNameNaive(index, 'Dahua Jewellery')).toBeNull();
  });
  it('believes a misspelt name only when nothing else differs', () => {
    expect(best('Hikvison')?.organisationId).toBe('ce-hikvision');
    expect(best('Hikvison Robotics')?.organisationId).toBe('ce-hikvision');
    expect(best('Hikvison Trading')).toBeNull();
    expect(best('Hikvision Trading')?.organisationId).toBe('ce-hikvision');
  });
});
