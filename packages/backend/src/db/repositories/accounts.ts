import { randomUUID } from 'node:crypto';
import { PortGuardError, UserRole, type Access, type FacilityId } from '@portguard/core';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import '../server-tables.js';

type Db = Kysely<Database>;
const t = (db: Db) => db;

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly role: UserRole;
  readonly passwordHash: string;
  readonly facilityIds: readonly string[];
  readonly portIds: readonly string[];
  readonly disabled: boolean;
}

export interface NewUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly role: UserRole;
  readonly facilityIds: readonly string[];
  readonly portIds: readonly string[];
}

export async function countUsers(db: Db): Promise<number> {
  const r = await t(db)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function createUser(db: Db, u: NewUser, now: Date): Promise<UserRecord> {
  if (u.role === 'port-operator' && u.facilityIds.length === 0 && u.portIds.length === 0) {
    throw new PortGuardError('invalid_input', 'a port-operator needs at least one --facility or --port', [
      { code: 'missing_scope', path: ['facilityIds'], message: 'expected at least one facility or port id' },
    ]);
  }
  if (u.role !== 'port-operator' && (u.facilityIds.length > 0 || u.portIds.length > 0)) {
    throw new PortGuardError(
      'invalid_input',
      `role ${u.role} sees all ports; facility and port scopes are for port-operator`,
    );
  }
  const existing = await t(db)
    .selectFrom('users')
    .select('id')
    .where('username', '=', u.username)
    .executeTakeFirst();
  if (existing) throw new PortGuardError('conflict', `user ${u.username} already exists`);
  const id = randomUUID();
  await t(db)
    .insertInto('users')
    .values({
      id,
      username: u.username,
      password_hash: u.passwordHash,
      role: u.role,
      created_at: now.toISOString(),
      disabled_at: null,
    })
    .execute();
  const scopes = [
    ...u.facilityIds.map((s) => ({ user_id: id, scope_kind: 'facility' as const, scope_id: s })),
    ...u.portIds.map((s) => ({ user_id: id, scope_kind: 'port' as const, scope_id: s })),
  ];
  if (scopes.length > 0) await t(db).insertInto('user_scopes').values(scopes).execute();
  return {
    id,
    username: u.username,
    role: u.role,
    passwordHash: u.passwordHash,
    facilityIds: u.facilityIds,
    portIds: u.portIds,
    disabled: false,
  };
}

async function load(db: Db, where: { id: string } | { username: string }): Promise<UserRecord | undefined> {
  let q = t(db).selectFrom('users').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('username', '=', where.username);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  // Only port-operators have scopes (createUser refuses them for the other roles).
  const scopes =
    row.role === 'port-operator'
      ? await t(db)
          .selectFrom('user_scopes')
          .select(['scope_kind', 'scope_id'])
          .where('user_id', '=', row.id)
          .execute()
      : [];
  return {
    id: row.id,
    username: row.username,
    role: UserRole.parse(row.role),
    passwordHash: row.password_hash,
    facilityIds: scopes.filter((s) => s.scope_kind === 'facility').map((s) => s.scope_id),
    portIds: scopes.filter((s) => s.scope_kind === 'port').map((s) => s.scope_id),
    disabled: row.disabled_at !== null,
  };
}

export const findUserByUsername = (db: Db, username: string) => load(db, { username });
export const findUserById = (db: Db, id: string) => load(db, { id });

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await t(db).selectFrom('users').select('id').orderBy('username').execute();
  const out: UserRecord[] = [];
  for (const r of rows) {
    const u = await load(db, { id: r.id });
    if (u) out.push(u);
  }
  return out;
}

export async function setPassword(db: Db, username: string, passwordHash: string): Promise<void> {
  const r = await t(db)
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('username', '=', username)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new PortGuardError('not_found', `no user ${username}`);
  await t(db)
    .deleteFrom('sessions')
    .where('user_id', 'in', t(db).selectFrom('users').select('id').where('username', '=', username))
    .execute();
}

/**
 * The facilities a user may see. A port scope covers every facility of that port, including ones added later,
 * because it is resolved on each request.
 */
export async function resolveAccess(db: Db, user: UserRecord): Promise<Access> {
  if (user.role !== 'port-operator') return { kind: 'all' };
  const ids = new Set<string>(user.facilityIds);
  if (user.portIds.length > 0) {
    const rows = await t(db)
      .selectFrom('facilities')
      .select('id')
      .where('port_id', 'in', [...user.portIds])
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return { kind: 'facilities', ids: [...ids].sort() as FacilityId[] };
}

// Sessions

export async function createSession(
  db: Db,
  s: { idHash: string; userId: string; csrfHash: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await t(db)
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_hash: s.csrfHash,
      created_at: now.toISOString(),
      expires_at: s.expiresAt.toISOString(),
    })
    .execute();
}

export async function findSession(
  db: Db,
  idHash: string,
  now: Date,
): Promise<{ user: UserRecord; csrfHash: string } | undefined> {
  const s = await t(db)
    .selectFrom('sessions')
    .select(['user_id', 'csrf_hash'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!s) return undefined;
  const user = await findUserById(db, s.user_id);
  return user && !user.disabled ? { user, csrfHash: s.csrf_hash } : undefined;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await t(db).deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

// API tokens

export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  tokenHash: string,
  now: Date,
): Promise<{ id: string }> {
  const id = randomUUID();
  await t(db)
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      name,
      token_hash: tokenHash,
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id };
}

export async function findUserByToken(db: Db, tokenHash: string, now: Date): Promise<UserRecord | undefined> {
  const row = await t(db)
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  // Written at most once a minute so that a busy script does not turn every read into a write.
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await t(db)
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  const user = await findUserById(db, row.user_id);
  return user && !user.disabled ? user : undefined;
}

export async function listApiTokens(db: Db, userId: string) {
  const rows = await t(db)
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function revokeApiToken(db: Db, userId: string, id: string, now: Date): Promise<void> {
  const r = await t(db)
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new PortGuardError('not_found', `no token ${id}`);
}
