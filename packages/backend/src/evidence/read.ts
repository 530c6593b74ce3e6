import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import {
  PortGuardError,
  TsharkFlowBuilder,
  ZeekLogReader,
  detectEvidenceFormat,
  isGzipMagic,
  type ObservationSet,
  isPcapMagic,
  issue,
  parseCycloneDxJson,
  parseCycloneDxXml,
  parseNmapXml,
  parseStixBundle,
  tsharkFields,
  zeekPathFromFileName,
  type EvidenceFormat,
  type EvidenceRecord,
  type Issue,
} from '@portguard/core';
import { fileChunks, forEachText } from './chunks.js';
import { connHeader, foldConnLogParallel } from './parallel-conn.js';

export interface ImportedFile {
  readonly file: string;
  readonly format: EvidenceFormat | null;
  readonly records: number;
  readonly issues: readonly Issue[];
  readonly refused: boolean;
  readonly meta: Readonly<Record<string, unknown>>;
}

export interface ReadOptions {
  /** Called with every record as it is read; nothing is kept unless the caller keeps it. */
  readonly onRecord?: (r: EvidenceRecord) => void;
  /**
   * Records are folded into this set (as `add(record, file name)`) instead of handed to `onRecord`. Faster for
   * conn.log: a row of a conversation already seen is folded from its numbers without building a record.
   */
  readonly observations?: ObservationSet;
  /** Bytes of the file consumed so far (compressed bytes for .gz). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly tsharkPath?: string;
  /**
   * Threads for an uncompressed TSV conn.log folded into `observations` (default 1), used from `parallelMinBytes`
   * (default 64 MB) up; at most the machine's CPUs. The observations are the same either way. A second thread pays
   * off only when a CPU is idle: each worker loads @portguard/core (about 1.7 s) and its half's conversations are
   * copied back and replayed.
   */
  readonly threads?: number;
  readonly parallelMinBytes?: number;
}

const maxDocumentBytes = 256 * 1024 * 1024;

/** Splits a stream of text into lines (LF or CRLF) without holding more than one chunk. */
async function forEachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  await forEachText(stream as AsyncIterable<Buffer>, (text) => {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      onLine(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
      start = end + 1;
    }
  });
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Reads one evidence file of any supported format, streaming where the format allows. */
export async function readEvidenceFile(path: string, opts: ReadOptions): Promise<ImportedFile> {
  const file = basename(path);
  const total = (await stat(path)).size;
  const head = await readHead(path, 64 * 1024);
  const gz = isGzipMagic(head);
  if (isPcapMagic(head)) return readPcap(path, file, total, opts);
  let headText: string;
  if (gz) {
    try {
      headText = gunzipSync(head, { finishFlush: 2 }).toString('utf8');
    } catch {
      return refused(
        file,
        null,
        issue('evidence.bad_gzip', [file], 'refused: the file starts like gzip but cannot be decompressed'),
      );
    }
  } else headText = head.toString('utf8');
  const detected = detectEvidenceFormat(headText, file);
  if (!detected.ok) return refused(file, null, detected.issue);
  const format = detected.format;
  const onRecord = recordSink(opts, file);
  if ((format === 'zeek-tsv' || format === 'zeek-json') && !gz) {
    const threads = Math.min(opts.threads ?? 1, availableParallelism());
    const obs = opts.observations;
    const hint = zeekPathFromFileName(file);
    const header =
      format === 'zeek-tsv' &&
      obs !== undefined &&
      threads > 1 &&
      total >= (opts.parallelMinBytes ?? 64 * 1024 * 1024)
        ? connHeader(headText, file, hint)
        : null;
    if (header !== null && obs !== undefined) {
      const { records, result } = await foldConnLogParallel(
        path,
        file,
        total,
        header,
        hint,
        obs,
        threads,
        opts.onProgress,
      );
      return { file, format, records, issues: result.issues, refused: result.refused, meta: result.meta };
    }
    const reader = new ZeekLogReader(file, hint);
    let records = 0;
    const chunks = fileChunks(path, (n) => opts.onProgress?.(n, total));
    await forEachText(
      chunks,
      obs === undefined
        ? (text) => (records += reader.pushText(text, onRecord))
        : (text) => (records += reader.foldText(text, obs, file)),
    );
    const done = reader.finish();
    return { file, format, records, issues: done.issues, refused: done.refused, meta: done.meta };
  }
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  // Progress is polled per chunk: a 'data' listener would switch the stream to flowing mode and defeat backpressure.
  const progress = () => opts.onProgress?.(raw.bytesRead, total);
  const stream: Readable = gz ? raw.pipe(createGunzip({ chunkSize: 1024 * 1024 })) : raw;
  if (format === 'zeek-tsv' || format === 'zeek-json') {
    const reader = new ZeekLogReader(file, zeekPathFromFileName(file));
    let records = 0;
    const obs = opts.observations;
    const pieces = (async function* () {
      for await (const c of stream as AsyncIterable<Buffer>) {
        progress();
        yield c;
      }
    })();
    await forEachText(
      pieces,
      obs === undefined
        ? (text) => (records += reader.pushText(text, onRecord))
        : (text) => (records += reader.foldText(text, obs, file)),
    );
    const done = reader.finish();
    return { file, format, records, issues: done.issues, refused: done.refused, meta: done.meta };
  }
  const chunks: string[] = [];
  let size = 0;
  stream.setEncoding('utf8');
  for await (const c of stream as AsyncIterable<string>) {
    progress();
    size += c.length;
    if (size > maxDocumentBytes) {
      raw.destroy();
      return refused(
        file,
        format,
        issue(
          'evidence.too_large',
          [file],
          `refused: ${format} documents over ${maxDocumentBytes / 1024 / 1024} MB are not read`,
        ),
      );
    }
    chunks.push(c);
  }
  const text = chunks.join('');
  const out =
    format === 'nmap-xml'
      ? parseNmapXml(text, file)
      : format === 'cyclonedx-json'
        ? parseCycloneDxJson(text, file)
        : format === 'cyclonedx-xml'
          ? parseCycloneDxXml(text, file)
          : parseStixBundle(text, file);
  for (const r of out.records) onRecord(r);
  return {
    file,
    format,
    records: out.records.length,
    issues: out.issues,
    refused: out.refused,
    meta: out.meta ?? {},
  };
}

