import { describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/index.js';
import type { Principal } from './principal.js';
import { cachedTokenPrincipal, forgetTokens, TOKEN_CACHE_MS } from './token-cache.js';

const alice: Principal = {
  userId: 'u1',
  username: 'alice',
  role: 'admin',
  access: { kind: 'all' },
  via: 'token',
};
const store = () => ({}) as DbHandle;

function loader(answer: () => Principal | undefined) {
  const calls = { n: 0 };
  const load = () => {
    calls.n++;
    return Promise.resolve(answer());
  };
  return { calls, load };
}

describe('cachedTokenPrincipal', () => {
  it('asks the database once per token within the TTL, and again after it', async () => {
    const s = store();
    const { calls, load } = loader(() => alice);
    const t0 = new Date('2026-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await cachedTokenPrincipal(s, 'h1', t0, load)).toBe(alice);
    expect(await cachedTokenPrincipal(s, 'h1', at(TOKEN_CACHE_MS - 1), load)).toBe(alice);
    expect(calls.n).toBe(1);
    await cachedTokenPrincipal(s, 'h2', t0, load);
    expect(calls.n).toBe(2);
    await cachedTokenPrincipal(s, 'h1', at(TOKEN_CACHE_MS), load);
    expect(calls.n).toBe(3);
    // A clock that went back does not extend a cached answer's life.
    await cachedTokenPrincipal(s, 'h1', at(-1), load);
    expect(calls.n).toBe(4);
  });

  it('never caches a refusal, and forgets everything on forgetTokens', async () => {
    const s = store();
    let valid = false;
    const { calls, load } = loader(() => (valid ? alice : undefined));
    const now = new Date();
    expect(await cachedTokenPrincipal(s, 'h', now, load)).toBeUndefined();
    valid = true;
    expect(await cachedTokenPrincipal(s, 'h', now, load)).toBe(alice);
    valid = false;
    expect(await cachedTokenPrincipal(s, 'h', now, load)).toBe(alice);
    forgetTokens(s);
    expect(await cachedTokenPrincipal(s, 'h', now, load)).toBeUndefined();
    expect(calls.n).toBe(3);
  });

  it('does not store an answer whose lookup was under way when the tokens were forgotten', async () => {
    const s = store();
    let release!: () => void;
    const slow = () =>
      new Promise<Principal>((resolve) => {
        release = () => resolve(alice);
      });
    const now = new Date();
    const racing = cachedTokenPrincipal(s, 'h', now, slow);
    forgetTokens(s);
    release();
    expect(await racing).toBe(alice);
    const { calls, load } = loader(() => undefined);
    expect(await cachedTokenPrincipal(s, 'h', now, load)).toBeUndefined();
    expect(calls.n).toBe(1);
  });

  it('keeps stores apart', async () => {
    const a = store();
    const b = store();
    const now = new Date();
    await cachedTokenPrincipal(a, 'h', now, () => Promise.resolve(alice));
    const { calls, load } = loader(() => undefined);
    expect(await cachedTokenPrincipal(b, 'h', now, load)).toBeUndefined();
    expect(calls.n).toBe(1);
  });
});
