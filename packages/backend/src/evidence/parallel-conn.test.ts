import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ObservationSet } from '@portguard/core';
import { connHeader } from './parallel-conn.js';
import { readEvidenceFile } from './read.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Rows whose conversations recur across the whole file, out of time order, with services that change from row to
// row, IPv6, unset ports, unreadable times and rows with a wrong field count in every part.
function connLog(rows: number, badFrom = 0): string {
  const lines = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\torig_bytes\tresp_bytes',
    '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tcount\tcount',
  ];
  let seed = 7;
  const rnd = (m: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % m;
  };
  for (let i = 0; i < rows; i++) {
    const client = rnd(300);
    const src = client % 29 === 0 ? `2001:db8::${client}` : `10.${client % 3}.0.${client % 200}`;
    const dst = rnd(25) === 0 ? `203.0.113.${rnd(8)}` : `10.9.0.${rnd(30)}`;
    const port = rnd(40) === 0 ? '-' : String([502, 44818, 53, 443][rnd(4)]);
    const bad = i >= badFrom * rows;
    const ts = bad && rnd(97) === 0 ? 'XXXXXXXXXX.XXXXXX' : (1764115200 + i / 100 - rnd(5000)).toFixed(6);
    const service = ['-', 'modbus', 'dns', 'ssl'][rnd(4)];
    if (bad && rnd(211) === 0) lines.push(`${ts}\tCbad${i}\t${src}`);
    else
      lines.push(
        `${ts}\tC${i}\t${src}\t${1024 + rnd(60000)}\t${dst}\t${port}\ttcp\t${service}\t${rnd(900)}\t${rnd(9000)}`,
      );
  }
  lines.push('#close\t2026-11-26-23-59-59');
  return `${lines.join('\n')}\n`;
}

describe('a conn.log folded on several threads', () => {
  const file = path.join(dir, 'site__conn.log');
  writeFileSync(file, connLog(60_000));

  // Bad rows only in the last fifth: their line numbers come from the last worker.
  const late = path.join(dir, 'late__conn.log');
  writeFileSync(late, connLog(30_000, 0.8));

  it('folds the observations, records, issues (with their line numbers) and meta of a single reader', async () => {
    for (const f of [file, late]) {
      const one = new ObservationSet();
      const want = await readEvidenceFile(f, { observations: one, threads: 1 });
      expect(want.issues.length).toBeGreaterThan(2);
      for (const threads of [2, 3]) {
        const many = new ObservationSet();
        const got = await readEvidenceFile(f, { observations: many, threads, parallelMinBytes: 0 });
        expect(got).toEqual(want);
        expect(many.snapshot()).toEqual(one.snapshot());
        expect(many.rows).toBe(one.rows);
      }
    }
  }, 60_000);

  it('is used only for a TSV conn.log whose header fits the first read', () => {
    const text = connLog(10);
    expect(connHeader(text, 'x.log', undefined)).toMatchObject({ lines: 7 });
    expect(connHeader(text.replace('#path\tconn', '#path\tdns'), 'x.log', undefined)).toBeNull();
    expect(connHeader('#separator \\x09\n#path\tconn\n', 'x.log', undefined)).toBeNull();
  });
});
