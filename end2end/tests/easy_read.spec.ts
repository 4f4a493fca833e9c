// Words everyone can read (issue 18), at 390 px: a drafter writes a long sentence and sees it
// flagged, adds an easy read and publishes; a member of the public, without JavaScript,
// switches to the easy read, opens a glossary term with the keyboard, and chooses larger
// text with high contrast.
import { expect, test } from '@playwright/test';
import {
  adminState,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  screenshot,
  uniqueTitle,
  waitForHydration,
} from './support';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const LONG =
  'Recovery means that every person who uses our services can choose the support, the housing and the friends that help them to live well and stay safe.';
const EASY = 'Recovery is your journey.\n\nYou choose the help you get.\n\nEveryone should be offered naloxone.';

async function noSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('on a phone', () => {
  test.use(phone);

  test('a drafter sees a long sentence flagged, adds an easy read and publishes; the public reads it without JavaScript', async ({ browser }) => {
    test.setTimeout(90_000);
    // The administrator drafts (administrators may edit) on a phone, with JavaScript.
    const drafterContext = await browser.newContext({ ...phone, storageState: adminState, javaScriptEnabled: true });
    const drafter = await drafterContext.newPage();
    const created = await drafter.request.post('/api/processes/create', {
      form: { title: uniqueTitle('Knowsley definition'), description: 'Words everyone can read.' },
    });
    expect(created.status()).toBe(200);
    const id = String(await created.json());
    const started = await drafter.request.post('/api/documents/start', {
      form: { process_id: id, kind: 'definition', start_from: 'template' },
    });
    expect(started.status()).toBe(200);

    await drafter.goto(`/processes/${id}/documents/definition/sections/1/edit`);
    await waitForHydration(drafter);
    await drafter.getByLabel('Text', { exact: true }).fill(`${LONG} Everyone should be offered naloxone.`);
    // Flagged as they type: advice, not a block.
    await expect(drafter.locator('.advice').first()).toContainText('1 sentence is longer than 15 words');
    await expect(drafter.locator('.advice__sentences mark').first()).toContainText('Recovery means that every person');
    await noSidewaysScroll(drafter);
    await expectNoAxeViolations(drafter);
    await screenshot(drafter, 'easy-read-flagged-phone');
    await drafter.getByRole('button', { name: 'Save this section' }).click();
    await expect(drafter.getByText('Saved as version 2.')).toBeVisible();

    // The easy read, drafted beside the section, previewed as it prints.
    await drafter.goto(`/processes/${id}/documents/definition/sections/1/edit#easy-read`);
    await waitForHydration(drafter);
    await drafter.getByLabel('Easy read', { exact: true }).fill(EASY);
    await expect(drafter.locator('.preview .easy-read')).toContainText('You choose the help you get.');
    await expect(drafter.locator('#easy-preview-advice-heading')).toBeVisible();
    await expectNoAxeViolations(drafter);
    await screenshot(drafter, 'easy-read-editor-phone');
    await drafter.getByRole('button', { name: 'Save the easy read' }).click();
    await expect(drafter).toHaveURL(/read=easy/);
    await expect(drafter.getByText('Saved as version 3.')).toBeVisible();
    await expect(drafter.locator('#section-1 .easy-read')).toContainText('Recovery is your journey.');
    await expect(drafter.getByRole('link', { name: 'Easy read', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(drafter.getByText(/1 of \d+ sections have an easy read/)).toBeVisible();
    await waitForHydration(drafter);
    await expectNoAxeViolations(drafter);

    // Published from the document page.
    await drafter.getByRole('link', { name: 'Full text', exact: true }).click();
    await waitForHydration(drafter);
    await drafter.getByRole('button', { name: 'Publish version 3' }).click();
    await expect(drafter.getByText('Version 3 is now public.')).toBeVisible();
    await drafterContext.close();

    // A member of the public, on a phone, without JavaScript.
    const publicContext = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const reader = await publicContext.newPage();
    await reader.goto(`/read/${id}/definition`);
    await expect(reader.locator('#section-1')).toContainText('Recovery means that every person');
    await reader.getByRole('link', { name: 'Easy read', exact: true }).click();
    await expect(reader).toHaveURL(/\?read=easy$/);
    await expect(reader.locator('#section-1 .easy-read')).toContainText('You choose the help you get.');
    await expect(reader.locator('#section-1')).not.toContainText('Recovery means that every person');
    await noSidewaysScroll(reader);
    await expectNoAxeViolationsWithoutJs(reader);
    await screenshot(reader, 'easy-read-public-phone');

    // The glossary term, linked where it first appears, opened with the keyboard.
    const term = reader.locator('#section-1 .easy-read a[href^="#term-"]', { hasText: 'naloxone' });
    await term.focus();
    await reader.keyboard.press('Enter');
    await expect(reader).toHaveURL(/#term-1-\d+$/);
    const anchor = new URL(reader.url()).hash.slice(1);
    await expect(reader.locator(`dt[id="${anchor}"]`)).toHaveText('Naloxone');
    await expect(reader.locator(`dt[id="${anchor}"] + dd`)).toContainText('reverses an opioid overdose');

    // Easy read prints large, a picture's room beside each line.
    await reader.emulateMedia({ media: 'print' });
    const size = await reader.locator('#section-1 .easy-read p').first().evaluate((p) => getComputedStyle(p).paddingLeft);
    expect(parseFloat(size)).toBeGreaterThan(100);
    await screenshot(reader, 'easy-read-print');
    await reader.emulateMedia({ media: 'screen' });

    // Larger text and high contrast, chosen on a plain form, kept for every page.
    await reader.getByRole('link', { name: 'Text size and contrast' }).click();
    await expect(reader.getByRole('heading', { level: 1, name: 'Text size and contrast' })).toBeVisible();
    await expectNoAxeViolationsWithoutJs(reader);
    await reader.getByLabel('Largest').check();
    await reader.getByLabel('High contrast: black on white').check();
    await reader.getByRole('button', { name: 'Use these' }).click();
    await expect(reader).toHaveURL(new RegExp(`/read/${id}/definition\\?read=easy$`));
    await expect(reader.locator('html')).toHaveClass('text-largest contrast-high');
    await noSidewaysScroll(reader);
    await expectNoAxeViolationsWithoutJs(reader);
    await screenshot(reader, 'easy-read-largest-high-contrast-phone');
    await publicContext.close();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, storageState: adminState });

  test('a drafter adds a word to the glossary and it is explained in the draft', async ({ browser, page }) => {
    const context = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
    const created = await context.request.post('/api/processes/create', {
      form: { title: uniqueTitle('Sefton words'), description: 'Our own glossary.' },
    });
    const id = String(await created.json());
    await context.request.post('/api/documents/start', { form: { process_id: id, kind: 'definition', start_from: 'template' } });
    await context.request.post('/api/documents/save-section', {
      form: { process_id: id, kind: 'definition', key: '1', base: '1', heading: 'Hope', body: 'Quicker routes to rehab.', summary: '' },
    });
    await context.close();

    await page.goto(`/processes/${id}`);
    await page.getByRole('link', { name: 'Words and what they mean' }).click();
    const glossary = page.getByLabel('Glossary');
    await expect(glossary).toHaveValue(/^ROIS \| /);
    await glossary.fill(`${await glossary.inputValue()}Rehab | rehabilitation | A place to live for a few weeks while you recover.\n`);
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByRole('button', { name: 'Save both lists' }).click();
    await expect(page.getByText('Saved. Drafts use the new lists now')).toBeVisible();
    await screenshot(page, 'word-lists');

    await page.goto(`/processes/${id}/documents/definition`);
    await expect(page.locator('#section-1 dfn')).toHaveText('Rehab');
    await expect(page.locator('#section-1 a[href="#term-1-1"]')).toHaveText('rehab');
  });
});
