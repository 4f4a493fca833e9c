// Keeping people in the loop (issue 20) and whose words carried (issue 19): an administrator
// sets the timeline with a plain form; a member of the public on a phone sees where the
// process is now at the top of its page, follows it by feed, and reads the influence page.
import { expect, test } from '@playwright/test';
import { adminState, expectNoAxeViolations, expectNoAxeViolationsWithoutJs, screenshot, uniqueTitle } from './support';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

function isoDay(offset: number) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

test('an administrator sets the timeline; the public sees where the process is now on a phone', async ({ browser }) => {
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: false });
  const created = await admin.request.post('/api/processes/create', {
    form: { title: uniqueTitle('St Helens timeline'), description: 'Where we are, and what is next.' },
  });
  const id = String(await created.json());
  const page = await admin.newPage();
  await page.goto(`/processes/${id}`);
  await page.getByRole('link', { name: 'Set the timeline' }).click();
  const box = page.getByLabel('Phases, one a line');
  await expect(box).toHaveValue(/^Drafting \| /);
  await box.fill(`Drafting | ${isoDay(-20)} | ${isoDay(-8)}\nConsultation | ${isoDay(-7)} | ${isoDay(14)}\nDeciding | ${isoDay(15)} |\n`);
  await expectNoAxeViolationsWithoutJs(page);
  await page.getByRole('button', { name: 'Save the timeline' }).click();
  await expect(page).toHaveURL(new RegExp(`/processes/${id}\\?timeline=saved$`));
  // A workshop planned ahead, with the day it meets: "the next workshop".
  await page.goto(`/processes/${id}/workshops`);
  await page.getByLabel('Name of the workshop').fill('Recovery café workshop');
  await page.getByLabel('The day it meets (optional)').fill(isoDay(3));
  await page.getByRole('button', { name: 'Create the workshop' }).click();
  await admin.close();

  const visitorContext = await browser.newContext({ ...phone, javaScriptEnabled: true });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/processes/${id}`);
  const now = visitor.getByRole('region', { name: 'Where we are now' });
  await expect(now).toContainText('Now: Consultation, until');
  await expect(now).toContainText('Next: Deciding, from');
  await expect(now).toContainText('Next workshop: Recovery café workshop, on');
  await expect(now.locator('li[aria-current="step"]')).toContainText('Consultation');
  // It comes before the documents: the first thing after the introduction.
  const box2 = await now.boundingBox();
  expect(box2 && box2.y).toBeLessThan(844);
  const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'timeline-phone');

  const feed = await visitorContext.request.get(await visitor.getByRole('link', { name: /Follow this process in a feed reader/ }).getAttribute('href') ?? '');
  expect(feed.headers()['content-type']).toContain('application/atom+xml');

  await visitor.getByRole('link', { name: /Whose words carried/ }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'Whose words carried' })).toBeVisible();
  await expect(visitor.getByRole('table')).toContainText('Everyone');
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'influence-phone');
  await visitorContext.close();
});
