import { sql } from 'kysely';
import { aComponent, aCrane, aTerminal } from '@portguard/core/testing';
import { Port, type UserRole } from '@portguard/core';
import type { DbConfig, DbHandle } from '../../src/db/index.js';
import { inventoryRepository } from '../../src/db/index.js';
import { addUser, issueApiToken, sessionPrincipal, login } from '../../src/auth/service.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger, systemClock } from '../../src/services/context.js';
import { buildServer } from '../../src/http/server.js';
import { createJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import type { App } from '../../src/http/routes/types.js';

/** Two ports: port-a (fac-a1, fac-a2) and port-b (fac-b1), each with cranes; one user per role. */
export const world = {
  ports: ['port-a', 'port-b'],
  facilities: { 'fac-a1': 'port-a', 'fac-a2': 'port-a', 'fac-b1': 'port-b' } as Record<string, string>,
  assets: {
    'crane-a1-1': 'fac-a1',
    'crane-a1-2': 'fac-a1',
    'crane-a2-1': 'fac-a2',
    'crane-b1-1': 'fac-b1',
  } as Record<string, string>,
};

export type UserName = 'admin' | 'office' | 'op-a' | 'op-b1' | 'auditor';
export const users: ReadonlyArray<{
  username: UserName;
  role: UserRole;
  facilityIds?: string[];
  portIds?: string[];
}> = [
  { username: 'admin', role: 'admin' },
  { username: 'office', role: 'program-office' },
  { username: 'op-a', role: 'port-operator', portIds: ['port-a'] },
  { username: 'op-b1', role: 'port-operator', facilityIds: ['fac-b1'] },
  { username: 'auditor', role: 'auditor' },
];
export const PASSWORD = 'correct horse battery staple';

export async function seed(store: DbHandle): Promise<void> {
  const ports = world.ports.map((id, i) =>
    Port.parse({ id, name: `Port ${id}`, state: 'CA', location: { lat: 33 + i, lon: -118 } }),
  );
  const facilities = Object.entries(world.facilities).map(([id, portId]) =>
    aTerminal({ id: id as never, portId: portId as never }),
  );
  const assets = Object.entries(world.assets).map(([id, facilityId]) =>
    aCrane(facilityId, { id: id as never }),
  );
  const components = [
    aComponent('crane-a1-1', { id: 'plc-a1-1' as never }),
    aComponent('crane-b1-1', { id: 'plc-b1-1' as never }),
  ];
  await inventoryRepository(store.db, store.dialect).upsert({ ports, facilities, assets, components });
}

export interface Harness {
  readonly app: App;
  readonly store: DbHandle;
  readonly jobs: JobQueue;
  /** Bearer token per user name. */
  readonly tokens: Record<string, string>;
  close(): Promise<void>;
}

export async function harness(
  store: DbHandle,
  dbConfig: DbConfig,
  options: { loginRateLimit?: number } = {},
): Promise<Harness> {
  await seed(store);
  const now = new Date();
  const tokens: Record<string, string> = {};
  for (const u of users) {
    await addUser(store, { username: 'test' }, { ...u, password: PASSWORD }, now);
    const s = await login(store, u.username, PASSWORD, now);
    const p = (await sessionPrincipal(store, s.sessionSecret, now))!.principal;
    tokens[u.username] = (await issueApiToken(store, p, 'test', now)).token;
  }
  const jobs = await createJobQueue({ store, dbConfig });
  const ctx = {
    store,
    config: loadConfig({}),
    log: createLogger('silent'),
    clock: systemClock,
    jobs,
    close: () => Promise.resolve(),
  };
  const app = await buildServer(ctx, { secureCookies: false, ...options });
  return {
    app,
    store,
    jobs,
    tokens,
    close: async () => {
      await app.close();
      await jobs.close();
      if (store.schema)
        await sql`drop schema if exists ${sql.id(`${store.schema}_boss`)} cascade`.execute(store.db);
    },
  };
}

/** Where the fixture's store lives, so job threads can open it too. */
export function dbConfigOf(store: DbHandle, pgUrl: string | undefined): DbConfig {
  return store.dialect === 'sqlite'
    ? { kind: 'sqlite', file: store.where }
    : { kind: 'postgres', url: pgUrl!, ...(store.schema ? { schema: store.schema } : {}) };
}
