import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { AssetDetail, AssetListResponse, FacilityListResponse } from '@portguard/core';
import { aComponent, aCrane, aTerminal } from '@portguard/core/testing';
import { compileJsonWriter, parsingSerializerCompiler, ProjectionError } from './serializer.js';

/** The writer's output as a value, to compare with what zod's parse returns. */
const compileProjector = (schema: z.ZodType) => {
  const write = compileJsonWriter(schema);
  return (value: unknown): unknown => {
    const json = write(value);
    return json === undefined ? undefined : JSON.parse(json);
  };
};

const crane = aCrane('fac-a1', { id: 'crane-1' as never, makerName: 'ZPMC', yearCommissioned: 2008 });
const terminal = aTerminal({ id: 'fac-a1' as never, portId: 'port-a' as never });

describe('compileJsonWriter', () => {
  it('writes the JSON of what zod parse gives on the listing and detail contracts, byte for byte', () => {
    const cases: [z.ZodType, unknown][] = [
      [AssetListResponse, { items: [crane, { ...crane, id: 'crane-2' }], total: 2 }],
      [FacilityListResponse, { items: [terminal], total: 1 }],
      [AssetDetail, { asset: crane, components: [aComponent('crane-1', { id: 'plc-1' as never })] }],
    ];
    for (const [schema, value] of cases) {
      expect(compileJsonWriter(schema)(value)).toBe(JSON.stringify(schema.parse(value)));
    }
  });

  it('writes a deeply frozen object once per writer, and never caches what can still change', () => {
    const write = compileJsonWriter(z.object({ a: z.string(), inner: z.record(z.string(), z.number()) }));
    let reads = 0;
    const frozen = Object.freeze({
      get a() {
        reads++;
        return 'x';
      },
      inner: Object.freeze({ n: 1 }),
    });
    expect(write(frozen)).toBe('{"a":"x","inner":{"n":1}}');
    const afterFirst = reads;
    expect(write(frozen)).toBe('{"a":"x","inner":{"n":1}}');
    expect(reads).toBe(afterFirst);

    const inner: Record<string, number> = { n: 1 };
    const shallow = Object.freeze({ a: 'y', inner });
    expect(write(shallow)).toBe('{"a":"y","inner":{"n":1}}');
    inner.n = 2;
    expect(write(shallow)).toBe('{"a":"y","inner":{"n":2}}');
  });

  it('escapes strings as JSON.stringify does', () => {
    const write = compileJsonWriter(z.record(z.string(), z.string()));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), (d) => {
        expect(write(d)).toBe(JSON.stringify(d));
      }),
    );
  });

  it('drops every key the contract does not name, at any depth', () => {
    const leaky = {
      items: [
        { ...crane, provenance: { model: { kind: 'user', note: 'n', secret: 1 } }, password_hash: 'x' },
      ],
      total: 1,
      debug: { sql: 'select *' },
    };
    const out = compileProjector(AssetListResponse)(leaky);
    expect(JSON.stringify(out)).not.toMatch(/password_hash|debug|secret|provenance/);
    const asset = { ...crane, provenance: { model: { kind: 'user', note: 'n', secret: 1 } } };
    const detail = compileProjector(AssetDetail)({ asset, components: [], internal: true });
    expect(detail).toEqual(AssetDetail.parse({ asset, components: [] }));
    expect(JSON.stringify(detail)).not.toMatch(/secret|internal/);
  });

  it('keeps zod semantics for extra keys on random objects', () => {
    const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }).optional() });
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
        // Extra keys only: an extra "b" would break the contract (tested below), not test extra keys.
        fc.dictionary(
          fc.string().filter((k) => k !== 'a' && k !== 'b'),
          fc.jsonValue(),
        ),
        (a, c, extra) => {
          const value = { ...extra, a, ...(c === undefined ? {} : { b: { ...extra, c } }) };
          expect(compileJsonWriter(schema)(value)).toBe(JSON.stringify(schema.parse(value)));
        },
      ),
      { seed: 17, numRuns: 300 },
    );
  });

  it('names the path and what was expected when the value breaks the contract', () => {
    const project = compileProjector(AssetListResponse);
    const bad = (v: unknown) => {
      try {
        project(v);
      } catch (e) {
        expect(e).toBeInstanceOf(ProjectionError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ items: [{ ...crane, kind: 'spaceship' }], total: 1 })).toMatch(
      /^response items\.0\.kind: expected .*sts-crane/,
    );
    expect(bad({ items: [crane], total: '1' })).toBe('response total: expected a finite number, got string');
    expect(bad({ items: [{ ...crane, id: undefined }], total: 1 })).toBe(
      'response items.0.id: expected string, got undefined',
    );
    expect(bad({ items: {}, total: 1 })).toBe('response items: expected an array, got object');
    const facilities = compileProjector(FacilityListResponse);
    expect(() =>
      facilities({ items: [{ ...terminal, provenance: { name: { kind: 'rumour' } } }], total: 1 }),
    ).toThrow(/items\.0\.provenance\.name\.kind: expected sourced \| estimated \| user/);
  });

  it('applies defaults and hands unknown shapes (transforms, tuples) to zod', () => {
    const schema = z.object({
      status: z.enum(['a', 'b']).default('a'),
      when: z.string().transform((s) => s.length),
      pair: z.tuple([z.number(), z.string()]),
      either: z.union([z.number(), z.object({ n: z.number() })]),
      maybe: z.string().nullable(),
    });
    const value = { when: 'abc', pair: [1, 'x'], either: { n: 2, extra: 1 }, maybe: null, other: 1 };
    expect(compileProjector(schema)(value)).toEqual({
      status: 'a',
      when: 3,
      pair: [1, 'x'],
      either: { n: 2 },
      maybe: null,
    });
    expect(() => compileProjector(schema)({ ...value, pair: [1, 2] })).toThrow(/response pair\.1:/);
  });
});

describe('parsingSerializerCompiler', () => {
  it('serializes through the projector and reports a broken response as a serialization error', () => {
    const serialize = parsingSerializerCompiler({
      schema: AssetListResponse,
      method: 'GET',
      url: '/api/assets',
    });
    expect(JSON.parse(serialize({ items: [{ ...crane, hidden: 1 }], total: 1 }))).toEqual(
      AssetListResponse.parse({ items: [crane], total: 1 }),
    );
    expect(() => serialize({ items: null, total: 1 })).toThrow(/Response doesn't match the schema/);
  });
});
