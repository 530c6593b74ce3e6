import type { Browser, Page } from 'playwright-core';

/**
 * A new browser context signed in as `username`; page errors and console errors (other than expected 400/401/403/404
 * responses) are pushed to `problems`, which the tests assert empty.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  credentials: { readonly username: string; readonly password: string },
  problems: string[],
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const { username, password } = credentials;
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${username}: page error ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[0134]/.test(m.text()))
      problems.push(`${username}: ${m.text()}`);
  });
  await page.goto(url);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}
