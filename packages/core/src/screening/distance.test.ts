import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler, osaDistance } from './distance.js';

describe('osaDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(osaDistance('zhenhua', 'zhenhau')).toBe(1);
    expect(osaDistance('zpmc', 'zmpc')).toBe(1);
    expect(osaDistance('hikvision', 'hikvison')).toBe(1);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('', 'abc')).toBe(3);
  });
  it('stops early past the budget', () => {
    expect(osaDistance('aztech', 'zte', 0)).toBe(1);
  });
  it('is a symmetric distance, zero only for equal strings, never above the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = osaDistance(a, b);
        expect(d).toBe(osaDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});
