import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '@portguard/core';
import { readEvidenceFile } from '../../src/evidence/read.js';

// Regenerate after an intended parser change: UPDATE_GOLDEN=1 npx vitest run packages/backend/test/evidence
const samples = fileURLToPath(new URL('./samples/', import.meta.url));
const goldens = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';
const files = readdirSync(samples)
  .filter((f) => f !== 'SOURCES.md')
  .sort();
const hasTshark = (() => {
  try {
    execFileSync(process.env['PORTGUARD_TSHARK'] ?? 'tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Must be refused, each with the reason that a reader should see. */
const mustRefuse: Record<string, RegExp> = {
  'cdx-spec-1.6__invalid-component-type-1.6.json': /type "foo"/,
  'libnmap__defused_et_local_includer.xml': /DTD or entities/,
  'libnmap__defused_et_included.xml': /neither an Nmap report/,
};

const maxFullRecords = 200;

/** JSON with object keys sorted, so the hash follows content and not property order. */
const canonicalJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );

async function snapshot(file: string) {
  const records: EvidenceRecord[] = [];
  const r = await readEvidenceFile(samples + file, { onRecord: (x) => records.push(x) });
  const all = canonicalJson(records);
  return {
    file,
    format: r.format,
    refused: r.refused,
    recordCount: records.length,
    issues: r.issues,
    meta: r.meta,
    recordsSha256: createHash('sha256').update(all).digest('hex'),
    records: records.length <= maxFullRecords ? records : records.slice(0, 50),
  };
}

describe('every evidence sample parses to its golden result or is refused with a clear message', () => {
  it('has a SOURCES.md row for every sample', () => {
    const sources = readFileSync(samples + 'SOURCES.md', 'utf8');
    for (const f of files) expect(sources, f).toContain(`\`${f}\``);
  });

  for (const file of files) {
    const needsTshark = file.endsWith('.pcap');
    it.skipIf(needsTshark && !hasTshark)(file, async () => {
      const got = JSON.parse(JSON.stringify(await snapshot(file))) as Awaited<ReturnType<typeof snapshot>>;
      const goldenPath = `${goldens}${file}.json`;
      if (update || !existsSync(goldenPath)) {
        if (!update) throw new Error(`no golden file for ${file}; run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(goldenPath, JSON.stringify(got, null, 1) + '\n');
      }
      expect(got).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
      const refusal = mustRefuse[file];
      if (refusal !== undefined) {
        expect(got.refused).toBe(true);
        expect(got.issues.map((i) => i.message).join('\n')).toMatch(refusal);
      } else {
        expect(got.refused, JSON.stringify(got.issues.slice(0, 3))).toBe(false);
      }
    });
  }
});
