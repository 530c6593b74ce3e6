import type { DbHandle } from '../db/index.js';
import type { Principal } from './principal.js';

/**
 * How long a resolved API token is trusted without asking the database again. Revoking a token through this
 * process (`revokeApiToken`) forgets every cached token at once; a change made by another process (a CLI
 * `user reset-password`, a second server on PostgreSQL) or a port-operator's port gaining a facility is seen
 * after at most this long.
 */
export const TOKEN_CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly principal: Principal;
  readonly until: number;
}

interface Cache {
  readonly entries: Map<string, Entry>;
  /** Bumped by forgetTokens; a lookup that started before a revocation does not store its answer. */
  generation: number;
}

const caches = new WeakMap<DbHandle, Cache>();

/** Per store, so that two servers in one process (tests) never share principals. Only successes are cached. */
export async function cachedTokenPrincipal(
  store: DbHandle,
  tokenHash: string,
  now: Date,
  load: () => Promise<Principal | undefined>,
): Promise<Principal | undefined> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = { entries: new Map(), generation: 0 }));
  const { entries } = cache;
  const t = now.getTime();
  const hit = entries.get(tokenHash);
  if (hit && t < hit.until && t >= hit.until - TOKEN_CACHE_MS) return hit.principal;
  const generation = cache.generation;
  const principal = await load();
  if (!principal) {
    entries.delete(tokenHash);
    return undefined;
  }
  if (cache.generation === generation) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(tokenHash, { principal, until: t + TOKEN_CACHE_MS });
  }
  return principal;
}

export function forgetTokens(store: DbHandle): void {
  const cache = caches.get(store);
  if (cache) {
    cache.generation++;
    cache.entries.clear();
  }
}
