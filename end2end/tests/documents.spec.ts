// Drafting the definition: an administrator and a drafter edit the same section from two
// browsers, the clash is merged with nothing lost, and the result is published; a member of
// the public reads it on a phone and compares versions; the editor also works without
// JavaScript.
import { expect, test, type Browser } from '@playwright/test';
import {
  adminState,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  processWithCodes,
  screenshot,
  uniqueTitle,
  waitForHydration,
} from './support';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Through the API as the administrator: a process whose definition is started from the
 * template, with `saves` further versions of the first section and `publish` published. */
async function draftedProcess(browser: Browser, saves: string[], publish: number[]) {
  const context = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const post = async (endpoint: string, form: Record<string, string>) => {
    const response = await context.request.post(`/api/${endpoint}`, { form });
    expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
    return response.json();
  };
  const id = String(await post('processes/create', { title: uniqueTitle('Halton definition'), description: 'Drafting in the open.' }));
  const document = { process_id: id, kind: 'definition' };
  await post('documents/start', { ...document, start_from: 'template' });
  let base = 1;
  for (const body of saves) {
    await post('documents/save-section', { ...document, key: '1', base: String(base), heading: 'What recovery means here', body, summary: 'Wording from the workshop' });
    base += 1;
  }
  for (const number of publish) await post('documents/publish', { ...document, number: String(number) });
  await context.close();
  return id;
}

