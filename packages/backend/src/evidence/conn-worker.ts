import { parentPort, workerData } from 'node:worker_threads';
import { ObservationSet, ZeekLogReader } from '@portguard/core';
import { fileChunks, forEachText } from './chunks.js';
import type { ConnRange, ConnRangeResult } from './parallel-conn.js';

// One byte range of a conn.log, folded apart: the header first (so the reader knows the fields), then the range.
const job = workerData as ConnRange;
const obs = new ObservationSet({ trackFirstRows: true });
const reader = new ZeekLogReader(job.file, job.pathHint);
let records = reader.foldText(job.header, obs, job.file);
await forEachText(
  fileChunks(job.path, () => undefined, job.start, job.end),
  (text) => {
    records += reader.foldText(text, obs, job.file);
  },
);
const result: ConnRangeResult = { records, part: obs.flowPart(), read: reader.part() };
parentPort?.postMessage(result);