function recordSink(opts: ReadOptions, file: string): (r: EvidenceRecord) => void {
  const obs = opts.observations;
  if (obs !== undefined) return (r) => obs.add(r, file);
  return opts.onRecord ?? (() => undefined);
}

function refused(file: string, format: EvidenceFormat | null, i: Issue): ImportedFile {
  return { file, format, records: 0, issues: [i], refused: true, meta: {} };
}

async function readPcap(path: string, file: string, total: number, opts: ReadOptions): Promise<ImportedFile> {
  const onRecord = recordSink(opts, file);
  const tshark = opts.tsharkPath ?? process.env['PORTGUARD_TSHARK'] ?? 'tshark';
  const args = [
    '-n',
    '-r',
    path,
    '-T',
    'fields',
    ...tsharkFields.flatMap((f) => ['-e', f]),
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=,',
  ];
  const child = spawn(tshark, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const spawnError = new Promise<Error | null>((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(null));
  });
  const err = await spawnError;
  if (err !== null) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new PortGuardError(
        'infrastructure',
        `cannot read ${file}: pcap files are read with Wireshark's tshark, which is not installed (Debian/Ubuntu: apt-get install -y tshark; or set PORTGUARD_TSHARK to its path)`,
      );
    }
    throw new PortGuardError('infrastructure', `cannot run tshark for ${file}: ${err.message}`);
  }
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    if (stderr.length < 4000) stderr += c;
  });
  const builder = new TsharkFlowBuilder(file);
  const exit = new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? 1)));
  await forEachLine(child.stdout, (line) => builder.push(line));
  const code = await exit;
  opts.onProgress?.(total, total);
  const done = builder.finish();
  const issues: Issue[] = [...done.issues];
  if (code !== 0)
    issues.push(
      issue(
        'pcap.tshark_failed',
        [file],
        `tshark exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
      ),
    );
  for (const r of done.records) onRecord(r);
  return {
    file,
    format: 'pcap',
    records: done.records.length,
    issues,
    refused: code !== 0 && done.records.length === 0,
    meta: done.meta,
  };
}
