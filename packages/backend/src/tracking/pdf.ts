import { PortGuardError } from '@portguard/core';
import type { BrowserType } from 'playwright-core';
import type { ReportTable, StatusReport } from './report.js';

const esc = (s: string | number) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A line chart of two series (baseline and current) as inline SVG. */
function lineChart(
  title: string,
  labels: readonly string[],
  a: readonly number[],
  b: readonly number[],
): string {
  const W = 640;
  const H = 220;
  const pad = 36;
  const max = Math.max(1e-9, ...a, ...b);
  const x = (i: number) => pad + (i * (W - 2 * pad)) / Math.max(1, labels.length - 1);
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
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#888"/>
<path d="${path(a)}" fill="none" stroke="#999" stroke-width="2" stroke-dasharray="5 3"/><path d="${path(b)}" fill="none" stroke="#c0392b" stroke-width="2"/>
${ticks}<text x="${W - pad}" y="${pad - 8}" font-size="10" text-anchor="end">baseline (dashed) · current (red)</text></svg></figure>`;
}

/** Paired bars per category as inline SVG. */
function barChart(
  title: string,
  labels: readonly string[],
  a: readonly number[],
  b: readonly number[],
): string {
  const W = 640;
  const H = 220;
  const pad = 36;
  const max = Math.max(1e-9, ...a, ...b);
  const slot = (W - 2 * pad) / Math.max(1, labels.length);
  const bw = slot * 0.35;
  const h = (v: number) => (Math.max(0, v) / max) * (H - 2 * pad);
  const bars = labels
    .map((l, i) => {
      const x0 = pad + i * slot + slot * 0.15;
      return `<rect x="${x0.toFixed(1)}" y="${(H - pad - h(a[i] ?? 0)).toFixed(1)}" width="${bw.toFixed(1)}" height="${h(a[i] ?? 0).toFixed(1)}" fill="#bbb"/>
<rect x="${(x0 + bw).toFixed(1)}" y="${(H - pad - h(b[i] ?? 0)).toFixed(1)}" width="${bw.toFixed(1)}" height="${h(b[i] ?? 0).toFixed(1)}" fill="#2c7fb8"/>
<text x="${(x0 + bw).toFixed(1)}" y="${H - 12}" font-size="9" text-anchor="middle">${esc(l)}</text>`;
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/>${bars}
<text x="${W - pad}" y="${pad - 8}" font-size="10" text-anchor="end">baseline (grey) · current (blue)</text></svg></figure>`;
}

const table = (t: ReportTable, limit = 60) =>
  `<h2>${esc(t.name)}</h2><table><thead><tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .slice(0, limit)
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join(
      '',
    )}</tbody></table>${t.rows.length > limit ? `<p>${t.rows.length - limit} more rows in the XLSX and CSV.</p>` : ''}`;

/** The report as one printable HTML page, with the risk burn-down and the spend per fiscal year as SVG charts. */
export function reportToHtml(report: StatusReport): string {
  const get = (name: string) => report.tables.find((t) => t.name === name)!;
  const risk = get('Risk');
  const spend = get('Spend');
  const charts = [
    lineChart(
      'Remaining risk: baseline burn-down vs now',
      risk.rows.map((r) => String(r[0])),
      risk.rows.map((r) => Number(r[1])),
      risk.rows.map((r) => Number(r[2])),
    ),
    barChart(
      'Spend per fiscal year (USD): baseline vs now',
      spend.rows.map((r) => `FY${r[0]}`),
      spend.rows.map((r) => Number(r[1])),
      spend.rows.map((r) => Number(r[2])),
    ),
  ].join('');
  const tables = report.tables.filter((t) => t.name !== 'Risk').map((t) => table(t));
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(report.title)}</title><style>
body{font-family:sans-serif;font-size:10px;margin:0}h1{font-size:16px}h2{font-size:12px;margin-top:14px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:2px 4px;text-align:left}td.n{text-align:right}
figure{margin:8px 0;page-break-inside:avoid}figcaption{font-weight:bold}</style></head><body>
<h1>${esc(report.title)}</h1><p>Baseline “${esc(report.baseline)}”, as of ${esc(report.asOf)}.</p>${charts}${tables.join('')}</body></html>`;
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
