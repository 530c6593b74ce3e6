import { Worker } from 'node:worker_threads';
import type { ThreadInput, ThreadMessage } from './thread.js';

export type JobOutcome = { status: 'succeeded'; result: unknown } | { status: 'failed'; error: string };

/** Runs one job attempt in a fresh worker thread; resolves with its outcome, never rejects. */
export function runInThread(
  input: ThreadInput,
  onProgress: (fraction: number, message: string | null) => void,
): Promise<JobOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./thread-shim.mjs', import.meta.url), { workerData: input });
    let settled = false;
    const settle = (o: JobOutcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') onProgress(m.fraction, m.message);
      else if (m.type === 'done') settle({ status: 'succeeded', result: m.result });
      else settle({ status: 'failed', error: m.message });
    });
    worker.on('error', (e) => settle({ status: 'failed', error: `job thread crashed: ${e.message}` }));
    worker.on('exit', (code) =>
      settle({ status: 'failed', error: `job thread exited with code ${code} before finishing` }),
    );
  });
}
