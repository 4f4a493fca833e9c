// A facilitator opens a consent decision; people in three constituencies vote on phones (one
// changes their mind); it closes and the result shows each constituency side by side; a
// member of the public reads the result and who took part, and voting works without
// JavaScript. Then a decision to adopt a version of the definition: a commissioner ratifies
// it, and a member of the public reads the ratified definition and its participation record.
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { adminState, expectNoAxeViolations, expectNoAxeViolationsWithoutJs, screenshot, uniqueTitle, waitForHydration } from './support';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function post(context: BrowserContext, endpoint: string, form: Record<string, string>) {
  const response = await context.request.post(`/api/${endpoint}`, { form });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

/** Someone joins with a code on a phone and says why they take part. */
async function voter(browser: Browser, code: string, constituency: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ storageState: undefined, javaScriptEnabled, ...phone });
  const page = await context.newPage();
  await page.goto('/join');
  await page.getByLabel('Your sign-in code').fill(code);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/me\?welcome=1$/);
  await page.getByLabel(constituency).check();
  await page.getByRole('button', { name: 'Save how I take part' }).click();
  // Wait for the save itself, not just the ticked box: leaving too early cancels it.
  await expect(page.getByText('Your changes are saved.')).toBeVisible();
  await expect(page.getByLabel(constituency)).toBeChecked();
  return { context, page };
}

