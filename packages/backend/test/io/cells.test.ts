import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, readCell, readCsv, unneutralise, writeCell } from '../../src/io/index.js';

describe('formula neutralisation', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('guards %j with a leading quote', (s) => {
    expect(neutralise(s)).toBe(`'${s}`);
  });

  it('leaves ordinary text alone', () => {
    expect(neutralise('ZPMC')).toBe('ZPMC');
    expect(unneutralise("'abc")).toBe("'abc");
  });

  it('is undone exactly for any text, and never leaves a formula start', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = neutralise(s);
        expect(unneutralise(n)).toBe(s);
        expect(/^[=+\-@\t\r]/.test(n)).toBe(false);
      }),
    );
  });
});

describe('cells', () => {
  it('reads numbers written with thousands separators or a guard quote', () => {
    expect(readCell('9,133,657', 'number')).toEqual({ ok: true, value: 9133657 });
    expect(readCell("'-0.015", 'number')).toEqual({ ok: true, value: -0.015 });
    expect(readCell('12a', 'number')).toEqual({ ok: false, expected: 'a number' });
    expect(readCell('2.5', 'integer').ok).toBe(false);
  });

  it('round-trips lists, including elements that contain the separator', () => {
    for (const list of [['a', 'b'], ['a;b', 'c'], [' padded'], ['=x']]) {
      const cell = writeCell(list, 'list');
      expect(readCell(cell as string, 'list')).toEqual({ ok: true, value: list });
    }
    expect(readCell('ZPMC; Zhenhua ;', 'list')).toEqual({ ok: true, value: ['ZPMC', 'Zhenhua'] });
  });

  it('reads yes/no and true/false as booleans, and rejects anything else', () => {
    expect(readCell('Yes', 'boolean')).toEqual({ ok: true, value: true });
    expect(readCell('false', 'boolean')).toEqual({ ok: true, value: false });
    expect(readCell('maybe', 'boolean').ok).toBe(false);
  });
});

describe('CSV reading', () => {
  it('reads unquoted files (fast path) exactly as the full parser reads the same data quoted', () => {
    const plain = '\uFEFFid,kind,name,region\r\nf1,other,One,west\r\n\r\nf2,other,Two,\r\n';
    const quoted = 'id,kind,name,region\n"f1",other,One,west\n\nf2,other,"Two",\n';
    const a = readCsv('facilities.csv', plain);
    const b = readCsv('facilities.csv', quoted);
    expect(a.issues).toEqual([]);
    expect(a.records).toEqual(b.records);
    expect(a.records.map((r) => [r.origin.row, r.value.id, r.value.region])).toEqual([
      [2, 'f1', 'west'],
      [4, 'f2', undefined],
    ]);
  });
});