test('two people edit the same section; the clash is merged, nothing is lost, and it is published', async ({ browser }) => {
  // A long journey through two browsers: about 30 s on 2 cores.
  test.setTimeout(60_000);
  const { context: adminContext, page: admin, processUrl, codes } = await processWithCodes(browser, 1);

  // A second person joins with a code on their own device and is made a drafter.
  const drafterContext = await browser.newContext({ storageState: undefined, javaScriptEnabled: true });
  const drafter = await drafterContext.newPage();
  await drafter.goto('/join');
  await drafter.getByLabel('Your sign-in code').fill(codes[0]);
  await drafter.getByRole('button', { name: 'Join' }).click();
  await expect(drafter).toHaveURL(/\/me\?welcome=1$/);
  await admin.goto(`${processUrl}/people`);
  await waitForHydration(admin);
  await admin.locator('.member').last().getByRole('button', { name: /^Make drafter/ }).click();
  await expect(admin.locator('.member').last()).toContainText('Drafter');

  // The administrator starts the definition from the template.
  await admin.goto(processUrl);
  await admin.getByRole('link', { name: /Open the working draft\s*:\s*Our local definition of recovery/ }).click();
  await waitForHydration(admin);
  await admin.getByRole('button', { name: 'Start from the template' }).click();
  await expect(admin.getByRole('heading', { level: 2, name: 'Hope' })).toBeVisible();
  await expectNoAxeViolations(admin);
  await screenshot(admin, 'document');

  // Both open the same section at version 1.
  await admin.getByRole('link', { name: /^Edit\s*“Being in control of your own life”$/ }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Edit a section' })).toBeVisible();
  const editorUrl = admin.url();
  await drafter.goto(editorUrl);
  await waitForHydration(drafter);
  await waitForHydration(admin);

  // The drafter types and the preview follows, rendered as it will be published.
  // Bold comes from a button, not from typing stars.
  const text = drafter.getByLabel('Text', { exact: true });
  // Advice while writing, never a block: a sentence over 15 words and a word that labels
  // people are pointed out, with what to say instead.
  await text.fill('Recovery is something that everybody who has ever been an addict deserves to find in their own way, at their own pace.');
  await expect(drafter.locator('.advice__sentences mark')).toContainText('Recovery is something that everybody');
  await expect(drafter.locator('.advice__wording')).toContainText('a person who uses drugs');
  await expectNoAxeViolations(drafter);
  await screenshot(drafter, 'section-editor-advice');
  await text.fill('Choice matters: people decide their own path.');
  await text.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(0, 6));
  await drafter.getByRole('button', { name: 'Bold' }).first().click();
  await expect(text).toHaveValue('**Choice** matters: people decide their own path.');
  await expect(drafter.locator('.preview strong')).toHaveText('Choice');
  await drafter.getByLabel('What did you change? (optional)').fill('Added choice');
  await expectNoAxeViolations(drafter);
  await screenshot(drafter, 'section-editor');
  await drafter.getByRole('button', { name: 'Save this section' }).click();
  await expect(drafter).toHaveURL(/\?saved=2/);
  await expect(drafter.getByText('Saved as version 2.')).toBeVisible();

  // The administrator, still on version 1, saves the same section: a clash.
  await admin.getByLabel('Text', { exact: true }).fill('Taking risks is part of recovery.');
  await admin.getByRole('button', { name: 'Save this section' }).click();
  await expect(admin).toHaveURL(/\/conflicts\/\d+$/);
  await expect(admin.getByRole('heading', { level: 1, name: 'Your change clashed with another' })).toBeVisible();
  await expect(admin.locator('.clash__theirs')).toContainText('**Choice** matters: people decide their own path.');
  await expect(admin.locator('.clash__change .diff-text ins').first()).toContainText('Choice');
  await expect(admin.getByLabel('Text', { exact: true })).toHaveValue('Taking risks is part of recovery.');
  await waitForHydration(admin);
  await expectNoAxeViolations(admin);
  await screenshot(admin, 'conflict');

  await admin.getByLabel('Text', { exact: true }).fill('**Choice** matters: people decide their own path. Taking risks is part of recovery.');
  await admin.getByRole('button', { name: 'Save the merged section' }).click();
  await expect(admin).toHaveURL(/\?saved=3/);
  const merged = admin.locator('#section-2');
  await expect(merged).toContainText('Choice matters: people decide their own path. Taking risks is part of recovery.');

  // History and comparison.
  await admin.getByRole('link', { name: 'History of changes' }).click();
  await expect(admin.locator('table.history tbody tr')).toHaveCount(3);
  await expect(admin.locator('table.history')).toContainText('Added choice');
  await waitForHydration(admin);
  await expectNoAxeViolations(admin);
  await screenshot(admin, 'history');
  await admin.getByRole('link', { name: /Compare with the one before\s+version 3$/ }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Changes from version 2 to version 3' })).toBeVisible();
  await expect(admin.locator('.diff-text ins').filter({ hasText: 'Taking risks' }).first()).toBeVisible();
  // The changes read as words, without Markdown's stars.
  for (const diff of await admin.locator('.diff-text').all()) await expect(diff).not.toContainText('**');
  await expectNoAxeViolations(admin);
  await screenshot(admin, 'compare');

  // Publish version 3.
  await admin.goto(processUrl);
  await admin.getByRole('link', { name: /Open the working draft\s*:\s*Our local definition of recovery/ }).click();
  await waitForHydration(admin);
  await admin.getByRole('button', { name: 'Publish version 3' }).click();
  await expect(admin.getByText('Version 3 is now public.')).toBeVisible();
  await expect(admin.locator('.publication')).toContainText('Draft for consultation');
  await drafterContext.close();
  await adminContext.close();
});

test.describe('a member of the public on a phone', () => {
  test.use(phone);

  test('reads the published draft, prints it, and compares published versions', async ({ browser, page }) => {
    // Version 2 is published; version 3 is saved but never published, so it stays private.
    const id = await draftedProcess(browser, ['Recovery is hope, a home and friends.', 'Later private words.'], [1, 2]);
    await page.goto(`/read/${id}/definition`);
    await expect(page.getByRole('heading', { level: 1, name: 'Our local definition of recovery' })).toBeVisible();
    await expect(page.locator('.publication')).toContainText('Draft for consultation');
    await expect(page.locator('.publication')).toContainText('version 2');
    await expect(page.locator('#section-1')).toContainText('Recovery is hope, a home and friends.');
    await expect(page.locator('body')).not.toContainText('Later private words.');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'published-phone');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await screenshot(page, 'published-print');
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'Earlier published versions and what changed' }).click();
    await expect(page.locator('table.history tbody tr')).toHaveCount(2);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: /Compare with the one before\s+version 2$/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Changes from version 1 to version 2' })).toBeVisible();
    await expect(page.locator('.diff-text del').first()).toBeVisible();
    await expect(page.locator('.diff-text ins').filter({ hasText: 'friends' })).toHaveCount(1);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'compare-phone');

    // A draft that was never published is not for the public.
    await page.goto(`/processes/${id}/documents/definition/versions/3`);
    await expect(page.getByText('Sorry, this page could not be shown')).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, storageState: adminState });

  test('the editor previews and saves with plain forms', async ({ browser, page }) => {
    const id = await draftedProcess(browser, [], []);
    await page.goto(`/processes/${id}/documents/definition/sections/1/edit`);
    await page.getByLabel('Text', { exact: true }).fill('**No script** needed here.');
    await page.getByRole('button', { name: 'Show preview', exact: true }).click();
    await expect(page.locator('.preview strong')).toHaveText('No script');
    await expect(page.locator('.advice__summary').first()).toContainText('Reading age about');
    await expect(page.getByLabel('Text', { exact: true })).toHaveValue('**No script** needed here.');
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByRole('button', { name: 'Save this section' }).click();
    await expect(page).toHaveURL(/\?saved=2/);
    await expect(page.getByText('Saved as version 2.')).toBeVisible();
    await expect(page.locator('#section-1 strong')).toHaveText('No script');
  });
});
