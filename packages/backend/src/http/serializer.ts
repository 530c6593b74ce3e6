import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Copies a response value through its zod schema: only the keys the contract names are copied (objects are rebuilt,
 * never passed through), primitives are type-checked, enums and literals checked for membership, defaults applied,
 * discriminated unions routed by their discriminator. String and number refinements (lengths, regexes, int) are
 * not re-checked; shapes the projector does not know (transforms, pipes, tuples, intersections, …) are handed to
 * zod's `safeParse` for that subtree. Throws `ProjectionError` naming the path on a mismatch.
 */
export type Projector = (value: unknown) => unknown;

export class ProjectionError extends Error {
  /** Filled in while the error unwinds, so that the hot path allocates no paths. */
  readonly path: (string | number)[] = [];
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(`response (root): expected ${expected}, got ${got}`);
    this.name = 'ProjectionError';
  }
  static of(expected: string, value: unknown): ProjectionError {
    return new ProjectionError(
      expected,
      value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value,
    );
  }
  /** Prefixes the path with the key under which the failing value sat. */
  under(key: string | number): this {
    this.path.unshift(key);
    this.message = `response ${this.path.join('.')}: expected ${this.expected}, got ${this.got}`;
    return this;
  }
}

function under(key: string | number, e: unknown): unknown {
  return e instanceof ProjectionError ? e.under(key) : e;
}

interface Def {
  readonly type: string;
  readonly [k: string]: unknown;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function viaZod(schema: z.ZodType): Projector {
  return (value) => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      const e = ProjectionError.of(issue?.message ?? 'a value matching the schema', value);
      for (const k of [...(issue?.path ?? [])].reverse()) e.under(String(k));
      throw e;
    }
    return r.data;
  };
}

const primitive =
  (type: 'string' | 'boolean'): Projector =>
  (value) => {
    if (typeof value !== type) throw ProjectionError.of(type, value);
    return value;
  };

/** Builds the projector for a schema once (per route); cycles through z.lazy fall back to zod. */
export function compileProjector(schema: z.ZodType): Projector {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return primitive('string');
    case 'boolean':
      return primitive('boolean');
    case 'number':
      return (value) => {
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw ProjectionError.of('a finite number', value);
        return value;
      };
    case 'null':
      return (value) => {
        if (value !== null) throw ProjectionError.of('null', value);
        return null;
      };
    case 'any':
    case 'unknown':
      return (value) => value;
    case 'literal':
    case 'enum': {
      const allowed = new Set<unknown>(
        def.type === 'literal'
          ? (def.values as unknown[])
          : Object.values(def.entries as Record<string, unknown>),
      );
      return (value) => {
        if (!allowed.has(value)) throw ProjectionError.of([...allowed].join(' | '), value);
        return value;
      };
    }
    case 'optional': {
      const inner = compileProjector(def.innerType as z.ZodType);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'nullable': {
      const inner = compileProjector(def.innerType as z.ZodType);
      return (value) => (value === null ? null : inner(value));
    }
    case 'readonly':
      return compileProjector(def.innerType as z.ZodType);
    case 'default': {
      // A default applies only when the value is missing; a copy so that callers never share the default object.
      const inner = compileProjector(def.innerType as z.ZodType);
      return (value) => (value === undefined ? structuredClone(def.defaultValue) : inner(value));
    }
    case 'array': {
      const element = compileProjector(def.element as z.ZodType);
      return (value) => {
        if (!Array.isArray(value)) throw ProjectionError.of('an array', value);
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          try {
            out[i] = element(value[i]);
          } catch (e) {
            throw under(i, e);
          }
        }
        return out;
      };
    }
    case 'object':
      return objectProjector(schema, def);
    case 'record': {
      const key = defOf(def.keyType as z.ZodType);
      if (key.type !== 'string') return viaZod(schema);
      const item = compileProjector(def.valueType as z.ZodType);
      return (value) => {
        if (!isPlainObject(value)) throw ProjectionError.of('an object', value);
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(value)) {
          try {
            const v = item(value[k]);
            if (v !== undefined) out[k] = v;
          } catch (e) {
            throw under(k, e);
          }
        }
        return out;
      };
    }
    case 'union':
      return unionProjector(def);
    default:
      return viaZod(schema);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objectProjector(schema: z.ZodType, def: Def): Projector {
  const catchall = def.catchall as z.ZodType | undefined;
  // passthrough/catchall objects keep unnamed keys by contract: zod decides what they hold.
  if (catchall !== undefined && defOf(catchall).type !== 'never') return viaZod(schema);
  const fields = Object.entries(def.shape as Record<string, z.ZodType>).map(
    ([key, s]) => [key, compileProjector(s)] as const,
  );
  return (value) => {
    if (!isPlainObject(value)) throw ProjectionError.of('an object', value);
    const out: Record<string, unknown> = {};
    for (const [key, project] of fields) {
      try {
        const v = project(value[key]);
        if (v !== undefined) out[key] = v;
      } catch (e) {
        throw under(key, e);
      }
    }
    return out;
  };
}

function unionProjector(def: Def): Projector {
  const options = (def.options as z.ZodType[]).map((o) => ({ schema: o, project: compileProjector(o) }));
  const discriminator = def.discriminator as string | undefined;
  if (discriminator !== undefined) {
    const byTag = new Map<unknown, Projector>();
    for (const o of options) {
      const d = defOf(o.schema);
      const tag = d.type === 'object' ? (d.shape as Record<string, z.ZodType>)[discriminator] : undefined;
      const tagDef = tag && defOf(tag);
      if (tagDef?.type !== 'literal') return firstMatch(options);
      for (const v of tagDef.values as unknown[]) byTag.set(v, o.project);
    }
    return (value) => {
      const project = isPlainObject(value) ? byTag.get(value[discriminator]) : undefined;
      if (!project) throw under(discriminator, ProjectionError.of([...byTag.keys()].join(' | '), value));
      return project(value);
    };
  }
  return firstMatch(options);
}

function firstMatch(options: readonly { project: Projector }[]): Projector {
  return (value) => {
    let first: unknown;
    for (const o of options) {
      try {
        return o.project(value);
      } catch (e) {
        first ??= e;
      }
    }
    throw first ?? ProjectionError.of('one of the union options', value);
  };
}

/**
 * Responses are copied through the route's zod schema by a projector compiled once per route (see
 * `compileProjector`), then `JSON.stringify`-ed: a repository returning a column by mistake cannot leak it.
 * Measured ~4x cheaper than zod's `safeParse` on a 100-asset listing, which was ~8x cheaper than the provider's
 * default `safeEncode` (bench:api).
 */
export const parsingSerializerCompiler = ({
  schema,
  method,
  url,
}: {
  schema: unknown;
  method: string;
  url: string;
}) => {
  const s = schema as z.ZodType | { properties: z.ZodType };
  const project = compileProjector('safeParse' in s ? s : s.properties);
  return (data: unknown): string => {
    try {
      return JSON.stringify(project(data));
    } catch (e) {
      if (e instanceof ProjectionError)
        throw new ResponseSerializationError(method, url, {
          cause: new z.ZodError([{ code: 'custom', path: e.path, message: e.message, input: undefined }]),
        });
      throw e;
    }
  };
};
