import { describe, expect, it } from 'vitest';
import { compareTokens } from './compare.js';
import { scoreNames } from './name-score.js';

describe('compareTokens', () => {
  it('never compares short words fuzzily, so acronyms align only whole', () => {
    expect(compareTokens('zte', 'aztech').similarity).toBe(0);
    expect(compareTokens('cccc', 'cccg').similarity).toBeLessThan(1);
    expect(compareTokens('zte', 'zte').similarity).toBe(1);
  });
  it('allows one edit in words of 6-10 letters', () => {
    expect(compareTokens('hikvison', 'hikvision')).toMatchObject({ kind: 'fuzzy', edits: 1 });
    expect(compareTokens('hikvsn', 'hikvision').similarity).toBe(0);
  });
  it('in words under 7 letters, counts a consonant slip half and a vowel slip in full', () => {
    expect(compareTokens('huafei', 'huawei').similarity).toBe(0.5);
    expect(compareTokens('conmet', 'comnet').similarity).toBe(0.5);
    expect(compareTokens('huawai', 'huawei').similarity).toBeGreaterThan(0.8);
    expect(compareTokens('dhaua', 'dahua').similarity).toBeGreaterThan(0.75);
    expect(compareTokens('cisco', 'cosco').similarity).toBe(0.5);
    expect(compareTokens('sanyo', 'sany').similarity).toBe(0.5);
  });
  it('aligns English spellings of one sound (-tech, -tek, -tec)', () => {
    expect(compareTokens('nuctek', 'nuctech').similarity).toBeGreaterThan(0.8);
    expect(compareTokens('nuctec', 'nuctech').similarity).toBeGreaterThan(0.8);
    expect(compareTokens('nucor', 'nuctech').similarity).toBe(0);
  });
  it('never aligns numbers or roman numerals fuzzily', () => {
    expect(compareTokens('2004', '2005').similarity).toBe(0);
    expect(compareTokens('viii', 'vii').similarity).toBe(0);
  });
});

describe('scoreNames', () => {
  it('matches legal-form, spacing and typo variants', () => {
    expect(scoreNames('Siemens AG', 'Siemens Aktiengesellschaft')).toBeGreaterThanOrEqual(0.99);
    expect(scoreNames('SiemensAG', 'Siemens AG')).toBeGreaterThan(0.9);
    expect(scoreNames('Good Will Company', 'Goodwill Company')).toBeGreaterThan(0.9);
    expect(
      scoreNames('Shanghai Zhenhau Heavy Industries', 'Shanghai Zhenhua Heavy Industries Co., Ltd.'),
    ).toBeGreaterThan(0.8);
    expect(scoreNames('CNNC', 'China National Nuclear Corporation')).toBeGreaterThan(0.8);
    // Acronyms of four letters or more only: three-letter initials collide too often (HTC, CCS).
    expect(scoreNames('HTC Corporation', 'Huawei Technologies Company')).toBeLessThan(0.7);
  });
  it('never matches by substring', () => {
    expect(scoreNames('Aztech', 'ZTE')).toBe(0);
    expect(scoreNames('Zhenhua Road', 'Zhenhua Heavy Industries')).toBeLessThan(0.7);
    expect(
      scoreNames('China Construction Bank', 'China Communications Construction Company Limited'),
    ).toBeLessThan(0.7);
  });
  it('does not match on weak words alone', () => {
    expect(scoreNames('China Heavy Industries', 'Zhenhua Heavy Industries')).toBeLessThan(0.5);
  });
  it('matches pinyin against Han characters, traditional included', () => {
    expect(scoreNames('Shanghai Zhenhua Zhonggong', '上海振華重工（集團）股份有限公司')).toBeGreaterThan(
      0.95,
    );
    expect(scoreNames('Tongfang Weishi', '同方威视技术股份有限公司')).toBeGreaterThan(0.8);
  });
});
