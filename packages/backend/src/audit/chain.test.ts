import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chain,
  GENESIS_HASH,
  verifyChain,
  type AuditRecord,
  type ChainedAuditRecord,
} from './chain.js';

const record = (seq: number, after: unknown = { status: 'in-service' }): AuditRecord => ({
  seq,
  at: `2026-11-26T10:00:0${seq % 10}.000Z`,
  actor: 'alice',
  action: 'asset.update',
  entity: 'asset',
  entityId: `crane-${seq}`,
  facilityId: 'fac-a',
  before: { status: 'on-order' },
  after,
});

function build(n: number): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let s = 1; s <= n; s++) {
    const e = chain(prev, record(s));
    out.push(e);
    prev = e.hash;
  }
  return out;
}
const headOf = (es: ChainedAuditRecord[]) => ({ seq: es.at(-1)!.seq, hash: es.at(-1)!.hash });

describe('canonicalJson', () => {
  it('does not depend on key order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    const es = build(5);
    expect(verifyChain(es, headOf(es))).toEqual([]);
  });

  it('names an edited entry', () => {
    const es = build(5);
    es[2] = { ...es[2]!, after: { status: 'retired' } };
    const problems = verifyChain(es, headOf(es));
    expect(problems).toEqual([
      { seq: 3, message: 'entry 3 was edited: its content no longer matches its hash' },
    ]);
  });

  it('names an entry whose hash was recomputed after an edit, by the broken link that follows', () => {
    const es = build(5);
    es[1] = chain(es[0]!.hash, { ...es[1]!, actor: 'mallory' });
    const problems = verifyChain(es, headOf(es));
    expect(problems.map((p) => p.seq)).toEqual([3]);
    expect(problems[0]!.message).toContain('does not link');
  });

  it('detects a deleted entry in the middle and at the tail', () => {
    const es = build(5);
    const head = headOf(es);
    const middle = es.filter((e) => e.seq !== 3);
    expect(verifyChain(middle, head).map((p) => p.message)).toContain('entries 3..3 are missing (deleted)');
    const tail = es.slice(0, 4);
    expect(verifyChain(tail, head)).toEqual([
      { seq: 5, message: 'entries after 4 up to 5 are missing (deleted)' },
    ]);
  });

  it('any single-field change of any entry is detected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1 }), (i, actor) => {
        const es = build(6);
        fc.pre(es[i]!.actor !== actor);
        es[i] = { ...es[i]!, actor };
        expect(verifyChain(es, headOf(es)).length).toBeGreaterThan(0);
      }),
    );
  });
});
