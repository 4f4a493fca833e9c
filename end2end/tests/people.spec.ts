// A facilitator makes and prints sign-in cards; a person without email joins on a phone with
// one, picks a pseudonym and a constituency; the public sees only what that choice allows.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, processWithCodes, screenshot, waitForHydration } from './support';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('a facilitator makes a sheet of sign-in cards that prints', async ({ browser }) => {
  const { context, page, title, codes } = await processWithCodes(browser, 10);
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  await expect(page.locator('.code-card').first()).toContainText(title);
  await expect(page.locator('.code-card').first()).toContainText('/join');
  await expectNoAxeViolations(page);
  await screenshot(page, 'code-cards');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Sign-in cards' })).toBeHidden();
  await screenshot(page, 'code-cards-print');
  // Ten cards print on one A4 sheet, with no blank second page.
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).toHaveLength(1);
  await context.close();
});

test.describe('on a phone', () => {
  test.use(phone);

  test('a person joins with a code, picks a pseudonym and a constituency', async ({ browser, page }) => {
    const { context: facilitator, processUrl, codes } = await processWithCodes(browser, 2);
    await facilitator.close();

    await page.goto('/');
    await page.getByRole('link', { name: 'Join with a code' }).click();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'join-phone');
    // Typed the way people do: lower case, without the dash.
    await page.getByLabel('Your sign-in code').fill(codes[0].replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page).toHaveURL(/\/me\?welcome=1$/);
    await expect(page.getByText('Welcome, you are signed in.')).toBeVisible();
    await waitForHydration(page);
    await expect(page.locator('.shown-as')).toHaveText('a participant');
    // How they take part decides whose voice theirs counts with: the welcome says so, and
    // the question is on the first screen, before how others see them.
    await expect(page.getByRole('status').filter({ hasText: 'Welcome' })).toContainText('tick below how you take part');
    await expect(page.getByLabel('I use or have used drug or alcohol services')).toBeInViewport();

    await page.getByLabel('A made-up name (pseudonym)').check();
    await page.getByLabel('A made-up name (optional)').fill('Phoenix Rising');
    await page.getByRole('button', { name: 'Save how I appear' }).click();
    await expect(page.locator('.shown-as')).toHaveText('Phoenix Rising');
    await expect(page.locator('.shown-publicly')).toHaveText('a participant');

    await page.getByLabel('I use or have used drug or alcohol services').check();
    await page.getByLabel('I am a commissioner').check();
    await page.getByRole('button', { name: 'Save how I take part' }).click();
    await expect(page.getByText('waiting for a process administrator to confirm')).toBeVisible();
    await expect(page.locator('.shown-publicly')).toHaveText('a person with lived experience');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every radio and checkbox row is a touch target at least 44 px tall.
    const heights = await page.locator('.choice label').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(0);
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(44);
    await expectNoAxeViolations(page);
    await screenshot(page, 'profile-phone');

    // The public sees the constituency, never the pseudonym the person kept private.
    const visitor = await browser.newContext({ storageState: undefined, javaScriptEnabled: false });
    const publicPage = await visitor.newPage();
    await publicPage.goto(processUrl);
    const who = publicPage.getByRole('region', { name: 'Who takes part' });
    await expect(who).toContainText('a person with lived experience');
    await expect(publicPage.locator('body')).not.toContainText('Phoenix Rising');
    await visitor.close();

    // A used code does not work twice.
    const other = await browser.newContext({ ...phone, storageState: undefined });
    const again = await other.newPage();
    await again.goto('/join');
    await again.getByLabel('Your sign-in code').fill(codes[0]);
    await again.getByRole('button', { name: 'Join' }).click();
    await expect(again.locator('#code-error')).toContainText('already been used');
    await other.close();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('joining with a code and choosing an appearance work as plain forms', async ({ browser, page }) => {
    const { context: facilitator, codes } = await processWithCodes(browser, 1);
    await facilitator.close();
    await page.goto('/join');
    await page.getByLabel('Your sign-in code').fill(codes[0]);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page).toHaveURL(/\/me/);
    await page.getByLabel('My first name only').check();
    await page.getByRole('button', { name: 'Save how I appear' }).click();
    await expect(page.locator('#full_name-error')).toContainText('please fill in your name');
    await page.getByLabel('My first name only').check();
    await page.getByLabel('Your name (optional)').fill('Alex Example');
    await page.getByRole('button', { name: 'Save how I appear' }).click();
    await expect(page.locator('.shown-as')).toHaveText('Alex');
  });
});
