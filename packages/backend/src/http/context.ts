import type { Logger } from 'pino';
import type { DbHandle } from '../db/index.js';
import type { JobQueue } from '../jobs/queue.js';

/** What the HTTP layer needs from the process that hosts it. */
export interface ServerContext {
  readonly store: DbHandle;
  readonly log?: Logger;
  readonly clock: () => Date;
  /** Absent: job routes answer 503 (e.g. a read-only reporting server). */
  readonly jobs?: JobQueue;
}

export interface ServerOptions {
  /** Max JSON body in bytes (default 1 MiB); imports have their own limit. */
  readonly bodyLimit?: number;
  readonly importBodyLimit?: number;
  /** Login attempts per IP per minute (default 10). */
  readonly loginRateLimit?: number;
  /** Secure cookies (default true). Browsers accept them on http://127.0.0.1 and http://localhost. */
  readonly secureCookies?: boolean;
}
