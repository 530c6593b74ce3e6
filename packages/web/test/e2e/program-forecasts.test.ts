// End-to-end: the Program page's supplier forecasts (record one, see it per terminal, per crane and in the list), in
// Debian's headless Chromium against the built dashboard and a server with an approved baseline.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/api/types.js';
import {
  ensureWebBuilt,
  OPERATOR_PORT,
  PASSWORD,
  startDashboardServer,
  type DashboardServer,
} from '../support/dashboard-server.js';
import { CHROMIUM_ARGS } from './chromium-args.js';
import { signedInPage } from './sign-in.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../artifacts/e2e');
const haveChromium = existsSync(CHROMIUM);

describe.runIf(!haveChromium)('program forecasts e2e prerequisites', () => {
  it('has Chromium when CI is set', () => {
    if (process.env.CI) throw new Error(`e2e NOT RUN: ${CHROMIUM} is missing; CI must install chromium`);
  });
});

describe.runIf(haveChromium)('program page: supplier forecasts', () => {
  let server: DashboardServer;
  let browser: Browser;
  const problems: string[] = [];
  const reason = 'e2e: main girder weld rework';
  const arrivalDate = `${new Date().getUTCFullYear() + 4}-06-15`;
  let craneId = '';
  let craneTerminal = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await ensureWebBuilt();
    server = await startDashboardServer({ baseline: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function programPage(username: string): Promise<Page> {
    const page = await signedInPage(browser, server.url, { username, password: PASSWORD }, problems);
    await page.getByRole('link', { name: 'Program' }).click();
    await page.getByTestId('forecasts').waitFor({ timeout: 60_000 });
    return page;
  }

  const program = (page: Page) =>
    page.evaluate(async () => (await (await fetch('/api/dashboard/program')).json()) as Program);

  it('program office records a forecast and sees it beside the actual slippage', async () => {
    const page = await programPage('office');
    const forecasts = page.getByTestId('forecasts');
    expect(await forecasts.innerText()).toMatch(/No supplier forecast in effect/);
    const form = page.getByRole('form', { name: 'Record a supplier forecast' });
    // Only contracted, undelivered cranes can be forecast: the three the test baseline contracted.
    const options = await form.getByLabel('Crane').locator('option').allInnerTexts();
    expect(options).toHaveLength(3);
    craneId = options[0]!.split(' · ')[0]!;

    // A date in the past is refused by the server, and the page says why.
    await form.getByLabel('Expected arrival').fill('2020-01-15');
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Record forecast' }).click();
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toMatch(/arrival 2020-01-15 is before today/);
    expect(await forecasts.locator('tbody tr').count()).toBe(0);

    await form.getByLabel('Expected arrival').fill(arrivalDate);
    await form.getByLabel('Evidence (optional)').fill('supplier letter 42');
    await form.getByRole('button', { name: 'Record forecast' }).click();
    await expect.poll(() => forecasts.locator('tbody tr').count()).toBe(1);
    const row = await forecasts.locator('tbody tr').first().locator('td').allInnerTexts();
    const api = await program(page);
    const f = api.forecasts![0]!;
    expect(f.craneId).toBe(craneId);
    craneTerminal = f.terminalId;
    expect(f.slipPeriods).toBeGreaterThan(0);
    expect(row[0]).toBe(craneId);
    expect(row[2]).toBe(f.supplier);
    expect(row[3]).toBe(f.baselineArrival);
    expect(row[4]).toBe(arrivalDate);
    expect(row[5]).toBe(`+${f.slipPeriods}`);
    expect(row[6]).toBe(reason);
    expect(row[7]).toBe('supplier letter 42');
    expect(row[8]).toMatch(/^office/);

    // Per crane: the forecast slip beside the (empty) recorded delivery slip.
    const craneRow = page.getByTestId('crane-slippage').locator('tbody tr', { hasText: craneId });
    const cells = await craneRow.locator('td').allInnerTexts();
    expect(cells[9]).toBe(`+${f.slipPeriods}`);
    expect(cells[8]).toBe('—');
    // Per terminal: one crane late on its supplier's forecast, beside the actual slippage.
    const terminal = api.slippage!.find((s) => s.forecastLate > 0)!;
    const terminalRow = page.getByTestId('slippage').locator('tbody tr', { hasText: terminal.name });
    expect((await terminalRow.locator('td').allInnerTexts()).at(-1)).toBe('1');
    await page.screenshot({ path: path.join(ARTIFACTS, '13-program-forecast.png'), fullPage: true });
    await page.context().close();
  }, 180_000);

  it('an auditor sees the forecast but no form; a port operator only their port', async () => {
    const auditor = await programPage('auditor');
    await expect.poll(() => auditor.getByTestId('forecasts').locator('tbody tr').count()).toBe(1);
    expect(await auditor.getByRole('button', { name: 'Record forecast' }).count()).toBe(0);
    await auditor.context().close();

    const operator = await programPage('operator');
    const mine = await program(operator);
    expect(mine.scope).toBe(OPERATOR_PORT);
    const own = new Set(mine.board!.byTerminal.map((t) => t.terminalId));
    const visible = (mine.forecasts ?? []).map((f) => f.craneId);
    expect(visible).toEqual(own.has(craneTerminal) ? [craneId] : []);
    expect((mine.cranes ?? []).every((c) => own.has(c.terminalId))).toBe(true);
    expect(await operator.getByTestId('forecasts').locator('tbody tr').count()).toBe(visible.length);
    await operator.context().close();
    expect(problems).toEqual([]);
  }, 120_000);
});
