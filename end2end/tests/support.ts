import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const adminState = resolve(__dirname, '../.state/admin.json');
export const adminToSignOutState = resolve(__dirname, '../.state/admin-to-sign-out.json');
const screenshots = resolve(__dirname, '../screenshots');

/** Runs axe on the page as it is now and fails on any violation, listing them. */
export async function expectNoAxeViolations(page: Page) {
  await audit(page);
}

/** For a page opened with JavaScript disabled, where axe cannot run: audits the same
 * server-rendered HTML by reopening the URL, with the same cookies, in a context where only
 * the app's own scripts are blocked (so the page is not hydrated). */
export async function expectNoAxeViolationsWithoutJs(page: Page) {
  const browser = page.context().browser()!;
  const context = await browser.newContext({
    javaScriptEnabled: true,
    storageState: await page.context().storageState(),
  });
  const unhydrated = await context.newPage();
  await unhydrated.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  await unhydrated.goto(page.url());
  await expect(unhydrated.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  await audit(unhydrated);
  await context.close();
}

async function audit(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe violations').toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshots, { recursive: true });
  const take = () => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  try {
    await take();
  } catch (error) {
    // Chromium now and then answers "Unable to capture screenshot" while it is busy (seen
    // once in the suite on 2 cores); the screenshot is for people to look at, so try once more.
    if (!String(error).includes('Unable to capture screenshot')) throw error;
    await page.waitForTimeout(500);
    await take();
  }
}

/** Waits until the WebAssembly has taken over the page. */
export async function waitForHydration(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Waits until a page sent without the app (a phone in a workshop) follows the room with
 * its own small script. */
export async function waitForFollowing(page: Page) {
  await expect(page.locator('body[data-following="true"]')).toHaveCount(1);
}

export function uniqueTitle(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** As the site administrator: starts a process and makes `count` sign-in codes. */
export async function processWithCodes(browser: Browser, count: number) {
  // JavaScript on explicitly: inside a test, newContext inherits the test's options.
  const context = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto('/processes/new');
  await waitForHydration(page);
  const title = uniqueTitle('Wirral definition of recovery');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Short public description').fill('Agreeing what recovery means in Wirral.');
  await page.getByRole('button', { name: 'Start the process' }).click();
  await expect(page).toHaveURL(/\/processes\/\d+$/);
  const processUrl = page.url();
  await page.getByRole('link', { name: 'Sign-in codes for this process' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in codes' })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByLabel('How many codes').fill(String(count));
  await page.getByRole('button', { name: 'Make codes' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in cards' })).toBeVisible();
  const codes = await page.locator('.code-card__code').allTextContents();
  return { context, page, title, processUrl, codes };
}