test('a consent decision: three constituencies vote on phones and the result shows each side by side', async ({ browser }) => {
  // Four browsers, one without JavaScript: about 30 s on 2 cores.
  test.setTimeout(60_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Sefton decision'), description: 'Deciding together.' }));
  const batch = String(await post(admin, 'codes/create', { process_id: id, count: '3', valid_days: '14' }));
  const codes: string[] = (await post(admin, 'codes/batch', { process_id: id, batch_id: batch })).unused.map((c: unknown) => (typeof c === 'string' ? c : String(Object.values(c as object)[0])));

  // The facilitator (here the process administrator) opens the decision.
  const facilitator = await admin.newPage();
  await facilitator.goto(`/processes/${id}/decisions`);
  await waitForHydration(facilitator);
  await expectNoAxeViolations(facilitator);
  await facilitator.getByLabel('The question').fill('Adopt version 1 of our definition of recovery?');
  await facilitator.getByLabel('What it needs to pass').selectOption('consensus');
  await facilitator.getByRole('button', { name: 'Open the decision' }).click();
  await expect(facilitator.getByRole('heading', { level: 1, name: 'Adopt version 1 of our definition of recovery?' })).toBeVisible();
  const decisionUrl = new URL(facilitator.url()).pathname;

  const people = [
    await voter(browser, codes[0], 'I use or have used drug or alcohol services'),
    await voter(browser, codes[1], 'I am a family member or carer'),
    await voter(browser, codes[2], 'I am a peer supporter or recovery champion', false),
  ];
  // With JavaScript: an objection without a reason is explained; then they agree.
  const first = people[0].page;
  await first.goto(decisionUrl);
  await waitForHydration(first);
  await first.getByRole('radio', { name: 'Object' }).check();
  await first.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(first.locator('#ballot-error')).toContainText('Please say why you object');
  await first.getByLabel('Your reason (needed if you object)').fill('It says nothing about harm reduction.');
  await first.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(first.getByText('Your vote has been counted.')).toBeVisible();
  await expect(first.getByRole('radio', { name: 'Object' })).toBeChecked();
  await expectNoAxeViolations(first);
  await screenshot(first, 'decision-phone');
  // They change their mind after the discussion.
  await first.getByRole('radio', { name: 'Agree, with reservations' }).check();
  await first.getByRole('button', { name: 'Change my vote' }).click();
  await expect(first.getByRole('radio', { name: 'Agree, with reservations' })).toBeChecked();

  const second = people[1].page;
  await second.goto(decisionUrl);
  await second.getByRole('radio', { name: 'Agree', exact: true }).check();
  await second.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(second.getByText('Your vote has been counted.')).toBeVisible();

  // Without JavaScript.
  const third = people[2].page;
  await third.goto(decisionUrl);
  await third.getByRole('radio', { name: 'Agree', exact: true }).check();
  await third.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(third.getByText('Your vote has been counted.')).toBeVisible();
  await expectNoAxeViolationsWithoutJs(third);

  await facilitator.reload();
  await waitForHydration(facilitator);
  await expect(facilitator.getByText('3 people have voted.')).toBeVisible();
  await facilitator.getByRole('button', { name: 'Close the decision and count it' }).click();
  await expect(facilitator.locator('.outcome')).toContainText('Passed.');

  // A member of the public reads the result, by constituency, and who took part.
  const publicContext = await browser.newContext({ storageState: undefined, javaScriptEnabled: true, ...phone });
  const visitor = await publicContext.newPage();
  await visitor.goto(decisionUrl);
  await waitForHydration(visitor);
  const table = visitor.locator('table.results');
  await expect(table.locator('thead')).toContainText('People with lived experience (1 voting)');
  await expect(table.locator('thead')).toContainText('Family members and carers (1 voting)');
  await expect(visitor.getByRole('img', { name: 'Share of each answer, by constituency' })).toBeVisible();
  await expect(table.locator('thead')).toContainText('Everyone (3 voting)');
  await expect(table.getByRole('row', { name: /^Agree, with reservations/ })).toContainText('1');
  await expect(visitor.locator('.rule-checks')).toContainText('Met: No unresolved objections');
  await expect(visitor.locator('.record-head')).toContainText('checked, intact');
  await expect(visitor.getByText('Sign in to vote.')).toBeVisible();
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'decision-result-phone');
  // The table's title is shown whole on the phone, outside the part that scrolls sideways.
  const caption = await visitor.locator('.results-caption').boundingBox();
  expect(caption!.x + caption!.width).toBeLessThanOrEqual(390);
  // On a laptop the whole table fits the page's column, "Everyone" first.
  const laptop = await browser.newContext({ storageState: undefined, viewport: { width: 1280, height: 800 } });
  const reader = await laptop.newPage();
  await reader.goto(decisionUrl);
  const overflow = await reader.locator('table.results').evaluate((t) => t.scrollWidth - t.parentElement!.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(reader.locator('table.results thead th').nth(1)).toContainText('Everyone');
  await screenshot(reader, 'decision-result-laptop');
  await laptop.close();
  for (const p of people) await p.context.close();
  await publicContext.close();
  await admin.close();
});

test('a commissioner ratifies the adopted definition and the public reads it with its record', async ({ browser }) => {
  // A long journey: ratifying, the annex, commitments and comments, then reading it all.
  test.setTimeout(90_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Knowsley ratification'), description: 'Agreeing our definition.' }));
  const document = { process_id: id, kind: 'definition' };
  await post(admin, 'documents/start', { ...document, start_from: 'template' });
  await post(admin, 'documents/save-section', { ...document, key: '1', base: '1', heading: 'What recovery means here', body: 'Recovery is **hope**, a home and people who have been there.', summary: 'From the workshop' });
  const batch = String(await post(admin, 'codes/create', { process_id: id, count: '2', valid_days: '14' }));
  const codes: string[] = (await post(admin, 'codes/batch', { process_id: id, batch_id: batch })).unused.map((c: unknown) => (typeof c === 'string' ? c : String(Object.values(c as object)[0])));

  // The facilitator opens a decision to adopt the latest version, leaving the question empty.
  const facilitator = await admin.newPage();
  await facilitator.goto(`/processes/${id}/decisions`);
  await waitForHydration(facilitator);
  await facilitator.getByLabel('Adopting a version of “Our local definition of recovery”').check();
  await facilitator.getByRole('button', { name: 'Open the decision' }).click();
  const question = 'Do we adopt version 2 of “Our local definition of recovery”?';
  await expect(facilitator.getByRole('heading', { level: 1, name: question })).toBeVisible();
  await expect(facilitator.getByRole('link', { name: 'Version 2 of “Our local definition of recovery”' })).toBeVisible();
  const decisionUrl = new URL(facilitator.url()).pathname;

  // A service user votes on a phone: they agree, with a reservation the annex will carry.
  const serviceUser = await voter(browser, codes[0], 'I use or have used drug or alcohol services');
  await serviceUser.page.goto(decisionUrl);
  await waitForHydration(serviceUser.page);
  await expect(serviceUser.page.getByText('your reason will be listed in the annex of the ratified text')).toBeVisible();
  await serviceUser.page.getByRole('radio', { name: 'Agree, with reservations' }).check();
  await serviceUser.page.getByLabel('Your reason (needed if you object)').fill('It says nothing about families yet.');
  await serviceUser.page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(serviceUser.page.getByText('Your vote has been counted.')).toBeVisible();

  await facilitator.reload();
  await waitForHydration(facilitator);
  await facilitator.getByRole('button', { name: 'Close the decision and count it' }).click();
  await expect(facilitator.locator('.outcome')).toContainText('Passed.');

  // A commissioner, in their public role, ratifies it.
  const commissionerContext = await browser.newContext({ storageState: undefined, javaScriptEnabled: true });
  const commissioner = await commissionerContext.newPage();
  await commissioner.goto('/join');
  await commissioner.getByLabel('Your sign-in code').fill(codes[1]);
  await commissioner.getByRole('button', { name: 'Join' }).click();
  await expect(commissioner).toHaveURL(/\/me\?welcome=1$/);
  const viewer = await (await commissionerContext.request.post('/api/session/viewer')).json();
  await post(admin, 'members/role', { process_id: id, person_id: String(viewer.person), role: 'commissioner', change: 'add' });
  await post(commissionerContext, 'me/appearance', { appearance: 'full_name', full_name: 'Cllr Dana Whitfield', pseudonym: '' });
  // They say they are a commissioner, and someone else confirms it (nobody confirms themselves).
  await post(commissionerContext, 'me/constituencies', { process_id: id, commissioner: 'yes' });
  await post(admin, 'members/confirm', { process_id: id, person_id: String(viewer.person), constituency: 'commissioner' });
  await commissioner.goto(decisionUrl);
  await waitForHydration(commissioner);
  await expect(commissioner.getByText('your name is shown with it')).toBeVisible();
  await expectNoAxeViolations(commissioner);
  await commissioner.getByRole('button', { name: 'Ratify this version' }).click();
  await expect(commissioner.getByText('You have ratified this version.')).toBeVisible();
  await expect(commissioner.getByRole('region', { name: 'Ratified' })).toContainText('ratified by Cllr Dana Whitfield, commissioner');
  await expect(commissioner.getByRole('button', { name: 'Ratify this version' })).toHaveCount(0);

  // The service user, who had a reservation, writes the minority statement on their phone.
  await serviceUser.page.goto(decisionUrl);
  await serviceUser.page.getByRole('link', { name: /The minority's voice/ }).click();
  await expect(serviceUser.page.getByRole('heading', { level: 1, name: "The minority's voice" })).toBeVisible();
  await waitForHydration(serviceUser.page);
  await serviceUser.page.getByLabel('The minority statement').fill('We agree, and we ask that families are written in before the next review.');
  await serviceUser.page.getByRole('button', { name: 'Save the statement' }).click();
  await expect(serviceUser.page.getByText('Your statement is saved.')).toBeVisible();
  await expect(serviceUser.page.getByRole('region', { name: "Annex: the minority's voice" })).toContainText('Signed by 1 person');
  await expectNoAxeViolations(serviceUser.page);
  await screenshot(serviceUser.page, 'minority-statement-phone');

  // A member of the public reads the ratified definition on a phone, then its record.
  const publicContext = await browser.newContext({ storageState: undefined, javaScriptEnabled: true, ...phone });
  const visitor = await publicContext.newPage();
  await visitor.goto(`/read/${id}/definition`);
  await expect(visitor.locator('.publication')).toContainText('Ratified: version 2');
  await expect(visitor.getByText('a home and people who have been there')).toBeVisible();
  const how = visitor.getByRole('region', { name: 'How this version was ratified' });
  await expect(how).toContainText('Ratified by Cllr Dana Whitfield, commissioner');
  await expect(how).toContainText('1 person took part');
  await expect(how.getByRole('img', { name: 'Share of each answer, by constituency' })).toBeVisible();
  await expect(how.locator('table.results thead')).toContainText('People with lived experience (1 voting)');
  // The annex: the reservation with its reason, and the minority statement.
  const annex = visitor.getByRole('region', { name: "Annex: the minority's voice" });
  await expect(annex).toContainText('Agreed with reservations');
  await expect(annex).toContainText('It says nothing about families yet.');
  await expect(annex).toContainText('we ask that families are written in before the next review');
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'ratified-definition-phone');
  // For board papers: a Word document.
  const word = await publicContext.request.get(await visitor.getByRole('link', { name: /For board papers/ }).getAttribute('href') ?? '');
  expect(word.status()).toBe(200);
  expect(word.headers()['content-type']).toContain('wordprocessingml');
  await how.getByRole('link', { name: 'The decision, who took part and its participation record' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: question })).toBeVisible();
  await waitForHydration(visitor);
  await expect(visitor.locator('.record-head')).toContainText('checked, intact');
  await expect(visitor.getByText('Recounted from the record alone')).toBeVisible();
  const download = visitor.getByRole('link', { name: 'as JSON' });
  const record = await (await publicContext.request.get(await download.getAttribute('href') ?? '')).json();
  expect(record.entries.map((e: { event: object }) => Object.keys(e.event)[0])).toEqual(['Opened', 'BallotCast', 'Closed', 'Ratified']);
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'ratified-decision-record-phone');

  // You said, we did: the commissioner commits to a change on the ratified section...
  await commissioner.goto(`/processes/${id}/commitments`);
  await waitForHydration(commissioner);
  await expectNoAxeViolations(commissioner);
  const form = commissioner.getByRole('region', { name: /Make a commitment on “Our local definition of recovery”/ });
  await form.getByLabel('Which section').selectOption({ label: 'What recovery means here' });
  await form.getByLabel('What will change').fill('Offer naloxone to everyone leaving treatment');
  await form.getByLabel('Who is responsible').fill('Knowsley Recovery Service');
  await form.getByLabel('How we will all see it').fill('People offered naloxone when they leave');
  await form.getByLabel('By when').fill('2027-03-31');
  await form.getByRole('button', { name: 'Make the commitment' }).click();
  const commitment = commissioner.getByRole('article', { name: 'Offer naloxone to everyone leaving treatment' });
  await expect(commitment).toContainText('Planned');
  // ...and later reports that it is under way, with evidence.
  await commitment.getByText('Report how it stands').click();
  await commitment.getByLabel('Where it stands now').selectOption('under_way');
  await commitment.getByLabel(/What shows it/).fill('Staff trained in February; kits ordered.');
  await commitment.getByRole('button', { name: 'Save the update' }).click();
  await expect(commitment.locator('.commitment__status')).toContainText('Under way');
  await expect(commitment.locator('.commitment__updates li').first()).toContainText('Staff trained in February');
  await expectNoAxeViolations(commissioner);
  await screenshot(commissioner, 'commitments-commissioner');

  // The service user asks about the update, as on a section.
  await serviceUser.page.goto(`/processes/${id}/commitments`);
  await waitForHydration(serviceUser.page);
  const onTheirPhone = serviceUser.page.getByRole('article', { name: 'Offer naloxone to everyone leaving treatment' });
  await onTheirPhone.locator('.commitment__updates > li').first().getByText('Comment on this update').click();
  await onTheirPhone.getByLabel('Your comment: is this what was promised?').first().fill('Will people leaving prison be offered it too?');
  await onTheirPhone.getByRole('button', { name: 'Send my comment' }).first().click();
  await expect(serviceUser.page.getByText('Your comment is saved.')).toBeVisible();
  await expect(onTheirPhone).toContainText('Will people leaving prison be offered it too?');
  await expectNoAxeViolations(serviceUser.page);

  // The member of the public reads it on the phone, on the ratified page and in full.
  await visitor.goto(`/read/${id}/definition/ratified`);
  await expect(visitor.getByRole('region', { name: 'What has been committed since: you said, we did' })).toContainText('Offer naloxone to everyone leaving treatment');
  await visitor.getByRole('link', { name: 'Every commitment, with its updates' }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'You said, we did' })).toBeVisible();
  await expect(visitor.getByRole('article', { name: 'Offer naloxone to everyone leaving treatment' })).toContainText('Under way');
  await expect(visitor.getByText('Report how it stands')).toHaveCount(0);
  const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await waitForHydration(visitor);
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'you-said-we-did-phone');
  await visitor.emulateMedia({ media: 'print' });
  await screenshot(visitor, 'you-said-we-did-print');
  await visitor.emulateMedia({ media: 'screen' });
  // Whose words carried: the decision's result among people with lived experience beside everyone's.
  await visitor.goto(`/processes/${id}/influence`);
  await waitForHydration(visitor);
  await expect(visitor.getByRole('heading', { name: 'Did lived experience carry the decisions?' })).toBeVisible();
  await expect(visitor.locator('.decision-voices__figures dd').nth(1)).toHaveText('1 of 1 agreed (100%)');
  await expectNoAxeViolations(visitor);
  await screenshot(visitor, 'influence-phone');
  await serviceUser.context.close();
  await commissionerContext.close();
  await publicContext.close();
  await admin.close();
});

