import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { generateProblem, greedyPlan, periodOfDate } from '@portguard/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { createDb, migrateToLatest } from '../../src/db/index.js';
import { approveBaseline } from '../../src/tracking/service.js';
import { contextFor } from '../support/context.js';
import { runCli } from '../support/cli.js';

const cli = (...args: string[]) => runCli(args);

let dir: string;
const at = (name: string) => path.join(dir, name);
const problem = generateProblem({
  terminals: 3,
  cranes: 8,
  suppliers: 2,
  years: 8,
  seed: 2,
  startMonth: '2025-01',
});
const plan = greedyPlan(problem);
const first = [...plan.replacements].sort((a, b) => a.contractPeriod - b.contractPeriod)[0]!;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'portguard-track-'));
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('PORTGUARD_DB', '');
  const store = createDb({ kind: 'sqlite', file: at('t.db') });
  await migrateToLatest(store);
  await approveBaseline(contextFor(store), cliPrincipal(), { name: 'B1', problem, plan });
  await store.close();
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('portguard track / replan / report', () => {
  it('every command explains itself with an example', async () => {
    for (const cmd of [
      ['track', 'record'],
      ['track', 'status'],
      ['track', 'budget'],
      ['track', 'forecast'],
      ['replan'],
      ['baseline', 'approve'],
      ['baseline', 'list'],
      ['baseline', 'compare'],
      ['report'],
      ['report', 'ical'],
    ]) {
      const r = await cli(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out, cmd.join(' ')).toMatch(/Example:\n {2}\$ portguard /);
    }
  });

  it('records steps, refuses going back without a reason, and reports the same figures in CSV and XLSX', async () => {
    const db = ['--db', at('t.db')];
    const rec = await cli(
      ...db,
      'track',
      'record',
      first.craneId,
      'contracted',
      '--date',
      '2025-02-10',
      '--amount',
      '12,000,000.50',
      '--evidence',
      'C-1',
    );
    expect(rec.code, rec.err).toBe(0);
    const back = await cli(...db, 'track', 'record', first.craneId, 'funded', '--date', '2025-02-11');
    expect(back.code).toBe(2);
    expect(back.err).toMatch(/correction/);
    const noReason = await cli(
      ...db,
      'track',
      'record',
      first.craneId,
      'funded',
      '--date',
      '2025-02-11',
      '--correct',
    );
    expect(noReason.code).toBe(2);

    const status = JSON.parse((await cli(...db, 'track', 'status', '--json')).out) as {
      total: { counts: Record<string, number>; obligatedCents: number };
    };
    expect(status.total.counts.contracted).toBe(1);
    expect(status.total.obligatedCents).toBe(1_200_000_050);

    const replanned = JSON.parse((await cli(...db, 'replan', '--json')).out) as {
      issues: unknown[];
      plan: { replacements: { craneId: string; contractPeriod: number; costCents: number }[] };
    };
    expect(replanned.issues).toEqual([]);
    const kept = replanned.plan.replacements.find((r) => r.craneId === first.craneId)!;
    expect(kept.contractPeriod).toBe(1);
    expect(kept.costCents).toBe(1_200_000_050);

    expect((await cli(...db, 'report', '--out', at('r.csv'))).code).toBe(0);
    expect(
      (await cli(...db, 'report', '--scope', `port:${first.terminalId}`, '--out', at('r.xlsx'))).code,
    ).toBe(0);
    const bogus = await cli(...db, 'report', '--format', 'docx', '--out', at('r.docx'));
    expect([bogus.code, bogus.err]).toEqual([2, expect.stringContaining('expected csv, xlsx or pdf')]);
    if (existsSync('/usr/bin/chromium') || process.env.CI) {
      expect((await cli(...db, 'report', '--format', 'pdf', '--out', at('report-file'))).code).toBe(0);
      expect(readFileSync(at('report-file')).subarray(0, 4).toString()).toBe('%PDF');
    }
    const csv = readFileSync(at('r.csv'), 'utf8');
    expect(csv).toContain('# Progress');
    const allRow = csv.split('\n').find((l) => l.startsWith('all,'))!;
    expect(allRow.split(',').at(-2)).toBe('12000000.5');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(at('r.xlsx')) as unknown as ArrayBuffer);
    const progress = wb.getWorksheet('Progress')!;
    const rows = progress.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r[1] === 'all')!;
    expect(total[total.length - 2]).toBe(12000000.5);

    const ics = await cli(...db, 'report', 'ical', '--port', first.terminalId);
    expect(ics.code).toBe(0);
    expect(ics.out).toContain(`UID:${first.craneId}.contracted@portguard\r\nDTSTAMP:`);
    expect(ics.out).toContain('DTSTART;VALUE=DATE:20250210\r\n');
  });

  it('records a supplier’s delivery forecast that the re-plan takes as the arrival, and refuses a past date', async () => {
    const db = ['--db', at('t.db')];
    // The clock is the real one: a date some fourteen months ahead.
    const ahead = new Date(Date.now() + 420 * 86_400_000).toISOString().slice(0, 10);
    const past = await cli(
      ...db,
      'track',
      'forecast',
      first.craneId,
      '--arrival',
      '2025-03-01',
      '--reason',
      'late',
    );
    expect([past.code, past.err]).toEqual([2, expect.stringContaining('before today')]);
    const noReason = await cli(...db, 'track', 'forecast', first.craneId, '--arrival', ahead);
    expect(noReason.code).toBe(2);
    const ok = await cli(
      ...db,
      'track',
      'forecast',
      first.craneId,
      '--arrival',
      ahead,
      '--reason',
      'heavy-lift vessel slot lost',
      '--evidence',
      'letter 41',
      '--json',
    );
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      craneId: first.craneId,
      event: 'forecast',
      date: ahead,
      note: 'heavy-lift vessel slot lost',
      evidence: 'letter 41',
    });
    const replanned = JSON.parse((await cli(...db, 'replan', '--json')).out) as {
      issues: unknown[];
      plan: { replacements: { craneId: string; arrivalPeriod: number }[] };
      changes: { craneId: string; why: string }[];
    };
    expect(replanned.issues).toEqual([]);
    const r = replanned.plan.replacements.find((x) => x.craneId === first.craneId)!;
    expect(r.arrivalPeriod).toBe(periodOfDate(problem.startMonth, 'month', ahead));
    expect(replanned.changes.find((c) => c.craneId === first.craneId)?.why).toMatch(
      /forecasts delivery on .*heavy-lift vessel slot lost/,
    );
    const compared = await cli(...db, 'baseline', 'compare');
    expect(compared.code, compared.err).toBe(0);
    expect(compared.out).toContain('Supplier delivery forecasts: 1');
    const line = compared.out.split('\n').find((l) => l.includes(first.craneId) && l.includes(ahead));
    expect(line).toContain('heavy-lift vessel slot lost');
  });
});
