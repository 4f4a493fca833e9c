// Email accounts, withdrawal, and the process administrator's people page.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoAxeViolationsWithoutJs, processWithCodes, screenshot, waitForHydration } from './support';

test('a person creates an account with email, signs out and signs back in', async ({ page }) => {
  const email = `robin.${Date.now()}@example.org`;
  const password = 'a long enough passphrase';
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'sign-in');
  await page.getByRole('link', { name: 'Create an account with your email' }).click();
  await waitForHydration(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Choose a password').fill('too short');
  await page.getByLabel('Type the password again').fill('too short');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.locator('#password-error')).toContainText('at least 10 characters');
  await expectNoAxeViolations(page);
  await screenshot(page, 'sign-up-error');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Choose a password').fill(password);
  await page.getByLabel('Type the password again').fill(password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page).toHaveURL(/\/me\?welcome=1$/);
  await expect(page.getByText(`You can sign in with ${email}`)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('do not match an account');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});

test('withdrawing deletes the name and keeps the count', async ({ browser, page }) => {
  const { context: facilitator, processUrl, codes } = await processWithCodes(browser, 1);
  await facilitator.close();
  await page.goto('/join');
  await page.getByLabel('Your sign-in code').fill(codes[0]);
  await page.getByRole('button', { name: 'Join' }).click();
  await waitForHydration(page);
  await page.getByLabel('A made-up name (pseudonym)').check();
  await page.getByLabel('A made-up name (optional)').fill('Curlew');
  await page.getByLabel('Also show me this way on public pages').check();
  await page.getByRole('button', { name: 'Save how I appear' }).click();
  await expect(page.locator('.shown-publicly')).toHaveText('Curlew');
  await page.getByLabel('I use or have used drug or alcohol services').check();
  await page.getByRole('button', { name: 'Save how I take part' }).click();
  await expect(page.getByLabel('I use or have used drug or alcohol services')).toBeChecked();

  const visitor = await browser.newContext({ storageState: undefined });
  const publicPage = await visitor.newPage();
  await publicPage.goto(processUrl);
  const who = publicPage.getByRole('region', { name: 'Who takes part' });
  // The administrator who started the process takes part too.
  await expect(who).toContainText('2 people take part.');
  await expect(who).toContainText('Curlew');

  await page.getByRole('link', { name: 'Read what withdrawing means' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Withdraw from Recovery Commons' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'withdraw');
  await page.getByRole('button', { name: 'Withdraw and delete my personal data' }).click();
  await expect(page.locator('#confirm-error')).toContainText('tick the box');
  await page.getByLabel('I understand that my personal data will be deleted').check();
  await page.getByRole('button', { name: 'Withdraw and delete my personal data' }).click();
  await expect(page.getByRole('heading', { name: 'You have withdrawn' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(page.getByRole('link', { name: 'Join with a code' })).toBeVisible();

  await publicPage.reload();
  // The administrator who started the process takes part too.
  await expect(who).toContainText('2 people take part.');
  await expect(who).toContainText('1: a person with lived experience');
  await expect(who).toContainText('a withdrawn participant (a person with lived experience)');
  await expect(publicPage.locator('body')).not.toContainText('Curlew');
  await visitor.close();
});

test('a process administrator confirms a commissioner on the people page', async ({ browser, page }) => {
  const { context: admin, page: adminPage, processUrl, codes } = await processWithCodes(browser, 1);
  await page.goto('/join');
  await page.getByLabel('Your sign-in code').fill(codes[0]);
  await page.getByRole('button', { name: 'Join' }).click();
  await waitForHydration(page);
  await page.getByLabel('I am a commissioner').check();
  await page.getByRole('button', { name: 'Save how I take part' }).click();
  await expect(page.getByText('waiting for a process administrator to confirm')).toBeVisible();

  await adminPage.goto(processUrl);
  await adminPage.getByRole('link', { name: 'People taking part' }).click();
  await waitForHydration(adminPage);
  // The link navigates in the page: wait for the new page to load before checking it.
  await expect(adminPage.getByRole('heading', { level: 1, name: 'People taking part' })).toBeVisible();
  await expectNoAxeViolations(adminPage);
  await screenshot(adminPage, 'people');
  await adminPage.getByRole('button', { name: /Confirm as a commissioner/ }).click();
  await expect(adminPage.getByText('Takes part as a commissioner.')).toBeVisible();

  await page.reload();
  await expect(page.getByText('waiting for a process administrator to confirm')).toHaveCount(0);
  await admin.close();
});

test('a process administrator invites a facilitator with a link', async ({ browser }) => {
  const { context: admin, page: adminPage, processUrl } = await processWithCodes(browser, 1);
  await adminPage.goto(processUrl);
  await adminPage.getByRole('link', { name: 'People taking part' }).click();
  await waitForHydration(adminPage);
  await adminPage.getByLabel('Role for the person you invite').selectOption('facilitator');
  await adminPage.getByRole('button', { name: 'Make an invitation link' }).click();
  const link = await adminPage.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invite\?token=[0-9a-f]{64}$/);
  await expectNoAxeViolations(adminPage);
  await admin.close();

  const guest = await browser.newContext({ storageState: undefined });
  const page = await guest.newPage();
  await page.goto(link);
  await expectNoAxeViolations(page);
  await screenshot(page, 'invite');
  await page.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(page).toHaveURL(/\/me\?welcome=1$/);
  await expect(page.getByText('Your role: Facilitator')).toBeVisible();
  await guest.close();
});

test('a person with an email address chooses a daily message on a phone without JavaScript, and the unsubscribe page works signed out', async ({ browser }) => {
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const email = `sam.${Date.now()}@example.org`;
  const password = 'a long enough passphrase';
  const signedUp = await context.request.post('/api/accounts/sign-up', {
    form: { email, password, password_again: password },
  });
  expect(signedUp.ok()).toBeTruthy();
  const page = await context.newPage();
  await page.goto('/me');
  await page.getByRole('link', { name: 'Choose what we email you about' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email' })).toBeVisible();
  await page.getByLabel('A vote opens to me, or closes within a day').check();
  await page.getByLabel('Someone replies to my comment').check();
  await page.getByLabel('One message a day, with everything together').check();
  await expectNoAxeViolationsWithoutJs(page);
  await page.getByRole('button', { name: 'Save my email choices' }).click();
  await expect(page).toHaveURL(/\/me\/email\?saved=1$/);
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByLabel('Someone replies to my comment')).toBeChecked();
  await expect(page.getByLabel('My amendment gets a verdict')).not.toBeChecked();
  await screenshot(page, 'email-choices-phone');
  await context.close();

  // Someone opening a message's link without being signed in: one button, plain words.
  const stranger = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const link = await stranger.newPage();
  await link.goto(`/unsubscribe/${'ab'.repeat(32)}`);
  await expect(link.getByRole('heading', { level: 1, name: 'Stop email from Recovery Commons' })).toBeVisible();
  await expectNoAxeViolationsWithoutJs(link);
  await link.getByRole('button', { name: 'Stop all email' }).click();
  await expect(link.getByRole('alert')).toContainText('This link does not work any more');
  await screenshot(link, 'unsubscribe-phone');
  await stranger.close();
});
