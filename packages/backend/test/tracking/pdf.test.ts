import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportToHtml, reportToPdf } from '../../src/tracking/pdf.js';
import type { StatusReport } from '../../src/tracking/report.js';

const report: StatusReport = {
  title: 'Status report: port <x>',
  asOf: '2027-06-30',
  baseline: 'B&1',
  tables: [
    {
      name: 'Spend',
      header: ['fiscal year', 'baseline USD', 'current USD', 'delta USD'],
      rows: [
        [2027, 10, 12, 2],
        [2028, 5, 0, -5],
      ],
    },
    {
      name: 'Risk',
      header: ['period', 'baseline', 'current'],
      rows: [
        ['2027-01', 3, 3],
        ['2027-02', 2, 3],
        ['2027-03', 1, 2],
      ],
    },
    { name: 'Cranes', header: ['crane', 'why'], rows: [['C1', '<script>alert(1)</script>']] },
  ],
};

describe('PDF report', () => {
  it('has the burn-down and spend charts as inline SVG and escapes every cell', () => {
    const html = reportToHtml(report);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(html).toContain('FY2027');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('B&amp;1');
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'prints with Chromium (NOT RUN without /usr/bin/chromium)',
    async () => {
      const pdf = await reportToPdf(report);
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5_000);
    },
    30_000,
  );
});
