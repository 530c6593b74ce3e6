import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import {
  ZeekLogReader,
  combineZeekParts,
  type FlowPart,
  type ObservationSet,
  type ZeekReadPart,
  type ZeekReadResult,
} from '@portguard/core';
import { fileChunks, forEachText } from './chunks.js';

/** What a worker thread folds: one byte range of a conn.log, after the file's header lines. */
export interface ConnRange {
  readonly path: string;
  readonly file: string;
  readonly pathHint?: string;
  readonly header: string;
  readonly start: number;
  readonly end: number;
}

export interface ConnRangeResult {
  readonly records: number;
  readonly part: FlowPart;
  readonly read: ZeekReadPart;
}

/** The leading `#` lines of a TSV Zeek log when they declare a conn.log with its fields and data follows; else null. */
export function connHeader(
  headText: string,
  file: string,
  pathHint: string | undefined,
): { header: string; bytes: number; lines: number } | null {
  let end = 0;
  let lines = 0;
  while (end < headText.length && headText.charCodeAt(end) === 35) {
    const nl = headText.indexOf('\n', end);
    if (nl < 0) return null;
    end = nl + 1;
    lines++;
  }
  if (end >= headText.length) return null;
  const header = headText.slice(0, end);
  if (!header.includes('#fields')) return null;
  const probe = new ZeekLogReader(file, pathHint);
  probe.pushText(header, () => undefined);
  return probe.logPath === 'conn' ? { header, bytes: Buffer.byteLength(header), lines } : null;
}

/** The offset just after the first line feed at or after `from` (or the file's end). */
async function nextLineStart(path: string, from: number, size: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let at = from; at < size; at += buf.length) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, at);
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl >= 0) return at + nl + 1;
      if (bytesRead === 0) break;
    }
    return size;
  } finally {
    await fh.close();
  }
}

function foldInWorker(range: ConnRange): Promise<ConnRangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./conn-worker-shim.mjs', import.meta.url), { workerData: range });
    let done = false;
    worker.once('message', (m: ConnRangeResult) => {
      done = true;
      resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done)
        reject(new Error(`conn.log worker for bytes ${range.start}-${range.end} exited with ${code}`));
    });
  });
}

/**
 * Folds a large conn.log on `threads` threads: this thread reads the first byte range, worker threads the others
 * (each cut at a line feed), and the workers' conversations are replayed in file order, so the observations are the
 * ones a single reader would fold (see ObservationSet.replayFlowPart), and so are the issues and their line numbers.
 */
export async function foldConnLogParallel(
  path: string,
  file: string,
  size: number,
  header: { header: string; bytes: number; lines: number },
  pathHint: string | undefined,
  obs: ObservationSet,
  threads: number,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<{ records: number; result: ZeekReadResult }> {
  const body = size - header.bytes;
  const cuts = [0];
  for (let k = 1; k < threads; k++)
    cuts.push(await nextLineStart(path, header.bytes + Math.floor((body * k) / threads) - 1, size));
  cuts.push(size);
  const workers = cuts.slice(1, -1).map((start, i) =>
    foldInWorker({
      path,
      file,
      ...(pathHint === undefined ? {} : { pathHint }),
      header: header.header,
      start,
      end: cuts[i + 2] as number,
    }),
  );
  // A failed worker must not leave an unhandled rejection while this thread is still reading.
  for (const w of workers) w.catch(() => undefined);
  const reader = new ZeekLogReader(file, pathHint);
  let records = 0;
  const first = cuts[1] as number;
  await forEachText(
    fileChunks(path, (n) => onProgress?.(Math.round((n / Math.max(first, 1)) * size), size), 0, first),
    (text) => (records += reader.foldText(text, obs, file)),
  );
  const parts: ZeekReadPart[] = [reader.part()];
  for (const w of workers) {
    const r = await w;
    obs.replayFlowPart(r.part, file);
    records += r.records;
    parts.push(r.read);
  }
  return { records, result: combineZeekParts(file, parts, header.lines) };
}
