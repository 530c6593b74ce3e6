// End-to-end: the national and a per-port status report on the bundled dataset, printed to PDF by Chromium,
// rasterised by poppler's pdftoppm and read back as pixels (the charts) and text (pdftotext), against the XLSX
// and the CSV.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LIFECYCLE_STEPS, periodDateLabel, periodOfDate, type PlannedReplacement } from '@portguard/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { loadConfig } from '../../src/config/config.js';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { createContext, fixedClock, type Context } from '../../src/services/context.js';
import { loadBundledIfEmpty, loadInventory } from '../../src/services/inventory.js';
import { runPlanning } from '../../src/services/plan.js';
import { CHART, reportToPdf } from '../../src/tracking/pdf.js';
import {
  buildStatusReport,
  reportToCsv,
  reportToXlsx,
  type ReportTable,
  type StatusReport,
} from '../../src/tracking/report.js';
import { approveBaseline, recordForecast, recordStep } from '../../src/tracking/service.js';
import { readPng, readPpm, type Rgb } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../artifacts/reports');
const runs = (cmd: string) => spawnSync(cmd, ['-v']).error === undefined;
const missing = [
  ...(existsSync(CHROMIUM) ? [] : [CHROMIUM]),
  ...['pdftoppm', 'pdftotext'].filter((c) => !runs(c)),
];

if (missing.length > 0 && !process.env.CI)
  console.warn(
    `\n!!!!!!!!!! report render NOT RUN: ${missing.join(', ')} missing (apt-get install -y chromium poppler-utils) !!!!!!!!!!\n`,
  );

describe.runIf(missing.length > 0)('report render prerequisites', () => {
  it('has Chromium and poppler-utils when CI is set', () => {
    if (process.env.CI)
      throw new Error(`report render NOT RUN: ${missing.join(', ')} missing; CI must install them`);
  });
});

const START = '2027-01';
const TODAY = '2029-09-15';
const dateOf = (p: number) => periodDateLabel(START, 'month', p).slice(0, 8) + '15';
const DPI = 100;
const px = (cssPx: number) => (cssPx * DPI) / 96;

type Cell = string | number;

/**
 * A small history on the bundled dataset: eight contracts, one paid, a six-month late delivery, an early one, and
 * a supplier forecasting a later delivery for a third crane.
 */
async function scriptedHistory(ctx: Context) {
  const dataset = await loadInventory(ctx);
  const run = await runPlanning(dataset, { startMonth: START, years: 10, methods: ['greedy'] });
  const plan = run.plans[0]!;
  const actor = cliPrincipal('e2e');
  await approveBaseline(ctx, actor, { name: 'FY27 baseline', problem: run.problem, plan });
  const byContract = [...plan.replacements].sort((a, b) => a.contractPeriod - b.contractPeriod);
  const slipped: PlannedReplacement = byContract[0]!;
  const early = byContract.find((r) => r.terminalId !== slipped.terminalId)!;
  const others = byContract.filter((r) => r !== slipped && r !== early).slice(0, 6);
  const contracted = [slipped, early, ...others];
  for (const r of contracted)
    await recordStep(ctx, actor, {
      craneId: r.craneId,
      event: 'contracted',
      date: dateOf(r.contractPeriod),
      amountCents: r.costCents,
      evidence: `contract ${r.craneId}`,
    });
  await recordStep(ctx, actor, {
    craneId: slipped.craneId,
    event: 'paid',
    date: dateOf(slipped.contractPeriod + 1),
    amountCents: 150_000_000,
  });
  await recordStep(ctx, actor, {
    craneId: slipped.craneId,
    event: 'delivered',
    date: dateOf(slipped.arrivalPeriod + 6),
  });
  await recordStep(ctx, actor, {
    craneId: early.craneId,
    event: 'delivered',
    date: dateOf(early.arrivalPeriod - 2),
  });
  await recordStep(ctx, actor, {
    craneId: early.craneId,
    event: 'commissioned',
    date: dateOf(early.arrivalPeriod + 1),
  });
  const forecast = others[0]!;
  const forecastPeriod = Math.max(forecast.arrivalPeriod + 4, periodOfDate(START, 'month', TODAY) + 2);
  await recordForecast(ctx, actor, {
    craneId: forecast.craneId,
    arrivalDate: dateOf(forecastPeriod),
    reason: 'heavy-lift vessel slot lost',
    evidence: 'supplier letter 41',
  });
  return {
    slipped,
    early,
    contracted,
    paidCents: 150_000_000,
    forecast: { craneId: forecast.craneId, slip: forecastPeriod - forecast.arrivalPeriod },
  };
}

