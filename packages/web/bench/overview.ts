// bench:web — how fast the national overview loads on loopback with the bundled dataset, in headless Chromium,
// from the browser's Navigation and Resource Timing. Baseline in the same run: the sign-in page (same bundle, no data).
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/e2e/chromium-args.js';
import { ensureWebBuilt, PASSWORD, startDashboardServer } from '../test/support/dashboard-server.js';

const RUNS = Number(process.env.RUNS ?? 7);
if (!existsSync('/usr/bin/chromium')) {
  console.error('bench:web needs /usr/bin/chromium (apt-get install -y chromium)');
  process.exit(1);
}
const built = await ensureWebBuilt();
const server = await startDashboardServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});

interface Sample {
  dcl: number;
  load: number;
  api: number;
  ready: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function measure(context: BrowserContext, readySelector: string): Promise<Sample> {
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector(readySelector);
  const s = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const api = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('/api/dashboard/overview')) as PerformanceResourceTiming | undefined;
    return {
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      api: api ? api.responseEnd - api.startTime : 0,
      ready:
        (performance.getEntriesByName('overview-ready')[0] ?? performance.getEntriesByName('login-ready')[0])
          ?.startTime ?? NaN,
    };
  });
  await page.close();
  return s;
}

try {
  const auth = await browser.newContext();
  const login = await auth.request.post(`${server.url}/api/auth/login`, {
    data: { username: 'office', password: PASSWORD },
  });
  if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
  const state = await auth.storageState();
  await auth.close();

  const overview: Sample[] = [];
  const baseline: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A fresh context per run: cold HTTP cache, as on a first visit.
    const signedIn = await browser.newContext({
      storageState: state,
      viewport: { width: 1280, height: 900 },
    });
    overview.push(await measure(signedIn, '[data-testid=us-map] circle, [data-testid=headline]'));
    await signedIn.close();
    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    baseline.push(await measure(anonymous, 'form[aria-labelledby=login-h] button'));
    await anonymous.close();
  }
  // Require both map and headline: re-check once with a selector for each.
  const check = await browser.newContext({ storageState: state });
  const p = await check.newPage();
  await p.goto(server.url);
  await p.waitForSelector('[data-testid=us-map] circle');
  await p.waitForSelector('[data-testid=headline]');
  await check.close();

  console.log(
    `bench:web — overview of the bundled dataset on ${server.url}, ${RUNS} cold loads (web ${built ? 'rebuilt' : 'up to date'})`,
  );
  console.log(`  overview  domContentLoaded ${fmt(overview.map((s) => s.dcl))}`);
  console.log(`  overview  load             ${fmt(overview.map((s) => s.load))}`);
  console.log(`  overview  API response     ${fmt(overview.map((s) => s.api))}`);
  console.log(`  overview  map + headline   ${fmt(overview.map((s) => s.ready))}`);
  console.log(
    `  baseline  sign-in page DCL ${fmt(baseline.map((s) => s.dcl))}, form rendered ${fmt(baseline.map((s) => s.ready))}`,
  );
  const m = median(overview.map((s) => s.ready));
  console.log(`  target < 1000 ms to map + headline: ${m < 1000 ? 'MET' : 'NOT MET'} (${m.toFixed(0)} ms)`);
} finally {
  await browser.close();
  await server.close();
}
