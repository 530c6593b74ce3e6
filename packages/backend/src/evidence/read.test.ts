import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ObservationSet, parseZeekLog, type EvidenceRecord } from '@portguard/core';
import { readEvidenceFile } from './read.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Over two 4 MiB read chunks, the first ending inside a multi-byte character; CRLF endings and no final line feed.
function bigConnLog(): string {
  const lines = [
    '#separator \\x09',
    '#unset_field\t-',
    '#empty_field\t(empty)',
    '#path\tconn',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\torig_bytes\tresp_bytes',
  ];
  for (let i = 0; i < 130_000; i++) {
    const service = i % 7 === 0 ? 'modbus-Ünïcødé-漢字' : i % 5 === 0 ? '-' : 'dns';
    lines.push(
      `${1764115200 + i / 1000}\tC${i}\t10.0.${i % 3}.${i % 250}\t${1024 + i}\t${i % 11 === 0 ? `2001:db8::${i % 9}` : `10.9.0.${i % 40}`}\t${i % 13 === 0 ? '-' : 502 + (i % 4)}\ttcp\t${service}\t${i % 100}\t${i % 17}`,
    );
  }
  const text = lines.join('\r\n');
  const chunk = 4 * 1024 * 1024;
  const bytes = Buffer.from(text);
  const lead = bytes.lastIndexOf(Buffer.from('漢'), chunk - 4);
  const pad = chunk - (lead + 1);
  // A comment line of `pad` bytes moves the chunk boundary between the first and second byte of '漢'.
  return `#${'p'.repeat(pad - 3)}\r\n${text}`;
}

describe('readEvidenceFile', () => {
  const text = bigConnLog();
  const plain = path.join(dir, 'big__conn.log');
  writeFileSync(plain, text);
  const gz = path.join(dir, 'big__conn.log.gz');
  writeFileSync(gz, gzipSync(Buffer.from(text)));
  const expected = parseZeekLog(text, 'big__conn.log', 'conn');

  it('reads a file of several chunks line for line as the whole text', async () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(8 * 1024 * 1024);
    const records: EvidenceRecord[] = [];
    const r = await readEvidenceFile(plain, { onRecord: (x) => records.push(x) });
    expect((Buffer.from(text)[4 * 1024 * 1024] ?? 0) >> 6).toBe(2);
    expect(records.length).toBe(130_000);
    expect(records).toEqual(expected.records);
    expect(r.issues).toEqual(expected.issues);
  });

  it('folds the same observations from plain and gzip files as adding every record', async () => {
    const want = new ObservationSet();
    for (const x of expected.records) want.add(x, 'big__conn.log');
    const fromPlain = new ObservationSet();
    const a = await readEvidenceFile(plain, { observations: fromPlain });
    expect(a.records).toBe(130_000);
    expect(fromPlain.snapshot()).toEqual(want.snapshot());
    const fromGzip = new ObservationSet();
    const b = await readEvidenceFile(gz, { observations: fromGzip });
    expect(b.records).toBe(130_000);
    expect(fromGzip.snapshot().flows).toEqual(want.snapshot().flows);
    expect(fromGzip.snapshot().devices.map((d) => d.ip)).toEqual(want.snapshot().devices.map((d) => d.ip));
  });
});
