import type { PlanRunView, UserRole } from '@portguard/core';
import { addUser, issueApiToken, login, sessionPrincipal } from '../../src/auth/service.js';
import { loadConfig } from '../../src/config/config.js';
import { buildServer } from '../../src/http/server.js';
import { createJobQueue } from '../../src/jobs/queue.js';
import { createContext, createLogger, type Context } from '../../src/services/context.js';

/**
 * A server (context, job queue, app) over a SQLite file, called by user name with the bearer token in `tokens`: a new
 * one over the same file is a restart.
 */
export async function startSqliteServer(file: string, tokens: Readonly<Record<string, string>>) {
  const ctx = await createContext({
    config: loadConfig({}, { db: file }),
    db: { kind: 'sqlite', file },
    log: createLogger('silent'),
  });
  const jobs = await createJobQueue({ store: ctx.store, dbConfig: { kind: 'sqlite', file } });
  const app = await buildServer({ ...ctx, jobs }, { secureCookies: false });
  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[user]}` },
      ...(payload ? { payload } : {}),
    });
    return { status: r.statusCode, body: r.json() as unknown };
  };
  return {
    ctx,
    call,
    close: async () => {
      await app.close();
      await jobs.close();
      await ctx.close();
    },
  };
}

/** Adds the users and puts an API token for each in `tokens`, by user name. */
export async function addUsersWithTokens(
  ctx: Context,
  users: readonly {
    readonly username: string;
    readonly role: UserRole;
    readonly portIds?: string[];
    readonly facilityIds?: string[];
  }[],
  password: string,
  tokens: Record<string, string>,
): Promise<void> {
  const now = new Date();
  for (const u of users) {
    await addUser(ctx.store, { username: 'test' }, { ...u, password }, now);
    const s = await login(ctx.store, u.username, password, now);
    const p = (await sessionPrincipal(ctx.store, s.sessionSecret, now))!.principal;
    tokens[u.username] = (await issueApiToken(ctx.store, p, 'test', now)).token;
  }
}

/** Starts a plan run as `user` (a 202) and waits for it to end, for a minute at most. */
export async function planRunToEnd(
  server: Pick<Awaited<ReturnType<typeof startSqliteServer>>, 'call'>,
  user: string,
  request: object,
): Promise<{ readonly started: number; readonly run: PlanRunView }> {
  const started = await server.call(user, 'POST', '/api/dashboard/plans', request);
  let run = started.body as PlanRunView;
  for (let i = 0; i < 240 && (run.status === 'queued' || run.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    run = (await server.call(user, 'GET', `/api/dashboard/plans/${run.id}`)).body as PlanRunView;
  }
  return { started: started.status, run };
}
