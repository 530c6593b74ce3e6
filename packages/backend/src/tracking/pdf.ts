import { PortGuardError } from '@portguard/core';
import type { BrowserType } from 'playwright-core';
import type { ReportTable, StatusReport } from './report.js';

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Series colours and geometry (CSS px) of the report's charts; the end-to-end test reads the rendered pixels. */
export const CHART = {
  width: 700,
  height: 250,
  /** Left margin, for the value labels; the other sides use `pad`. */
  left: 56,
  pad: 36,
  /** Widest slot of one category's pair of bars, so that a port with one fiscal year gets bars, not walls. */
  maxSlot: 90,
  baselineLine: '#999999',
  currentLine: '#c0392b',
  baselineBar: '#bbbbbb',
  currentBar: '#2c7fb8',
} as const;

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** Axes with the value scale (0, half, max) on the left; `unit` prefixes the labels ('$'). */
function frame(max: number, unit: string): string {
  const { width: W, height: H, pad, left } = CHART;
  const y = (v: number) => H - pad - (v / max) * (H - 2 * pad);
  const ticks = [0, max / 2, max]
    .map(
      (v) =>
        `<line x1="${left - 4}" y1="${y(v).toFixed(1)}" x2="${left}" y2="${y(v).toFixed(1)}" stroke="#888"/><text x="${left - 6}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end">${esc(unit + compact.format(v))}</text>`,
    )
    .join('');
  return `<line x1="${left}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/><line x1="${left}" y1="${pad}" x2="${left}" y2="${H - pad}" stroke="#888"/>${ticks}`;
}

const svg = (title: string, body: string) =>
  `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${CHART.height}" viewBox="0 0 ${CHART.width} ${CHART.height}">${body}</svg></figure>`;

/** A line chart of two series (baseline and current) as inline SVG, with a dotted line at `marker` (as of). */
function lineChart(
  title: string,
  labels: readonly string[],
  a: readonly number[],
  b: readonly number[],
  marker: number | undefined,
): string {
  const { width: W, height: H, pad, left } = CHART;
  const max = Math.max(1e-9, ...a, ...b);
  const x = (i: number) => left + (i * (W - pad - left)) / Math.max(1, labels.length - 1);
  const y = (v: number) => H - pad - (v / max) * (H - 2 * pad);
  const path = (s: readonly number[]) =>
    s.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks = labels
    .map((l, i) => ({ l, i }))
    .filter(({ i }) => i % Math.max(1, Math.ceil(labels.length / 8)) === 0)
    .map(
      ({ l, i }) =>
        `<text x="${x(i).toFixed(1)}" y="${H - 12}" font-size="9" text-anchor="middle">${esc(l)}</text>`,
    )
    .join('');
  const today =
    marker === undefined
      ? ''
      : `<line x1="${x(marker).toFixed(1)}" y1="${pad}" x2="${x(marker).toFixed(1)}" y2="${H - pad}" stroke="#555" stroke-dasharray="1 2"/><text x="${x(marker).toFixed(1)}" y="${pad - 4}" font-size="9" text-anchor="middle">as of ${esc(labels[marker] ?? '')}</text>`;
  return svg(
    title,
    `${frame(max, '')}${today}
<path d="${path(a)}" fill="none" stroke="${CHART.baselineLine}" stroke-width="2" stroke-dasharray="5 3"/><path d="${path(b)}" fill="none" stroke="${CHART.currentLine}" stroke-width="2"/>
${ticks}<text x="${W - pad}" y="${pad - 8}" font-size="10" text-anchor="end">baseline (dashed) · current (red)</text>`,
  );
}

/** Paired bars per category as inline SVG. */
function barChart(
  title: string,
  labels: readonly string[],
  a: readonly number[],
  b: readonly number[],
): string {
  const { width: W, height: H, pad, left } = CHART;
  const max = Math.max(1e-9, ...a, ...b);
  const slot = Math.min(CHART.maxSlot, (W - pad - left) / Math.max(1, labels.length));
  const start = left + (W - pad - left - slot * labels.length) / 2;
  const bw = slot * 0.35;
  const h = (v: number) => (Math.max(0, v) / max) * (H - 2 * pad);
  const bars = labels
    .map((l, i) => {
      const x0 = start + i * slot + slot * 0.15;
      return `<rect x="${x0.toFixed(1)}" y="${(H - pad - h(a[i] ?? 0)).toFixed(1)}" width="${bw.toFixed(1)}" height="${h(a[i] ?? 0).toFixed(1)}" fill="${CHART.baselineBar}"/>
<rect x="${(x0 + bw).toFixed(1)}" y="${(H - pad - h(b[i] ?? 0)).toFixed(1)}" width="${bw.toFixed(1)}" height="${h(b[i] ?? 0).toFixed(1)}" fill="${CHART.currentBar}"/>
<text x="${(x0 + bw).toFixed(1)}" y="${H - 12}" font-size="9" text-anchor="middle">${esc(l)}</text>`;
    })
    .join('');
  return svg(
    title,
    `${bars}${frame(max, '$')}
<text x="${W - pad}" y="${pad - 8}" font-size="10" text-anchor="end">baseline (grey) · current (blue)</text>`,
  );
}