test('a service user sees what needs them on a phone, and it clears once they have voted; the group prints what is happening', async ({ browser }) => {
  test.setTimeout(60_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Halton loop'), description: 'Keeping people in the loop.' }));
  const batch = String(await post(admin, 'codes/create', { process_id: id, count: '1', valid_days: '14' }));
  const codes: string[] = (await post(admin, 'codes/batch', { process_id: id, batch_id: batch })).unused.map((c: unknown) => (typeof c === 'string' ? c : String(Object.values(c as object)[0])));
  const serviceUser = await voter(browser, codes[0], 'I use or have used drug or alcohol services');
  const question = 'Shall we meet on Tuesday evenings?';
  const decision = String(await post(admin, 'decisions/open', { process_id: id, question, method: 'consent', threshold: 'majority', lived_experience: 'yes' }));

  // The header counts it; the page links to the vote.
  const page = serviceUser.page;
  await page.goto(`/processes/${id}`);
  await waitForHydration(page);
  await expect(page.getByRole('link', { name: 'What needs me (1)' })).toBeVisible();
  await page.getByRole('link', { name: 'What needs me (1)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What needs me' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'needs-phone');
  await page.getByRole('link', { name: `A vote you can take part in: “${question}”` }).click();
  await expect(page).toHaveURL(new RegExp(`/decisions/${decision}$`));
  await waitForHydration(page);
  await page.getByRole('radio', { name: 'Agree', exact: true }).check();
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByText('Your vote has been counted.')).toBeVisible();
  await page.goto('/me/needs');
  await expect(page.getByText('Nothing needs you just now.')).toBeVisible();
  // Without email, the group's one-page sheet is here on the phone too.
  await page.getByRole('link', { name: /^What's happening in / }).click();
  await expect(page.getByRole('heading', { level: 1, name: /What's happening/ })).toBeVisible();
  await expect(page.getByText(question)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await screenshot(page, 'happening-phone');

  // A facilitator sees turnout by constituency, and the sheet to print for the group meeting.
  const facilitator = await admin.newPage();
  await facilitator.goto(`/processes/${id}/decisions/${decision}`);
  await expect(facilitator.locator('.voted-of')).toContainText('People with lived experience: 1 of 1 who may vote have voted');
  await facilitator.goto(`/processes/${id}`);
  await facilitator.getByRole('link', { name: /What's happening: a sheet to print/ }).click();
  await expect(facilitator.getByRole('heading', { level: 1, name: /What's happening/ })).toBeVisible();
  await expect(facilitator.getByText(question)).toBeVisible();
  await expect(facilitator.getByText(/ask a facilitator for a sign-in code/)).toBeVisible();
  await waitForHydration(facilitator);
  await expectNoAxeViolations(facilitator);
  await facilitator.emulateMedia({ media: 'print' });
  await screenshot(facilitator, 'happening-print');
  // It fits one A4 sheet.
  const pdf = (await facilitator.pdf({ preferCSSPageSize: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).toHaveLength(1);
  await serviceUser.context.close();
  await admin.close();
});
