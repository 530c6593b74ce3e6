import { createHash } from 'node:crypto';
import { PortGuardError, type Me, type UserRole } from '@portguard/core';
import type { DbHandle } from '../db/index.js';
import * as accounts from '../db/repositories/accounts.js';
import { audited } from '../audit/audited.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { hashSecret, newSecret, oneTimePassword } from './secrets.js';
import { cachedTokenPrincipal, forgetTokens } from './token-cache.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** The CSRF token is derived from the session secret, so it can be handed out again without being stored. */
export const csrfTokenFor = (sessionSecret: string): string =>
  createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');

export const toMe = (u: accounts.UserRecord): Me => ({
  id: u.id,
  username: u.username,
  role: u.role,
  facilityIds: [...u.facilityIds],
  portIds: [...u.portIds],
});

async function principalOf(
  store: DbHandle,
  u: accounts.UserRecord,
  via: Principal['via'],
): Promise<Principal> {
  return {
    userId: u.id,
    username: u.username,
    role: u.role,
    access: await accounts.resolveAccess(store.db, u),
    via,
  };
}

export async function login(
  store: DbHandle,
  username: string,
  password: string,
  now: Date,
): Promise<{ sessionSecret: string; csrfToken: string; user: Me }> {
  const user = await accounts.findUserByUsername(store.db, username);
  const ok =
    user && !user.disabled
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstDummy(password);
  if (!user || !ok) throw new PortGuardError('unauthenticated', 'wrong user name or password');
  const sessionSecret = newSecret('pgs');
  const csrfToken = csrfTokenFor(sessionSecret);
  await accounts.createSession(
    store.db,
    {
      idHash: hashSecret(sessionSecret),
      userId: user.id,
      csrfHash: hashSecret(csrfToken),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    },
    now,
  );
  return { sessionSecret, csrfToken, user: toMe(user) };
}

export async function sessionPrincipal(
  store: DbHandle,
  sessionSecret: string,
  now: Date,
): Promise<{ principal: Principal; csrfHash: string } | undefined> {
  const s = await accounts.findSession(store.db, hashSecret(sessionSecret), now);
  return s && { principal: await principalOf(store, s.user, 'session'), csrfHash: s.csrfHash };
}

export async function tokenPrincipal(
  store: DbHandle,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const u = await accounts.findUserByToken(store.db, hashSecret(token), now);
  return u && principalOf(store, u, 'token');
}

/** `tokenPrincipal` behind a short per-process cache (see token-cache.ts); used on every API request. */
export function tokenPrincipalCached(
  store: DbHandle,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const tokenHash = hashSecret(token);
  return cachedTokenPrincipal(store, tokenHash, now, async () => {
    const u = await accounts.findUserByToken(store.db, tokenHash, now);
    return u && principalOf(store, u, 'token');
  });
}

export const logout = (store: DbHandle, sessionSecret: string) =>
  accounts.deleteSession(store.db, hashSecret(sessionSecret));

export async function issueApiToken(store: DbHandle, p: Principal, name: string, now: Date) {
  const token = newSecret('pgt');
  const { id } = await audited(store, p, now, async (trx, record) => {
    const created = await accounts.createApiToken(trx, p.userId, name, hashSecret(token), now);
    await record({
      action: 'token.create',
      entity: 'api_token',
      entityId: created.id,
      facilityId: null,
      before: null,
      after: { name, userId: p.userId },
    });
    return created;
  });
  return { id, name, token };
}

export async function revokeApiToken(store: DbHandle, p: Principal, id: string, now: Date): Promise<void> {
  try {
    await audited(store, p, now, async (trx, record) => {
      await accounts.revokeApiToken(trx, p.userId, id, now);
      await record({
        action: 'token.revoke',
        entity: 'api_token',
        entityId: id,
        facilityId: null,
        before: { userId: p.userId },
        after: null,
      });
    });
  } finally {
    // After the commit: a request racing the revocation cannot cache the token again.
    forgetTokens(store);
  }
}

export interface NewUserInput {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  readonly facilityIds?: readonly string[];
  readonly portIds?: readonly string[];
}

/** Creates a user (audited). Scope ids must name existing facilities and ports. */
export async function addUser(
  store: DbHandle,
  actor: Pick<Principal, 'username'>,
  input: NewUserInput,
  now: Date,
): Promise<Me> {
  const facilityIds = [...new Set(input.facilityIds ?? [])];
  const portIds = [...new Set(input.portIds ?? [])];
  const passwordHash = await hashPassword(input.password);
  return audited(store, actor, now, async (trx, record) => {
    const known = {
      facilities: new Set(
        (
          await trx
            .selectFrom('facilities')
            .select('id')
            .where('id', 'in', facilityIds.length ? facilityIds : [''])
            .execute()
        ).map((r) => r.id),
      ),
      ports: new Set(
        (
          await trx
            .selectFrom('ports')
            .select('id')
            .where('id', 'in', portIds.length ? portIds : [''])
            .execute()
        ).map((r) => r.id),
      ),
    };
    const issues = [
      ...facilityIds.flatMap((f, i) =>
        known.facilities.has(f)
          ? []
          : [{ code: 'unknown_facility', path: ['facilityIds', i], message: `no facility ${f}` }],
      ),
      ...portIds.flatMap((p, i) =>
        known.ports.has(p) ? [] : [{ code: 'unknown_port', path: ['portIds', i], message: `no port ${p}` }],
      ),
    ];
    if (issues.length > 0)
      throw new PortGuardError('invalid_input', 'unknown facility or port in the user scope', issues);
    const u = await accounts.createUser(
      trx,
      { username: input.username, passwordHash, role: input.role, facilityIds, portIds },
      now,
    );
    const me = toMe(u);
    await record({
      action: 'user.create',
      entity: 'user',
      entityId: u.id,
      facilityId: null,
      before: null,
      after: me,
    });
    return me;
  });
}

/** When the database has no users: an admin named `admin` with a one-time password, returned once. */
export async function ensureFirstAdmin(
  store: DbHandle,
  now: Date,
): Promise<{ username: string; password: string } | undefined> {
  if ((await accounts.countUsers(store.db)) > 0) return undefined;
  const password = oneTimePassword();
  await addUser(store, { username: 'system' }, { username: 'admin', password, role: 'admin' }, now);
  return { username: 'admin', password };
}
