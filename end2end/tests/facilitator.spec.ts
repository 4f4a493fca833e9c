// The site administrator starts a process, with JavaScript and without; bad input is
// explained next to the field; the public then reads the new process.
import { expect, test } from '@playwright/test';
import { adminState, adminToSignOutState, expectNoAxeViolations, expectNoAxeViolationsWithoutJs, screenshot, uniqueTitle, waitForHydration } from './support';

test.use({ storageState: adminState });

test('a hydrated form counts characters as you type and creates the process', async ({ page, browser }) => {
  await page.goto('/processes/new');
  await waitForHydration(page);
  const hint = page.locator('#title-hint');
  await expect(hint).toHaveAttribute('data-interactive', 'true');
  await expect(hint).toHaveText('0 of 120 characters used');
  const title = uniqueTitle('Sefton local definition of recovery');
  await page.getByLabel('Title').fill(title);
  await expect(hint).toHaveText(`${title.length} of 120 characters used`);
  await page.getByLabel('Short public description').fill('Agreeing together what recovery means in Sefton.');
  await expectNoAxeViolations(page);
  await screenshot(page, 'new-process');

  await page.getByRole('button', { name: 'Start the process' }).click();
  await expect(page).toHaveURL(/\/processes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'process');

  // A member of the public, without JavaScript, finds it from the home page.
  const publicContext = await browser.newContext({ storageState: undefined, javaScriptEnabled: false });
  const visitor = await publicContext.newPage();
  await visitor.goto('/');
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await publicContext.close();
});

test('a hydrated form shows what to fix next to each field and keeps what was typed', async ({ page }) => {
  await page.goto('/processes/new');
  await waitForHydration(page);
  await page.getByLabel('Short public description').fill('Kept text');
  await page.getByRole('button', { name: 'Start the process' }).click();
  const title = page.getByLabel('Title');
  await expect(page.locator('#title-error')).toHaveText(/Please fill this in\./);
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAttribute('aria-describedby', /title-error/);
  await expect(page.getByLabel('Short public description')).toHaveValue('Kept text');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the plain form creates the process', async ({ page }) => {
    await page.goto('/processes/new');
    await expect(page.locator('#title-hint')).toHaveText('Up to 120 characters.');
    const title = uniqueTitle('Knowsley ROIS vision');
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Short public description').fill('A shared picture of local services.');
    await page.getByRole('button', { name: 'Start the process' }).click();
    await expect(page).toHaveURL(/\/processes\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  });

  test('the plain form explains a refused field', async ({ page }) => {
    await page.goto('/processes/new');
    await page.getByLabel('Short public description').fill('No title given');
    await page.getByRole('button', { name: 'Start the process' }).click();
    await expect(page.locator('#title-error')).toHaveText(/Please fill this in\./);
    await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolationsWithoutJs(page);
    await screenshot(page, 'new-process-error-no-js');
  });
});

test('signing out ends the session', async ({ browser }) => {
  const context = await browser.newContext({ storageState: adminToSignOutState });
  const page = await context.newPage();
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.getByText('Signed in as site administrator')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
  const response = await page.goto('/processes/new');
  expect(response?.status()).toBe(401);
  await context.close();
});
