// End-to-end: the built dashboard served by buildServer, driven in Debian's headless Chromium.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuilt,
  OPERATOR_PORT,
  OTHER_PORT,
  EOC_SITE,
  PASSWORD,
  startDashboardServer,
  type DashboardServer,
} from '../support/dashboard-server.js';
import { CHROMIUM_ARGS } from './chromium-args.js';
import { signedInPage } from './sign-in.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../artifacts/e2e');
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !process.env.CI)
  console.warn(
    `\n!!!!!!!!!! e2e NOT RUN: ${CHROMIUM} is missing (apt-get install -y chromium fonts-wqy-zenhei) !!!!!!!!!!\n`,
  );

describe.runIf(!haveChromium)('dashboard e2e prerequisites', () => {
  it('has Chromium when CI is set', () => {
    if (process.env.CI) throw new Error(`e2e NOT RUN: ${CHROMIUM} is missing; CI must install chromium`);
  });
});

describe.runIf(haveChromium)('dashboard e2e', () => {
  let server: DashboardServer;
  let browser: Browser;
  const problems: string[] = [];

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

  async function signIn(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    return signedInPage(browser, server.url, { username, password: PASSWORD }, problems, viewport);
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('admin: overview, plan run, port page with Gantt, finding review, imports', async () => {
    const page = await signIn('admin');
    await page.locator('[data-testid=us-map] circle').first().waitFor();
    expect(await page.locator('[data-testid=us-map] circle').count()).toBeGreaterThan(20);
    expect(await page.locator('[data-testid=us-map] .states path').count()).toBeGreaterThan(50);
    expect(await page.locator('[data-testid=us-map] a[aria-label^="San Juan"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('headline').innerText()).toMatch(/untrusted STS cranes/);
    await shot(page, '01-overview');

    await page.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('plan-compare').waitFor({ timeout: 60_000 });
    const compare = await page.getByTestId('plan-compare').innerText();
    expect(compare).toMatch(/Greedy/);
    expect(compare).toMatch(/Do nothing/);
    await expect
      .poll(() => page.locator('[data-testid=compare-burndown] svg path').count())
      .toBeGreaterThan(10);
    await shot(page, '02-plans');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('burndown').waitFor();
    await page.getByRole('link', { name: 'Long Beach', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: /Long Beach/ }).waitFor();
    await page.getByTestId('gantt').waitFor({ timeout: 30_000 });
    await page.getByTestId('capacity').waitFor();
    // ECharts draws one rect per bar; the Gantt must show planned bars, not an empty frame.
    expect(await page.locator('[data-testid=gantt] svg path').count()).toBeGreaterThan(5);
    await shot(page, '03-port');

    // An emergency operations center's cameras: their own floor and schedule on the site's page.
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await page.getByTestId('sites').waitFor();
    await page.getByRole('link', { name: /Gulf Coast County EOC/ }).click();
    await page.getByRole('heading', { level: 1, name: /Gulf Coast County EOC/ }).waitFor();
    await page.getByTestId('site-floor-cctv-camera').waitFor({ timeout: 30_000 });
    await page.getByTestId('gantt').waitFor();
    expect(await page.locator('[data-testid=gantt] svg path').count()).toBeGreaterThan(3);
    await shot(page, '03b-site');

    await page.getByRole('link', { name: 'Findings' }).click();
    const table = page.getByTestId('findings-table');
    await table.locator('tbody tr').first().waitFor();
    await table.locator('tbody tr').first().getByRole('button').click();
    await page.getByTestId('evidence').waitFor();
    expect(await page.getByTestId('review-status').innerText()).toBe('open');
    await page.getByLabel('Decision').selectOption('false-positive');
    await page.getByLabel('Reason / justification').fill('e2e: maker verified as a non-PRC licensee');
    await page.getByRole('button', { name: 'Record review' }).click();
    await expect.poll(() => page.getByTestId('review-status').innerText()).toBe('false-positive');
    await shot(page, '04-findings');

    await page.getByRole('link', { name: 'Imports' }).click();
    const bad = path.join(tmpdir(), 'portguard-e2e-bad-assets.csv');
    writeFileSync(bad, 'id,facilityId,kind,status\ncrane-x,,sts-crane,flying\n');
    await page.getByLabel('Files').setInputFiles(bad);
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, '05-imports');
    await page.context().close();
  }, 180_000);

  it('program office: simulation with fan charts, P50/P90 headline, program page, PDF report', async () => {
    const page = await signIn('office');
    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scenarios' }).waitFor();
    // A custom scenario is checked by the server before any job starts: every bad field is named.
    await page.getByLabel('Scenario', { exact: true }).selectOption('(custom)');
    await page.getByLabel(/Scenario JSON/).fill('{ "name": "Bad Name" }');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/scenario\.name.*kebab-case/);
    expect(await page.getByRole('alert').innerText()).toMatch(/scenario\.description/);
    await page.getByLabel('Scenario', { exact: true }).selectOption('supplier-slip-6-months');
    await page.getByLabel('Runs').fill('200');
    // The re-planner is a choice of the re-plan policy only; the planner (MILP) caps the runs.
    expect(await page.getByLabel('Re-planner').count()).toBe(0);
    await page.getByLabel('Policy').selectOption('replan');
    await page.getByLabel('Re-planner').selectOption('milp');
    expect(await page.getByLabel('Runs').getAttribute('max')).toBe('200');
    await page.getByTestId('milp-hint').waitFor();
    await page.getByLabel('Runs').fill('1000');
    await page.getByLabel('Policy').selectOption('frozen');
    await page.getByLabel('Policy').selectOption('replan');
    expect(await page.getByLabel('Runs').inputValue()).toBe('20');
    await page.getByLabel('Policy').selectOption('frozen');
    expect(await page.getByLabel('Re-planner').count()).toBe(0);
    await page.getByLabel('Runs').fill('200');
    await page.getByLabel('Optimised (MILP)').uncheck();
    await page.getByLabel('Do nothing').check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('simulation-summary').waitFor({ timeout: 120_000 });
    const summary = await page.getByTestId('simulation-summary').innerText();
    expect(summary).toMatch(/supplier-slip-6-months · 200 runs/);
    expect(summary).toMatch(/Frozen plans/);
    // Resource delay (rail slots, crews, blackouts) as P10 / P50 / P90 months per plan.
    expect(summary).toMatch(/Resource delay/);
    expect(summary).toMatch(/\d+\.\d \/ \d+\.\d \/ \d+\.\d/);
    expect(await page.getByTestId('clock-bound-warning').count()).toBe(0);
    // The band (P10–P90) and the P50 line of each plan are drawn as SVG paths.
    await expect.poll(() => page.locator('[data-testid=fan-shortfall] svg path').count()).toBeGreaterThan(6);
    await expect.poll(() => page.locator('[data-testid=fan-risk] svg path').count()).toBeGreaterThan(6);
    const compare = await page.getByTestId('simulation-compare').innerText();
    expect(compare).toMatch(/do-nothing vs greedy/);
    expect(compare).toMatch(/resource delay \(months\)/);
    await page.getByTestId('worst-terminals').waitFor();
    await shot(page, '09-scenarios');

    await page.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('completion').innerText()).toMatch(/P50 \/ P90 \(greedy/);

    await page.getByRole('link', { name: 'Program' }).click();
    await page.getByTestId('program-board').waitFor();
    expect(await page.getByTestId('program-board').innerText()).toMatch(/Contracted/);
    await expect.poll(() => page.locator('[data-testid=program-risk] svg path').count()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('[data-testid=program-spend] svg path').count()).toBeGreaterThan(3);
    await page.getByTestId('slippage').locator('tbody tr').first().waitFor();
    await shot(page, '10-program');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('downloads').getByRole('link', { name: 'PDF' }).click(),
    ]);
    const pdf = readFileSync(await download.path());
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(download.suggestedFilename()).toMatch(/^status-national-.*\.pdf$/);
    await page.context().close();
  }, 240_000);

  it('port operator sees only their port', async () => {
    const page = await signIn('operator');
    await page.waitForURL(`**/ports/${OPERATOR_PORT}`);
    await page.getByTestId('gantt').or(page.getByText('No replacement planned here.')).waitFor();
    await shot(page, '06-operator-own-port');

    await page.goto(`${server.url}/ports/${OTHER_PORT}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Not available/);
    await shot(page, '07-operator-other-port');
    const status = await page.evaluate(
      async (id) => (await fetch(`/api/dashboard/ports/${id}`)).status,
      OTHER_PORT,
    );
    expect(status).toBe(404);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).count()).toBe(0);
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid=us-map] circle').first().waitFor();
    expect(await page.locator('[data-testid=us-map] circle').count()).toBe(1);

    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByTestId('worst-terminals').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('worst-terminals').innerText()).toMatch(/Your terminals/);
    expect(await page.getByRole('button', { name: 'Start' }).count()).toBe(0);
    expect(await page.getByTestId('fan-shortfall').count()).toBe(0);
    await shot(page, '11-operator-scenarios');
    await page.getByRole('link', { name: 'Program' }).click();
    await page.getByTestId('program-board').waitFor();
    expect(await page.getByLabel('Scope').locator('option').allInnerTexts()).toEqual(['Long Beach']);
    await shot(page, '12-operator-program');
    await page.context().close();
  }, 120_000);

  it("an emergency operations center's manager lands on their site and sees no other", async () => {
    const page = await signIn('eoc');
    await page.waitForURL(`**/sites/${EOC_SITE}`);
    await page.getByRole('heading', { level: 1, name: /Gulf Coast County EOC/ }).waitFor();
    expect(await page.getByRole('link', { name: 'My site' }).count()).toBe(1);
    await page.getByTestId('site-floor-cctv-camera').waitFor({ timeout: 30_000 });
    await shot(page, '06b-eoc-own-site');
    const status = await page.evaluate(
      async () => (await fetch('/api/dashboard/sites/fac-eoc-tidewater')).status,
    );
    expect(status).toBe(404);
    await page.context().close();
  }, 120_000);

  it('fits a tablet and has no console errors', async () => {
    const page = await signIn('office', { width: 820, height: 1180 });
    await page.locator('[data-testid=us-map] circle').first().waitFor();
    await expect.poll(() => page.locator('[data-testid=burndown] svg path').count()).toBeGreaterThan(5);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '08-tablet-overview');
    await page.context().close();
    expect(problems).toEqual([]);
  }, 60_000);

  // Last, so that the runs it starts are not the current plan of the tests above.
  it("program office: the planner's options — weekly periods, a deadline, and the relaxations of an infeasible plan", async () => {
    const page = await signIn('office');
    await page.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    // By week: the burn-down's axis names each year once (not every twelfth week).
    const yearLabels = async () =>
      (await page.locator('[data-testid=compare-burndown] svg text').allTextContents()).filter((t) =>
        /^\d{4}$/.test(t.trim()),
      );
    await page.getByLabel('Periods').selectOption('week');
    await page.getByLabel('Years').fill('3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(yearLabels, { timeout: 60_000 }).toEqual(['2027', '2028', '2029']);
    await shot(page, '14-plans-weekly');

    // A deadline no plan can meet: the MILP plan is infeasible, with its reasons and the relaxations that would fix it.
    await page.getByLabel('Periods').selectOption('month');
    await page.getByLabel('Years').fill('10');
    await page.getByLabel('Optimised (MILP)').check();
    await page.getByLabel('Deadline (all retired by)').fill('2028-06');
    await page.getByLabel('MILP time limit (s)').fill('2');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('relaxations').waitFor({ timeout: 90_000 });
    const milpWhy = page.getByTestId('infeasibility').filter({ hasText: 'Optimised (MILP)' });
    expect(await milpWhy.innerText()).toMatch(/why no plan meets every rule/);
    // A heuristic plan only breaks rules; it proves nothing about other plans.
    const greedyWhy = page.getByTestId('infeasibility').filter({ hasText: 'Greedy' });
    expect(await greedyWhy.innerText()).toMatch(/Greedy \(largest terminals first\): rules it breaks/);
    expect(await page.getByTestId('relaxations').locator('li').count()).toBeGreaterThan(0);
    // At national size the deadline offered is one risk first meets with its late cranes moved sooner, not searched:
    // it says so.
    expect(await page.getByTestId('relaxations').innerText()).toMatch(
      /not searched: an earlier deadline may be met/,
    );
    await shot(page, '15-plans-infeasible');

    // By when could every crane be gone? The search runs as a job, a plan per probe, and says what it proved.
    await milpWhy.getByRole('button', { name: /Find the earliest deadline/ }).click();
    await milpWhy.getByLabel('Deadline search progress').waitFor({ timeout: 30_000 });
    const found = milpWhy.getByTestId('earliest-deadline-result');
    await found.waitFor({ timeout: 240_000 });
    expect(await found.innerText()).toMatch(
      /^Earliest deadline: (\d{4}-\d{2}) — a plan retires every untrusted crane by then \(risk exposure [\d.]+, gap [\d.]+ %\)\. None can by \d{4}-\d{2}/,
    );
    expect(await milpWhy.innerText()).toMatch(/Probes: \d{4}-\d{2} (plan|impossible|undecided)/);
    await shot(page, '16-plans-earliest-deadline');
    await page.context().close();
  }, 420_000);
});
