import type { Access, UserRole } from '@portguard/core';
import type { z } from 'zod';
import type { DbHandle } from '../db/index.js';

export interface JobRunInput<P> {
  readonly payload: P;
  /** The rights of whoever started the job; pass it to every repository call. */
  readonly access: Access;
  readonly store: DbHandle;
  readonly now: () => Date;
  /** 0..1 and a short message; rate-limited by the runner. */
  progress(fraction: number, message?: string): void;
}

/**
 * One kind of background job. It runs inside a worker thread with its own database connection, so it may
 * block (e.g. a MILP solve) without stalling the HTTP server. Its result must be JSON.
 */
export interface JobKind<P = unknown> {
  readonly name: string;
  readonly description: string;
  readonly payload: z.ZodType<P>;
  /** Roles that may start it. */
  readonly roles: readonly UserRole[];
  /**
   * Seconds of work, not minutes (a greedy plan, an audit check): such a job may take the queue's one extra slot
   * when every regular slot is busy, so it does not wait behind a MILP solve or a simulation.
   */
  readonly light?: (payload: P) => boolean;
  run(input: JobRunInput<P>): Promise<unknown>;
}

export const defineJobKind = <P>(k: JobKind<P>): JobKind<P> => k;
