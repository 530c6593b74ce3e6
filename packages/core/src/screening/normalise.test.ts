import { describe, expect, it } from 'vitest';
import { foldText, nameForms } from './normalise.js';

const tokens = (name: string, i = 0) => nameForms(name)[i]?.tokens.map((t) => t.text);

describe('nameForms', () => {
  it('folds case, accents, punctuation and dotted abbreviations', () => {
    expect(foldText('Société Générale S.A.')).toBe('societe generale sa');
    expect(foldText('ＺＰＭＣ')).toBe('zpmc');
    expect(tokens('Z.P.M.C.')).toEqual(['zpmc']);
    expect(tokens('Z-P-M-C')).toEqual(['zpmc']);
  });
  it('sets legal forms apart in many languages', () => {
    const f = nameForms('Shanghai Zhenhua Heavy Industries Co., Ltd.')[0]!;
    expect(f.tokens.map((t) => t.text)).toEqual(['shanghai', 'zhenhua', 'heavy', 'industries']);
    expect(f.legalForms).toEqual(['coltd']);
    expect(nameForms('Siemens Aktiengesellschaft')[0]!.legalForms).toEqual(
      nameForms('Siemens AG')[0]!.legalForms,
    );
    expect(nameForms('OOO Oboronnye Initsiativy')[0]!.tokens.map((t) => t.text)).toEqual([
      'oboronnye',
      'initsiativy',
    ]);
  });
  it('weights places and generic words low', () => {
    const f = nameForms('Hangzhou Hikvision Digital Technology Co., Ltd.')[0]!;
    expect(f.tokens.map((t) => [t.text, t.weight])).toEqual([
      ['hangzhou', 0.3],
      ['hikvision', 1],
      ['digital', 0.3],
      ['technology', 0.3],
    ]);
  });
  it('gives simplified and traditional Chinese the same pinyin form, legal forms removed', () => {
    const simplified = nameForms('上海振华重工（集团）股份有限公司')[0]!;
    const traditional = nameForms('上海振華重工（集團）股份有限公司')[0]!;
    expect(simplified.kind).toBe('pinyin');
    expect(simplified.tokens).toEqual(traditional.tokens);
    expect(simplified.tokens.map((t) => t.text)).toEqual(['shanghai', 'zhenhua', 'zhonggong']);
    expect(simplified.legalForms).toEqual(['group', 'jsc']);
    expect(simplified.han).toBe('上海振华重工');
  });
  it('turns number words and ordinals into digits, and nothing else', () => {
    expect(tokens('Constructor Hasownproperty Tostring')).toEqual([
      'constructor',
      'hasownproperty',
      'tostring',
    ]);
    expect(tokens('Brigade Forty-Four')).toEqual(tokens('Brigade 44'));
    expect(tokens('1st International Bank')).toEqual(tokens('First International Bank'));
  });
  it('flags one short all-capital word as an acronym', () => {
    expect(nameForms('ZTE')[0]!.acronym).toBe(true);
    expect(nameForms('Zte Corporation')[0]!.acronym).toBe(false);
  });
});