const table = (report: StatusReport, name: string): ReportTable => {
  const t = report.tables.find((x) => x.name === name);
  if (!t) throw new Error(`the report has no ${name} table`);
  return t;
};

/** The rows of one sheet under its header, empty cells as ''. */
function sheetRows(wb: ExcelJS.Workbook, name: string): Cell[][] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`the XLSX has no sheet ${name}`);
  const width = ws.getRow(1).cellCount;
  const rows: Cell[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    rows.push(
      Array.from({ length: width }, (_, i) => {
        const v = values[i + 1];
        return typeof v === 'number' || typeof v === 'string' ? v : '';
      }),
    );
  }
  return rows;
}

/** The CSV's stacked blocks by name: rows under the header, as strings. */
function csvBlocks(csv: string): Map<string, string[][]> {
  const records = parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const out = new Map<string, string[][]>();
  let current: string[][] | undefined;
  let header = false;
  for (const r of records) {
    if (r.length === 1 && r[0]!.startsWith('# ')) {
      current = [];
      header = true;
      out.set(r[0]!.slice(2), current);
    } else if (header) header = false;
    else current?.push(r);
  }
  return out;
}

/** Numbers as pdftotext shows them (thousands separators) back to numbers; other words unchanged. */
const word = (w: string): Cell => (/^-?[\d,]+(\.\d+)?$/.test(w) ? Number(w.replaceAll(',', '')) : w);
const lineWords = (text: string) => text.split('\n').map((l) => l.trim().split(/\s+/).map(word));

const near = (p: Rgb, i: number, hex: string, tol = 12) => {
  const c = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  return c.every((v, k) => Math.abs(p.data[i * 3 + k]! - v) <= tol);
};

/** Per column, the rows (top to bottom) whose pixel has the colour, within a row band. */
function columnsOf(img: Rgb, hex: string, top = 0, bottom = img.height - 1) {
  const cols = new Map<number, number[]>();
  for (let y = top; y <= bottom; y++)
    for (let x = 0; x < img.width; x++)
      if (near(img, y * img.width + x, hex)) {
        const c = cols.get(x) ?? [];
        c.push(y);
        cols.set(x, c);
      }
  return cols;
}

/** Solid bars of one colour standing on the row `base`, left to right: their width and height in pixels. */
function barsOf(img: Rgb, hex: string, base: number, top: number, from: number, to: number) {
  const bars: { x: number; width: number; height: number }[] = [];
  let open: { x: number; width: number; height: number } | undefined;
  for (let x = from; x <= to; x++) {
    let h = 0;
    for (let y = base; y >= top && near(img, y * img.width + x, hex); y--) h++;
    if (h >= 2) {
      if (open) {
        open.width++;
        open.height = Math.max(open.height, h);
      } else bars.push((open = { x, width: 1, height: h }));
    } else open = undefined;
  }
  return bars;
}

const SCOPES = ['national', 'port'] as const;
type Scope = (typeof SCOPES)[number];

