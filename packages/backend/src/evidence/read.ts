import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import {
  PortGuardError,
  TsharkFlowBuilder,
  ZeekLogReader,
  detectEvidenceFormat,
  isGzipMagic,
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
  readonly onRecord: (r: EvidenceRecord) => void;
  /** Bytes of the file consumed so far (compressed bytes for .gz). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  readonly tsharkPath?: string;
}

const maxDocumentBytes = 256 * 1024 * 1024;

/** Splits a stream of text chunks into lines without holding more than one chunk. */
async function forEachLine(
  stream: Readable,
  onLine: (line: string) => void,
  onChunk?: () => void,
): Promise<void> {
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    onChunk?.();
    let start = 0;
    const text = rest === '' ? chunk : rest + chunk;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') onLine(rest);
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
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  // Progress is polled per chunk: a 'data' listener would switch the stream to flowing mode and defeat backpressure.
  const progress = () => opts.onProgress?.(raw.bytesRead, total);
  const stream: Readable = gz ? raw.pipe(createGunzip()) : raw;
  if (format === 'zeek-tsv' || format === 'zeek-json') {
    const reader = new ZeekLogReader(file, zeekPathFromFileName(file));
    let records = 0;
    await forEachLine(
      stream,
      (line) => {
        const r = reader.push(line);
        if (r !== null) {
          records++;
          opts.onRecord(r);
        }
      },
      progress,
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
  for (const r of out.records) opts.onRecord(r);
  return {
    file,
    format,
    records: out.records.length,
    issues: out.issues,
    refused: out.refused,
    meta: out.meta ?? {},
  };
}

function refused(file: string, format: EvidenceFormat | null, i: Issue): ImportedFile {
  return { file, format, records: 0, issues: [i], refused: true, meta: {} };
}

async function readPcap(path: string, file: string, total: number, opts: ReadOptions): Promise<ImportedFile> {
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
    'occurrence=f',
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
  for (const r of done.records) opts.onRecord(r);
  return {
    file,
    format: 'pcap',
    records: done.records.length,
    issues,
    refused: code !== 0 && done.records.length === 0,
    meta: done.meta,
  };
}
