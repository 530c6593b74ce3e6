import { PortGuardError, type Access, type JobView } from '@portguard/core';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DbConfig, DbHandle } from '../db/index.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import * as jobs from '../db/repositories/jobs.js';
import type { Principal } from '../auth/principal.js';
import { jobKinds } from './kinds/index.js';
import { runInThread, type JobOutcome } from './run-in-thread.js';
import type { ThreadInput } from './thread.js';

/**
 * Background jobs. Every job is a row in `jobs` (status, progress, result); the queue decides who runs it:
 * - 'local' (SQLite): this process runs queued rows in worker threads; rows left running by a dead process
 *   are queued again on start.
 * - 'pg-boss' (PostgreSQL): pg-boss delivers job ids to any process running workers (`portguard serve` or
 *   `portguard worker`); an attempt whose process died expires and is delivered again.
 * Each attempt is numbered and only the current attempt of a running job may finish it, so the outcome and
 * its audit entry are written once.
 */
export interface JobQueue {
  submit(p: Principal, kind: string, payload: unknown): Promise<JobView>;
  get(access: Access, id: string): Promise<JobView | undefined>;
  list(access: Access, limit: number): Promise<JobView[]>;
  /** Resolves when no job is running in this process (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface JobQueueOptions {
  readonly store: DbHandle;
  /** How job threads open the same store. */
  readonly dbConfig: DbConfig;
  readonly log?: Logger;
  readonly clock?: () => Date;
  /** Run jobs in this process (default true); false = only enqueue (pg-boss mode with separate workers). */
  readonly work?: boolean;
  /**
   * Attempts run at once in this process, each in its own worker thread (default 1: a MILP solve or a simulation
   * keeps a core busy, and on a 2-core machine the HTTP server needs the other). pg-boss: one `work()` per slot.
   */
  readonly concurrency?: number;
  /** pg-boss: an attempt not finished after this long is presumed dead and delivered again (default 3600). */
  readonly expireInSeconds?: number;
  /** pg-boss: how often expired attempts are looked for (default 30). */
  readonly maintenanceIntervalSeconds?: number;
}

const QUEUE = 'portguard-jobs';
/** Light jobs (see JobKind.light) get their own pg-boss queue and one worker per process. */
const LIGHT_QUEUE = 'portguard-jobs-light';
/** Slots for light jobs beyond `concurrency`, per process. */
const LIGHT_SLOTS = 1;

/** Whether a job may use the light slot: its kind says so for this payload. */
function isLight(kind: string, payload: unknown): boolean {
  const k = jobKinds.get(kind);
  if (!k?.light) return false;
  const parsed = k.payload.safeParse(payload);
  return parsed.success && k.light(parsed.data);
}

export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  return options.dbConfig.kind === 'postgres'
    ? PgBossQueue.start(options, options.dbConfig)
    : LocalQueue.start(options);
}

abstract class BaseQueue implements JobQueue {
  protected running = 0;
  private waiters: Array<() => void> = [];

  /** Attempts this process runs at once. */
  readonly concurrency: number;