describe.runIf(missing.length === 0)('status reports, rendered', () => {
  let dir: string;
  let ctx: Context;
  let history: Awaited<ReturnType<typeof scriptedHistory>>;
  const reports = new Map<Scope, StatusReport>();
  /** The port of the terminal where the supplier slipped, and its terminals. */
  let port = '';
  let portTerminals = new Set<string>();
  const file = (scope: Scope, ext: string) =>
    path.join(ARTIFACTS, `${scope === 'national' ? 'national' : port}${ext}`);
  const report = (scope: Scope) => reports.get(scope)!;
  const inScope = (scope: Scope, terminalId: string) => scope === 'national' || portTerminals.has(terminalId);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'portguard-report-'));
    const db = path.join(dir, 'r.db');
    ctx = await createContext({
      config: loadConfig({}, { db }),
      db: { kind: 'sqlite', file: db },
      log: pino({ level: 'silent' }),
      clock: fixedClock(`${TODAY}T12:00:00Z`),
    });
    await loadBundledIfEmpty(ctx, () => loadBundledDataset());
    history = await scriptedHistory(ctx);
    const facility = await ctx.store.db
      .selectFrom('facilities')
      .select('port_id')
      .where('id', '=', history.slipped.terminalId)
      .executeTakeFirstOrThrow();
    port = facility.port_id ?? history.slipped.terminalId;
    reports.set('national', await buildStatusReport(ctx, { kind: 'national' }));
    reports.set('port', await buildStatusReport(ctx, { kind: 'port', port }));
    portTerminals = new Set(table(report('port'), 'Slippage').rows.map((r) => String(r[0])));
    for (const scope of SCOPES) {
      writeFileSync(file(scope, '.csv'), reportToCsv(report(scope)));
      writeFileSync(file(scope, '.xlsx'), await reportToXlsx(report(scope)));
      writeFileSync(file(scope, '.pdf'), await reportToPdf(report(scope), CHROMIUM));
    }
  }, 90_000);

  afterAll(async () => {
    await ctx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pdftoppm = (...args: string[]) => {
    const r = spawnSync('pdftoppm', ['-r', String(DPI), '-f', '1', '-l', '1', '-singlefile', ...args]);
    expect(r.status, r.stderr.toString()).toBe(0);
  };
  /** Page 1 of this run's PDF as pixels (always rasterised again: an older PNG may be left in artifacts/). */
  const page1 = (scope: Scope) => {
    pdftoppm('-png', file(scope, '.pdf'), file(scope, '-page-1'));
    return readPng(readFileSync(file(scope, '-page-1.png')));
  };

  it('reads pdftoppm PNG output to the same pixels as its PPM output', () => {
    pdftoppm('-png', file('national', '.pdf'), file('national', '-page-1'));
    pdftoppm(file('national', '.pdf'), path.join(dir, 'page'));
    const png = readPng(readFileSync(file('national', '-page-1.png')));
    const ppm = readPpm(readFileSync(path.join(dir, 'page.ppm')));
    // A4 landscape (297 × 210 mm) at 100 dpi, give or take the rounding of the PDF's page box.
    expect(Math.abs(png.width - 1169)).toBeLessThanOrEqual(3);
    expect(Math.abs(png.height - 827)).toBeLessThanOrEqual(3);
    expect([ppm.width, ppm.height]).toEqual([png.width, png.height]);
    expect(Buffer.compare(Buffer.from(png.data), Buffer.from(ppm.data))).toBe(0);
  });

  it('the port report covers the port’s terminals only, with its own figures', () => {
    const national = report('national');
    const mine = report('port');
    expect(mine.title).toBe(`Status report: port ${port}`);
    expect(portTerminals.has(history.slipped.terminalId)).toBe(true);
    const allTerminals = table(national, 'Slippage').rows.map((r) => String(r[0]));
    expect(portTerminals.size).toBeGreaterThan(0);
    expect(portTerminals.size).toBeLessThan(allTerminals.length);
    for (const name of ['Progress', 'Cranes', 'Capacity', 'Milestones missed'])
      for (const row of table(mine, name).rows)
        if (row[name === 'Cranes' || name === 'Milestones missed' ? 1 : 0] !== 'all')
          expect(
            portTerminals.has(String(row[name === 'Cranes' || name === 'Milestones missed' ? 1 : 0])),
            name,
          ).toBe(true);
    // The sites' cameras are tracked beside the cranes, but only terminals have a TEU capacity.
    expect(allTerminals.some((id) => id.includes('~'))).toBe(true);
    const capacityRows = table(national, 'Capacity').rows.map((r) => String(r[0]));
    expect(capacityRows.length).toBeGreaterThan(0);
    expect(capacityRows.filter((id) => id.includes('~'))).toEqual([]);
    // Less risk remains at one port than in the nation, period by period, and some remains at the port.
    const nat = table(national, 'Risk').rows;
    const own = table(mine, 'Risk').rows;
    expect(own).toHaveLength(nat.length);
    own.forEach((row, i) => expect(Number(row[1])).toBeLessThanOrEqual(Number(nat[i]![1])));
    expect(Number(own[0]![1])).toBeGreaterThan(0);
    expect(Number(own[0]![1])).toBeLessThan(Number(nat[0]![1]));
  });

  for (const scope of SCOPES)
    it(`${scope}: draws the risk burn-down and the spend bars on the first page from the report figures`, () => {
      const img = page1(scope);
      const inner = px(CHART.height - 2 * CHART.pad);
      const plotWidth = px(CHART.width - CHART.pad - CHART.left);

      // The current remaining risk: one continuous red line across the plot, through every period's value.
      const risk = table(report(scope), 'Risk');
      const base = risk.rows.map((r) => Number(r[1]));
      const now = risk.rows.map((r) => Number(r[2]));
      const riskMax = Math.max(...base, ...now);
      const red = columnsOf(img, CHART.currentLine);
      const xs = [...red.keys()].sort((a, b) => a - b);
      expect(xs.length).toBeGreaterThan(plotWidth * 0.95);
      const [x0, x1] = [xs[0]!, xs.at(-1)!];
      expect(x1 - x0).toBeGreaterThan(plotWidth - 3);
      expect(x1 - x0).toBeLessThan(plotWidth + 3);
      const mid = (x: number) => {
        const ys = red.get(x) ?? [];
        return ys.length ? (Math.min(...ys) + Math.max(...ys)) / 2 : NaN;
      };
      // The zero line, from where the first value is drawn.
      const zero = mid(x0 + 1) + (now[0]! / riskMax) * inner;
      const off: string[] = [];
      for (let i = 0; i < now.length; i++) {
        const x = Math.round(x0 + (i * (x1 - x0)) / (now.length - 1));
        const ys = [x - 1, x, x + 1].flatMap((c) => red.get(c) ?? []);
        const want = zero - (now[i]! / riskMax) * inner;
        if (ys.length === 0 || want < Math.min(...ys) - 3 || want > Math.max(...ys) + 3)
          off.push(
            `${String(risk.rows[i]![0])}: want y≈${want.toFixed(1)}, red at ${Math.min(...ys)}-${Math.max(...ys)}`,
          );
      }
      expect(off).toEqual([]);
      // It burns down as the figures say: the drawn drop is the figures' drop, to scale.
      const drop = ((now[0]! - now.at(-1)!) / riskMax) * inner;
      expect(drop).toBeGreaterThan(20);
      expect(Math.abs(mid(x1 - 1) - mid(x0 + 1) - drop)).toBeLessThanOrEqual(4);

      // The spend bars: grey for the baseline, blue for now, one per fiscal year with money, heights to scale.
      const spend = table(report(scope), 'Spend');
      const sb = spend.rows.map((r) => Number(r[1]));
      const sc = spend.rows.map((r) => Number(r[2]));
      const spendMax = Math.max(...sb, ...sc);
      const blue = columnsOf(img, CHART.currentBar, Math.max(...[...red.values()].flat()));
      const floor = Math.max(...[...blue.values()].flat());
      const top = Math.floor(floor - inner - 3);
      const bw = px(
        Math.min(CHART.maxSlot, (CHART.width - CHART.pad - CHART.left) / spend.rows.length) * 0.35,
      );
      const check = (hex: string, values: number[]) => {
        const bars = barsOf(img, hex, floor, top, x0 - 2, x1 + 2);
        const want = values.filter((v) => v > 0).map((v) => (v / spendMax) * inner);
        expect(bars.map((b) => b.height).length, hex).toBe(want.length);
        bars.forEach((b, i) => {
          expect(Math.abs(b.height - want[i]!), `${hex} bar ${i}`).toBeLessThanOrEqual(3);
          expect(Math.abs(b.width - bw), `${hex} bar ${i} width`).toBeLessThanOrEqual(3);
        });
        return bars;
      };
      const grey = check(CHART.baselineBar, sb);
      const blues = check(CHART.currentBar, sc);
      // Each fiscal year with money has its bars; a port has fewer years than the nation.
      expect(grey.length + blues.length).toBeGreaterThan(scope === 'national' ? 8 : 1);
    });

  for (const scope of SCOPES)
    it(`${scope}: opens the XLSX with the same figures as the CSV and the PDF text`, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file(scope, '.xlsx')) as unknown as ArrayBuffer);
      const csv = csvBlocks(readFileSync(file(scope, '.csv'), 'utf8'));
      const r = spawnSync('pdftotext', ['-layout', file(scope, '.pdf'), '-']);
      expect(r.status, r.stderr.toString()).toBe(0);
      const text = r.stdout.toString();
      const lines = lineWords(text);

      for (const name of [
        'Headline',
        'Progress',
        'Spend',
        'Slippage',
        'Cranes',
        'Forecasts',
        'Milestones missed',
      ]) {
        const rows = sheetRows(wb, name);
        // The workbook holds the report, cell for cell, and so does the CSV.
        expect(rows, name).toEqual(table(report(scope), name).rows.map((row) => [...row]));
        const fromCsv = csv
          .get(name)
          ?.map((row, j) => row.map((c, i) => (typeof rows[j]?.[i] === 'number' ? Number(c) : c)));
        expect(fromCsv, name).toEqual(rows);
      }

      const headline = new Map(sheetRows(wb, 'Headline').map(([k, v]) => [String(k), v]));
      const progress = sheetRows(wb, 'Progress');
      const all = progress.find((row) => row[0] === 'all')!;
      const spend = sheetRows(wb, 'Spend');
      const slippage = sheetRows(wb, 'Slippage');
      const cranes = sheetRows(wb, 'Cranes');
      const forecasts = sheetRows(wb, 'Forecasts');
      const sumCol = (rows: Cell[][], i: number) => rows.reduce((a, row) => a + Number(row[i]), 0);
      const cents = (v: Cell | undefined) => Math.round(Number(v) * 100);

      // The scripted history, as the figures tell it, for the cranes in scope.
      const contracted = history.contracted.filter((x) => inScope(scope, x.terminalId));
      const earlyHere = inScope(scope, history.early.terminalId);
      const obligated = contracted.reduce((a, x) => a + x.costCents, 0);
      expect(headline.get('contracted or further')).toBe(contracted.length);
      expect(headline.get('commissioned or further')).toBe(earlyHere ? 1 : 0);
      expect(cents(headline.get('obligated USD'))).toBe(obligated);
      expect(cents(all.at(-2))).toBe(obligated);
      expect(cents(headline.get('paid USD'))).toBe(history.paidCents);
      expect(cents(all.at(-1))).toBe(history.paidCents);
      expect(headline.get('untrusted cranes')).toBe(
        all.slice(1, 1 + LIFECYCLE_STEPS.length).reduce<number>((a, v) => a + Number(v), 0),
      );
      expect(headline.get('untrusted cranes')).toBe(sumCol(progress.slice(0, -1), 1) + contracted.length);
      expect(cents(headline.get('baseline spend USD'))).toBe(Math.round(sumCol(spend, 1) * 100));
      expect(cents(headline.get('current spend USD'))).toBe(Math.round(sumCol(spend, 2) * 100));
      for (const [fy, b, c, d] of spend) expect(cents(d), `FY${fy}`).toBe(cents(c) - cents(b));
      const craneRow = (craneId: string) => cranes.find((row) => row[0] === craneId);
      // Slip in service (col 6) and, apart, the delivery as recorded (col 8) and as forecast (col 9).
      expect(craneRow(history.slipped.craneId)?.[6]).toBe(6);
      expect(craneRow(history.slipped.craneId)?.[8]).toBe(6);
      expect(craneRow(history.slipped.craneId)?.[9]).toBe('');
      if (earlyHere) {
        expect(craneRow(history.early.craneId)?.[6]).toBe(-2);
        expect(craneRow(history.early.craneId)?.[8]).toBe(-2);
      } else expect(craneRow(history.early.craneId)).toBeUndefined();
      const forecastHere = cranes.some((row) => row[0] === history.forecast.craneId);
      if (forecastHere) {
        expect(craneRow(history.forecast.craneId)?.[5]).toBe('forecast');
        expect(craneRow(history.forecast.craneId)?.[8]).toBe('');
        expect(craneRow(history.forecast.craneId)?.[9]).toBe(history.forecast.slip);
        expect(forecasts).toEqual([
          [
            history.forecast.craneId,
            expect.any(String),
            expect.any(String),
            expect.any(String),
            history.forecast.slip,
            'heavy-lift vessel slot lost',
            'supplier letter 41',
            'e2e',
            TODAY,
          ],
        ]);
      } else expect(forecasts).toEqual([]);
      if (scope === 'national') expect(forecastHere).toBe(true);
      expect(headline.get('cranes late')).toBe(cranes.filter((row) => Number(row[6]) > 0).length);
      expect(headline.get('cranes early')).toBe(cranes.filter((row) => Number(row[6]) < 0).length);
      expect(headline.get('delivered late (recorded)')).toBe(
        cranes.filter((row) => Number(row[8]) > 0).length,
      );
      expect(headline.get('forecast late (supplier)')).toBe(
        forecasts.filter((row) => Number(row[4]) > 0).length,
      );
      if (earlyHere) expect(Number(headline.get('cranes early'))).toBeGreaterThanOrEqual(1);
      const late = slippage.find((row) => row[0] === history.slipped.terminalId)!;
      expect(Number(late[4])).toBeGreaterThanOrEqual(1);
      expect(headline.get('largest terminal slip (periods)')).toBe(
        Math.max(...slippage.map((row) => row[3]).filter((v) => typeof v === 'number')),
      );

      // The PDF shows the same numbers: each headline figure beside its label, each table row on one line.
      for (const [label, value] of headline) {
        const at = text.indexOf(label);
        expect(at, label).toBeGreaterThan(0);
        const shown = text
          .slice(at + label.length)
          .trimStart()
          .split(/\s/)[0]!;
        expect(word(shown), label).toBe(value);
      }
      const shownRow = (row: Cell[]) => row.filter((c) => c !== '');
      const onALine = (row: Cell[]) =>
        lines.some((l) => l.length === shownRow(row).length && l.every((w, i) => w === shownRow(row)[i]));
      for (const row of [...progress, ...spend, ...slippage])
        expect(onALine(row), `PDF row ${row.join(' | ')}`).toBe(true);
    });
});