/** Money and TEU columns get thousands separators; years, counts and periods stay as they are. */
const cell = (c: string | number, header: string | undefined) =>
  typeof c === 'number' && /USD|TEU/.test(header ?? '') ? grouped.format(c) : String(c);

const table = (t: ReportTable, limit = 60) =>
  `<h2>${esc(t.name)}</h2><table><thead><tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .slice(0, limit)
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(cell(c, t.header[i]))}</td>`).join('')}</tr>`,
    )
    .join(
      '',
    )}</tbody></table>${t.rows.length > limit ? `<p>${t.rows.length - limit} more rows in the XLSX and CSV.</p>` : ''}`;

/** The headline figures as a two-column table; money labels carry "USD". */
const headline = (t: ReportTable) =>
  `<table class="headline"><caption>Headline figures</caption><tbody>${t.rows
    .map(([k, v]) => `<tr><th>${esc(k ?? '')}</th><td class="n">${esc(cell(v ?? '', String(k)))}</td></tr>`)
    .join('')}</tbody></table>`;

/**
 * The report as one printable HTML page: the headline figures beside the risk burn-down and the spend per fiscal
 * year (inline SVG charts) on the first page, then every table but the per-period risk.
 */
export function reportToHtml(report: StatusReport): string {
  const get = (name: string) => report.tables.find((t) => t.name === name);
  const risk = get('Risk');
  const spend = get('Spend');
  const labels = risk?.rows.map((r) => String(r[0])) ?? [];
  const asOfMonth = report.asOf.slice(0, 7);
  const marker = labels.findLastIndex((l) => l <= asOfMonth);
  const charts = [
    risk
      ? lineChart(
          'Remaining risk: baseline burn-down vs now',
          labels,
          risk.rows.map((r) => Number(r[1])),
          risk.rows.map((r) => Number(r[2])),
          marker < 0 ? undefined : marker,
        )
      : '',
    spend
      ? barChart(
          'Spend per fiscal year (USD): baseline vs now',
          spend.rows.map((r) => `FY${r[0]}`),
          spend.rows.map((r) => Number(r[1])),
          spend.rows.map((r) => Number(r[2])),
        )
      : '',
  ].join('');
  const head = get('Headline');
  const tables = report.tables.filter((t) => t.name !== 'Risk' && t.name !== 'Headline').map((t) => table(t));
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(report.title)}</title><style>
body{font-family:sans-serif;font-size:10px;margin:0}h1{font-size:16px;margin:0 0 4px}h2{font-size:12px;margin-top:14px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:2px 4px;text-align:left}td.n{text-align:right}
.top{display:flex;gap:16px;align-items:flex-start;page-break-after:always}.top table.headline{width:auto;min-width:300px;font-size:11px}
caption{font-weight:bold;text-align:left;padding-bottom:4px}table.headline th{font-weight:normal}
figure{margin:8px 0;page-break-inside:avoid}figcaption{font-weight:bold}</style></head><body>
<h1>${esc(report.title)}</h1><p>Baseline “${esc(report.baseline)}”, as of ${esc(report.asOf)}.</p><div class="top"><div>${charts}</div>${head ? headline(head) : ''}</div>${tables.join('')}</body></html>`;
}

/** Prints the HTML report with headless Chromium (playwright-core, /usr/bin/chromium or $PORTGUARD_CHROMIUM). */
export async function reportToPdf(
  report: StatusReport,
  executablePath = '/usr/bin/chromium',
): Promise<Uint8Array> {
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new PortGuardError('infrastructure', 'PDF reports need playwright-core; use --format xlsx or csv');
  }
  const browser = await chromium
    .launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
      ],
    })
    .catch((e: unknown) => {
      throw new PortGuardError(
        'infrastructure',
        `cannot start Chromium at ${executablePath}: ${(e as Error).message}`,
      );
    });
  try {
    const page = await browser.newPage();
    await page.setContent(reportToHtml(report), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return new Uint8Array(
      await page.pdf({
        format: 'A4',
        landscape: true,
        printBackground: true,
        margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
      }),
    );
  } finally {
    await browser.close();
  }
}