  constructor(protected readonly o: Omit<JobQueueOptions, 'dbConfig'> & { readonly dbConfig?: DbConfig }) {
    this.concurrency = o.concurrency ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1)
      throw new PortGuardError(
        'invalid_input',
        `job concurrency must be a whole number >= 1, got ${o.concurrency}`,
      );
  }

  protected now(): Date {
    return this.o.clock ? this.o.clock() : new Date();
  }

  protected abstract dispatch(job: JobView, payload: unknown): Promise<void>;
  abstract close(): Promise<void>;

  async submit(p: Principal, kind: string, payload: unknown): Promise<JobView> {
    const k = jobKinds.get(kind);
    if (!k)
      throw new PortGuardError('not_found', `no job kind ${kind}; known: ${[...jobKinds.keys()].join(', ')}`);
    if (!k.roles.includes(p.role))
      throw new PortGuardError('forbidden', `role ${p.role} cannot start ${kind} jobs`);
    const parsed = k.payload.safeParse(payload);
    if (!parsed.success) {
      throw new PortGuardError(
        'invalid_input',
        `invalid ${kind} parameters`,
        parsed.error.issues.map((i) => ({
          code: i.code,
          path: ['body', ...i.path.map(String)],
          message: i.message,
        })),
      );
    }
    const job = await jobs.insertJob(
      this.o.store.db,
      { kind, payload: parsed.data, createdBy: p.username, access: p.access },
      this.now(),
    );
    await this.dispatch(job, parsed.data);
    return job;
  }

  get(access: Access, id: string) {
    return jobs.getJob(this.o.store.db, access, id);
  }

  list(access: Access, limit: number) {
    return jobs.listJobs(this.o.store.db, access, limit);
  }

  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  /** One attempt's work: in a fresh worker thread with its own connection to the store. */
  protected runKind(
    input: Omit<ThreadInput, 'db'>,
    onProgress: (fraction: number, message: string | null) => void,
  ): Promise<JobOutcome> {
    const db = this.o.dbConfig;
    if (!db) throw new PortGuardError('infrastructure', 'this job queue has no database for its threads');
    return runInThread({ ...input, db }, onProgress);
  }

  /** Claims and runs one attempt of a job; false when there was nothing to do (finished, or claimed elsewhere). */
  protected async execute(id: string): Promise<boolean> {
    const attempt = await jobs.claimJob(this.o.store.db, id, this.now());
    return attempt !== undefined && this.runAttempt(id, attempt);
  }

  /** Runs an attempt already claimed; its slot is counted from the first line, before any await. */
  protected async runAttempt(id: string, attempt: number): Promise<boolean> {
    const { store } = this.o;
    this.running++;
    try {
      const job = await jobs.loadJobForRun(store.db, id);
      if (!job) return false;
      let lastWrite = 0;
      let pending: Promise<void> = Promise.resolve();
      const outcome: JobOutcome = await this.runKind(
        { kind: job.view.kind, payload: job.payload, access: job.access },
        (fraction, message) => {
          const t = Date.now();
          if (t - lastWrite < 250) return;
          lastWrite = t;
          pending = pending.then(() =>
            jobs.setJobProgress(store.db, id, attempt, Math.max(0, Math.min(1, fraction)), message),
          );
        },
      );
      await pending.catch(() => undefined);
      const now = this.now();
      const recorded = await store.db.transaction().execute(async (trx) => {
        const ok = await jobs.finishJob(trx, id, attempt, outcome, now);
        if (ok) {
          await appendAudit(
            trx,
            store.dialect,
            {
              actor: job.view.createdBy,
              action: `job.${outcome.status}`,
              entity: 'job',
              entityId: id,
              facilityId: null,
              before: null,
              after: {
                kind: job.view.kind,
                attempt,
                ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
              },
            },
            now,
          );
        }
        return ok;
      });
      this.o.log?.info(
        { job: id, kind: job.view.kind, attempt, status: outcome.status, recorded },
        'job attempt finished',
      );
      return true;
    } finally {
      this.running--;
      if (this.running === 0) for (const w of this.waiters.splice(0)) w();
    }
  }
}

class LocalQueue extends BaseQueue {
  private closed = false;
  private pumping = false;
  private again = false;
  // Slots in use, counted by the pump (claim to finish); `running` also counts attempts from elsewhere.
  private regularRunning = 0;
  private lightRunning = 0;

  static async start(o: JobQueueOptions): Promise<LocalQueue> {
    const q = new LocalQueue(o);
    if (o.work !== false) {
      const n = await jobs.requeueOrphanedJobs(o.store.db);
      if (n > 0) o.log?.warn({ jobs: n }, 'queued again jobs left running by a previous process');
      q.pump();
    }
    return q;
  }

  protected dispatch(): Promise<void> {
    if (this.o.work !== false) this.pump();
    return Promise.resolve();
  }

