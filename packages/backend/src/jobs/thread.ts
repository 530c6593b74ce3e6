import { parentPort, workerData } from 'node:worker_threads';
import { isPortGuardError, type Access } from '@portguard/core';
import { createDb, type DbConfig } from '../db/index.js';
import { jobKinds } from './kinds/index.js';

/** Messages from a job thread to its runner. */
export type ThreadMessage =
  | { readonly type: 'progress'; readonly fraction: number; readonly message: string | null }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'error'; readonly message: string };

export interface ThreadInput {
  readonly kind: string;
  readonly payload: unknown;
  readonly access: Access;
  readonly db: DbConfig;
}

const input = workerData as ThreadInput;
const post = (m: ThreadMessage) => parentPort!.postMessage(m);

const kind = jobKinds.get(input.kind);
if (!kind) {
  post({ type: 'error', message: `unknown job kind ${input.kind}` });
} else {
  const store = createDb(input.db);
  try {
    const result = await kind.run({
      payload: kind.payload.parse(input.payload),
      access: input.access,
      store,
      now: () => new Date(),
      progress: (fraction, message) => post({ type: 'progress', fraction, message: message ?? null }),
    });
    post({ type: 'done', result: JSON.parse(JSON.stringify(result ?? null)) as unknown });
  } catch (e) {
    post({ type: 'error', message: isPortGuardError(e) || e instanceof Error ? e.message : String(e) });
  } finally {
    await store.close();
  }
}
