// A member of the public: reads without an account, on a desktop and on a phone, with and
// without JavaScript.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs, screenshot, waitForHydration } from './support';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page is readable as served', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Agree together what recovery means here' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Local processes' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
    await expectNoAxeViolationsWithoutJs(page);
    await screenshot(page, 'home-no-js');
  });
});

test('the home page hydrates and passes axe', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await screenshot(page, 'home');
});

test('the skip link takes keyboard users to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('an unknown page says so with status 404', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'not-found');
});

test('an unknown process is a 404 too', async ({ page }) => {
  const response = await page.goto('/processes/987654');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
});

test('starting a process needs a site administrator', async ({ page }) => {
  const response = await page.goto('/processes/new');
  expect(response?.status()).toBe(401);
  await expect(page.getByText('Please sign in as a site administrator')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the process' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the sign-in link page passes axe', async ({ page }) => {
  await page.goto('/sign-in/link?token=' + 'a'.repeat(64));
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'sign-in-link');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the home page fits a 390 px screen without sideways scrolling', async ({ page }) => {
    await page.goto('/');
    await waitForHydration(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'home-phone');
  });

  test('the workshop join page fits a 390 px screen without sideways scrolling', async ({ page }) => {
    await page.goto('/w');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'workshop-join-phone');
  });
});