  private pump(): void {
    if (this.closed) return;
    if (this.pumping) {
      // A job was submitted or finished while the loop ran: look again once it ends.
      this.again = true;
      return;
    }
    this.pumping = true;
    this.again = false;
    void (async () => {
      try {
        while (!this.closed) {
          const regularFree = this.regularRunning < this.concurrency;
          const lightFree = this.lightRunning < LIGHT_SLOTS;
          if (!regularFree && !lightFree) break;
          // Oldest first: a light job takes the light slot when it is free, anything else a regular slot.
          let next: { id: string } | undefined;
          let inLightSlot = false;
          for (const j of await jobs.queuedJobs(this.o.store.db, 50)) {
            if (lightFree && isLight(j.kind, j.payload)) {
              next = j;
              inLightSlot = true;
              break;
            }
            if (regularFree) {
              next = j;
              break;
            }
          }
          if (next === undefined) break;
          const id = next.id;
          // Claimed here, before looking for the next row, so that one row never gets two attempts at once.
          const attempt = await jobs.claimJob(this.o.store.db, id, this.now());
          if (attempt === undefined) continue;
          if (inLightSlot) this.lightRunning++;
          else this.regularRunning++;
          void this.runAttempt(id, attempt)
            .catch((e: unknown) => this.o.log?.error({ err: e, job: id }, 'job runner failed'))
            .finally(() => {
              if (inLightSlot) this.lightRunning--;
              else this.regularRunning--;
              this.pump();
            });
        }
      } catch (e) {
        this.o.log?.error({ err: e }, 'job queue could not read the next job');
      } finally {
        this.pumping = false;
        if (this.again) this.pump();
      }
    })();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }
}

class PgBossQueue extends BaseQueue {
  private constructor(
    o: JobQueueOptions,
    private readonly boss: PgBoss,
  ) {
    super(o);
  }

  static async start(o: JobQueueOptions, db: Extract<DbConfig, { kind: 'postgres' }>): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: db.url,
      schema: db.schema ? `${db.schema}_boss` : 'pgboss',
      maintenanceIntervalSeconds: o.maintenanceIntervalSeconds ?? 30,
      max: 4,
    });
    boss.on('error', (e: unknown) => o.log?.error({ err: e }, 'pg-boss error'));
    await boss.start();
    await boss.createQueue(QUEUE);
    await boss.createQueue(LIGHT_QUEUE);
    const q = new PgBossQueue(o, boss);
    if (o.work !== false) {
      const slots: string[] = [
        ...Array.from({ length: q.concurrency }, () => QUEUE),
        ...Array.from({ length: LIGHT_SLOTS }, () => LIGHT_QUEUE),
      ];
      for (const name of slots) {
        await boss.work<{ jobId: string }>(
          name,
          { pollingIntervalSeconds: 1, batchSize: 1 },
          async ([delivery]) => {
            if (delivery) await q.execute(delivery.data.jobId);
          },
        );
      }
    }
    return q;
  }

  protected async dispatch(job: JobView, payload: unknown): Promise<void> {
    const sent = await this.boss.send(
      isLight(job.kind, payload) ? LIGHT_QUEUE : QUEUE,
      { jobId: job.id },
      { retryLimit: 5, expireInSeconds: this.o.expireInSeconds ?? 3600 },
    );
    if (sent === null) throw new PortGuardError('infrastructure', `pg-boss did not accept job ${job.id}`);
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await this.idle();
  }
}

/**
 * For a server built without a job queue (tests, embedding): each submitted job runs at once, in this process and
 * on its event loop, over the same store; its row, outcome and audit entry are written as the queue writes them,
 * so what it computed outlives the process. `portguard serve` always runs a real queue.
 */
export function createInProcessJobQueue(options: Pick<JobQueueOptions, 'store' | 'log' | 'clock'>): JobQueue {
  return new InProcessQueue(options);
}

class InProcessQueue extends BaseQueue {
  protected dispatch(job: JobView): Promise<void> {
    setImmediate(() => {
      this.execute(job.id).catch((e: unknown) =>
        this.o.log?.error({ err: e, job: job.id }, 'job runner failed'),
      );
    });
    return Promise.resolve();
  }

  protected override async runKind(
    input: Omit<ThreadInput, 'db'>,
    onProgress: (fraction: number, message: string | null) => void,
  ): Promise<JobOutcome> {
    const kind = jobKinds.get(input.kind);
    if (!kind) return { status: 'failed', error: `unknown job kind ${input.kind}` };
    try {
      const result = await kind.run({
        payload: kind.payload.parse(input.payload),
        access: input.access,
        store: this.o.store,
        now: () => this.now(),
        progress: (fraction, message) => onProgress(fraction, message ?? null),
      });
      return { status: 'succeeded', result: JSON.parse(JSON.stringify(result ?? null)) as unknown };
    } catch (e) {
      return { status: 'failed', error: e instanceof Error ? e.message : String(e) };
    }
  }

  close(): Promise<void> {
    return this.idle();
  }
}
