import type { JobQueue } from '../jobs/queue.js';
import type { Context } from '../services/context.js';

/** What the HTTP layer needs: the services context, plus the job queue when this server runs one. */
export interface ServerContext extends Context {
  /** Absent: job routes answer 503 (e.g. a read-only reporting server). */
  readonly jobs?: JobQueue;
}

export interface ServerOptions {
  /** Max JSON body in bytes (default 1 MiB); imports have their own limit. */
  readonly bodyLimit?: number;
  /** Max upload per import request in bytes (default 50 MiB). */
  readonly importBodyLimit?: number;
  /** Login attempts per IP per minute (default 10). */
  readonly loginRateLimit?: number;
  /** Secure cookies (default true). Browsers accept them on http://127.0.0.1 and http://localhost. */
  readonly secureCookies?: boolean;
}
