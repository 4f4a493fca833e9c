// A live workshop: the facilitator's console and the projector on one laptop, two guests on
// phones (one typing the code, one following the QR link whose live stream is answered 503,
// as during a database outage, so the browser gives up on it: the page says it is
// reconnecting, keeps trying, and catches up once the server answers again). The room moves from step to step and the phones follow without reloading; a
// comment and the ballots reach the projector as they happen; the facilitator enters a show
// of hands for people without phones. axe on the console, the projector and the phone.
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { adminState, expectNoAxeViolations, screenshot, uniqueTitle, waitForFollowing, waitForHydration } from './support';

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function post(context: BrowserContext, endpoint: string, form: Record<string, string>) {
  const response = await context.request.post(`/api/${endpoint}`, { form });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

/** A guest joins on a phone from the join page, as they would after reading the screen. */
async function guest(browser: Browser, code: string, name: string, why: string, typed = true, badConnection = false) {
  const context = await browser.newContext({ storageState: undefined, javaScriptEnabled: true, ...phone });
  // An outage: the live stream is answered 503 until the test lets it through. (A browser's
  // EventSource gives up for good on such an answer; the page must reopen it itself.)
  if (badConnection) await context.route('**/live?view=step', (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'database unavailable' }));
  const page = await context.newPage();
  // What the phone downloads, compressed, from opening the join page until it follows the room.
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (!request.url().includes('/live?')) sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  const refetches: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' && /\/workshops\/\d+$/.test(new URL(r.url()).pathname)) refetches.push(r.url());
  });
  if (typed) {
    await page.goto('/w');
    await page.getByLabel('The code on the screen').fill(code.toLowerCase());
  } else {
    // The QR code's link fills the code in.
    await page.goto(`/w?code=${code.replace(' ', '')}`);
    await expect(page.getByLabel('The code on the screen')).toHaveValue(code.replace(' ', ''));
  }
  await page.getByLabel('Your name, or a made-up name (others in the room see it)').fill(name);
  await page.getByLabel('Why you take part').selectOption({ label: why });
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'You are in. The workshop will start soon.' })).toBeVisible();
  // The phone pages come without the app's WebAssembly: a small script follows the room.
  await waitForFollowing(page);
  expect(await page.locator('script[src*="/pkg/"]').count()).toBe(0);
  const downloaded = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  expect(downloaded, 'bytes a phone downloads to join a workshop').toBeLessThan(200_000);
  console.log(`${name}'s phone downloaded ${downloaded} bytes to join and follow the room`);
  // Its stream opens on the step it shows, so it does not fetch the page again.
  await page.waitForTimeout(1000);
  expect(refetches).toEqual([]);
  return { context, page };
}

test('a workshop: phones follow the room, the projector shows comments and votes as they come', async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Halton workshop'), description: 'Agreeing our definition, in the room.' }));
  const document = { process_id: id, kind: 'definition' };
  await post(admin, 'documents/start', { ...document, start_from: 'template' });
  await post(admin, 'documents/save-section', { ...document, key: '1', base: '1', heading: 'What recovery means here', body: 'Recovery is **hope** and people who have been there.', summary: 'From the group' });

  // The facilitator creates the workshop and its agenda from the console.
  const console_ = await admin.newPage();
  await console_.goto(`/processes/${id}/workshops`);
  await waitForHydration(console_);
  await console_.getByLabel('Name of the workshop').fill('Tuesday recovery group');
  await console_.getByRole('button', { name: 'Create the workshop' }).click();
  await expect(console_.getByRole('heading', { level: 1, name: 'Tuesday recovery group' })).toBeVisible();
  await waitForHydration(console_);
  const steps: [string, string, string?][] = [
    ['Read the first section', 'read'],
    ['What do you think of it?', 'comments'],
    ['Do we agree?', 'vote', 'Do we agree with the first section?'],
  ];
  for (const [title, kind, question] of steps) {
    await console_.getByLabel('What the step is called').fill(title);
    await console_.getByLabel('What the room does').selectOption(kind);
    if (question) await console_.getByLabel('The question (for a vote)').fill(question);
    await console_.getByRole('button', { name: 'Add the step' }).click();
    await expect(console_.locator('.agenda')).toContainText(title);
    // The form empties once the step is added, so it is not added twice by mistake.
    await expect(console_.getByLabel('What the step is called')).toHaveValue('');
  }
  const code = (await console_.locator('.console-join__code strong').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
  await expect(console_.getByRole('img', { name: 'QR code for the join address' })).toBeVisible();
  await expectNoAxeViolations(console_);

  const projector = await admin.newPage();
  await projector.setViewportSize({ width: 1280, height: 720 });
  await projector.goto(new URL(console_.url()).pathname.replace('/console', '/projector'));
  await waitForHydration(projector);
  await expect(projector.locator('.projector__big-code')).toHaveText(code);
  await expectNoAxeViolations(projector);
  await screenshot(projector, 'workshop-projector-gathering');

  const sam = await guest(browser, code, 'Sam', 'I use or have used drug or alcohol services');
  const ash = await guest(browser, code, 'Ash', 'I am a family member or carer', false, true);
  await expect(console_.getByText('2 people have joined')).toBeVisible();
  await expect(projector.getByText('2 joined so far')).toBeVisible();
  // The console lists the guests as they join.
  await expect(console_.locator('.guest-list')).toContainText('Sam');
  await expect(console_.locator('.guest-list')).toContainText('Ash');

  // Step 1: the phones follow without reloading. (The console shows where the room is before
  // each move, as the facilitator sees it; a move from an outdated place is refused.)
  await console_.getByRole('button', { name: 'Next step' }).click();
  await expect(console_.locator('.console-where')).toHaveText('The room is at step 1 of 3.');
  await expect(sam.page.getByRole('heading', { level: 1, name: 'Read the first section' })).toBeVisible();
  await expect(sam.page.getByText('people who have been there')).toBeVisible();
  await expect(projector.getByRole('heading', { level: 1, name: 'Read the first section' })).toBeVisible();
  await expectNoAxeViolations(sam.page);
  await screenshot(sam.page, 'workshop-phone-reading');
  // At 200 % zoom (half the width in CSS pixels) the phone view still needs no sideways
  // scrolling.
  await sam.page.setViewportSize({ width: 180, height: 370 });
  const zoomed = await sam.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(zoomed, 'sideways scrolling at 200 % zoom').toBeLessThanOrEqual(0);
  await screenshot(sam.page, 'workshop-phone-reading-zoomed');
  await sam.page.setViewportSize(phone.viewport);

  // Ash's phone has not got through to the live stream and says so; once it does, it catches
  // up on its own.
  await expect(ash.page.getByRole('heading', { level: 1, name: 'You are in. The workshop will start soon.' })).toBeVisible();
  await expect(ash.page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible();
  await screenshot(ash.page, 'workshop-phone-reconnecting');
  await console_.getByRole('button', { name: 'Next step' }).click();
  await expect(console_.locator('.console-where')).toHaveText('The room is at step 2 of 3.');
  await expect(sam.page.getByRole('heading', { level: 1, name: 'What do you think of it?' })).toBeVisible();
  await expect(ash.page.getByRole('heading', { level: 1, name: 'You are in. The workshop will start soon.' })).toBeVisible();
  await ash.context.unrouteAll();
  await expect(ash.page.getByRole('heading', { level: 1, name: 'What do you think of it?' })).toBeVisible({ timeout: 35_000 });
  await expect(ash.page.getByText('Reconnecting')).toBeHidden();

  // A comment from a phone reaches the projector; one said aloud is typed in.
  await sam.page.getByLabel('What do you think of this section?').fill('It should say something about housing.');
  await sam.page.getByRole('button', { name: 'Send my comment' }).click();
  await expect(sam.page.getByText('your comment has been sent')).toBeVisible();
  await expect(projector.locator('.room-comments')).toContainText('It should say something about housing.');
  await console_.getByLabel('Type in something said aloud (shown as “Said in the room”)').fill('Peer mentors matter.');
  await console_.getByRole('button', { name: 'Add what was said' }).click();
  await expect(projector.locator('.room-comments')).toContainText('Said in the room');
  await expectNoAxeViolations(projector);
  await screenshot(projector, 'workshop-projector-comments');

  // Live streams end every 4 seconds in these tests (LIVE_STREAM_SECONDS): by now every
  // screen has been cut off and reconnected, and still follows the room.
  await sam.page.waitForTimeout(4500);

  // The vote: ballots from phones and a show of hands, each on the projector at once.
  await expect(console_.locator('.console-where')).toHaveText('The room is at step 2 of 3.');
  await console_.getByRole('button', { name: 'Next step' }).click();
  await expect(console_.locator('.console-where')).toHaveText('The room is at step 3 of 3.');
  await expect(sam.page.getByRole('heading', { level: 2, name: 'Do we agree with the first section?' })).toBeVisible();
  await sam.page.getByRole('radio', { name: 'Agree', exact: true }).check();
  await sam.page.getByRole('button', { name: 'Send my vote' }).click();
  await expect(sam.page.getByText('Your vote is counted.')).toBeVisible();
  await expect(projector.getByText('1 person has voted so far.')).toBeVisible();
  await expect(ash.page.getByRole('heading', { level: 2, name: 'Do we agree with the first section?' })).toBeVisible();
  await ash.page.getByRole('radio', { name: 'Agree, with reservations' }).check();
  await ash.page.getByRole('button', { name: 'Send my vote' }).click();
  await expect(projector.getByText('2 people have voted so far.')).toBeVisible();
  await expectNoAxeViolations(ash.page);
  await screenshot(ash.page, 'workshop-phone-voted');

  // Hands never count more people than the facilitator said are in the room.
  await console_.getByLabel('How many people are in the room').fill('8');
  await console_.getByRole('button', { name: 'Save the number' }).click();
  await expect(console_.getByText('Now: 8.')).toBeVisible();
  await console_.getByLabel('Hands for “Agree”').fill('3');
  await console_.getByLabel('Hands for “Object”').fill('1');
  await console_.getByLabel('Whose hands were they?').selectOption({ label: 'people with lived experience' });
  await console_.getByRole('button', { name: 'Count these hands' }).click();
  await expect(projector.getByText('6 people have voted so far.')).toBeVisible();
  await expect(projector.locator('table.results thead')).toContainText('People with lived experience (5 voting)');
  await expectNoAxeViolations(console_);
  await screenshot(console_, 'workshop-console');
  await screenshot(projector, 'workshop-projector-vote');
  // On a 1920 x 1080 projector the whole vote fits: the overall result, the chart with its
  // legend and the table, without scrolling.
  await projector.setViewportSize({ width: 1920, height: 1080 });
  const spare = await projector.locator('.projector').evaluate((p) => p.clientHeight - p.scrollHeight);
  expect(spare, 'the projector scrolls').toBeGreaterThanOrEqual(0);
  await expect(projector.locator('table.results thead th').nth(1)).toContainText('Everyone');
  await expect(projector.locator('table.results')).toBeInViewport({ ratio: 1 });
  await expect(projector.locator('.results-chart')).toBeInViewport({ ratio: 1 });
  await screenshot(projector, 'workshop-projector-vote-1080');

  // The facilitator closes joining: the code on the screen no longer lets anyone in.
  await console_.getByRole('button', { name: 'Close joining (the code stops working)' }).click();
  await expect(console_.getByText('Joining is closed: the code no longer works.')).toBeVisible();
  const late = await browser.newContext({ storageState: undefined, javaScriptEnabled: true, ...phone });
  const latePage = await late.newPage();
  await latePage.goto(`/w?code=${code.replace(' ', '')}`);
  await latePage.getByLabel('Your name, or a made-up name (others in the room see it)').fill('Late');
  await latePage.getByLabel('Why you take part').selectOption({ label: 'Something else' });
  await latePage.getByRole('button', { name: 'Join' }).click();
  await expect(latePage.getByText('closed joining')).toBeVisible();
  await late.close();

  // Ash is asked to leave: their ballot no longer counts, and the record says so.
  await console_.getByRole('button', { name: /Remove from the room: Ash/ }).click();
  await expect(console_.locator('.guest', { hasText: 'Ash' })).toContainText('(removed)');
  await expect(projector.getByText('5 people have voted so far.')).toBeVisible();
  await expectNoAxeViolations(console_);
  await screenshot(console_, 'workshop-console-room');

  for (const p of [sam, ash]) await p.context.close();
  await admin.close();
});

/** A guest who joins and votes without a screen of their own (their phone is not the test). */
async function guestVotes(browser: Browser, code: string, name: string, constituency: string, decision: string, answer: string) {
  const context = await browser.newContext({ storageState: undefined });
  await post(context, 'workshops/join', { code, how: 'guest', name, constituency });
  await post(context, 'decisions/vote', { decision_id: decision, answer, reason: answer === 'object' ? 'Not yet.' : '' });
  await context.close();
}

// A secret vote in the room: the projector shows how many have voted and never how, until the
// facilitator closes it; then only groups of at least three (here everyone, merged, because
// each constituency had one voter).
test('a secret vote: the projector shows how many, not how, then the merged result', async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Secret ballot'), description: 'A vote nobody can read back.' }));
  const w = String(await post(admin, 'workshops/create', { process_id: id, title: 'Thursday group' }));

  const console_ = await admin.newPage();
  await console_.goto(`/workshops/${w}/console`);
  await waitForHydration(console_);
  await console_.getByLabel('What the step is called').fill('Our name');
  await console_.getByLabel('What the room does').selectOption('vote');
  await console_.getByLabel('The question (for a vote)').fill('Do we keep the name “Thursday group”?');
  await console_.getByLabel('Secret ballot (for a vote)').check();
  await console_.getByRole('button', { name: 'Add the step' }).click();
  await expect(console_.locator('.agenda')).toContainText('Our name');
  const code = (await console_.locator('.console-join__code strong').textContent()) ?? '';

  const projector = await admin.newPage();
  await projector.setViewportSize({ width: 1280, height: 720 });
  await projector.goto(`/workshops/${w}/projector`);
  await waitForHydration(projector);

  const sam = await guest(browser, code, 'Sam', 'I use or have used drug or alcohol services');
  await console_.getByRole('button', { name: 'Next step' }).click();
  await expect(console_.locator('.console-where')).toHaveText('The room is at step 1 of 1.');
  // No show of hands for a secret vote.
  await expect(console_.getByRole('button', { name: 'Count these hands' })).toHaveCount(0);
  await expect(sam.page.getByText('Your vote is secret')).toBeVisible();
  await sam.page.getByRole('radio', { name: 'Agree', exact: true }).check();
  await sam.page.getByRole('button', { name: 'Send my vote' }).click();
  await expect(sam.page.getByText('Your vote is counted.')).toBeVisible();
  await expectNoAxeViolations(sam.page);
  await screenshot(sam.page, 'workshop-phone-secret-vote');

  const room = await (await admin.request.post('/api/workshops/room', { form: { workshop_id: w } })).json();
  const decision = String(room.step.vote.decision);
  await guestVotes(browser, code, 'Ash', 'family_or_carer', decision, 'object');
  await guestVotes(browser, code, 'Bo', 'peer_supporter', decision, 'agree');
  await guestVotes(browser, code, 'Cy', 'other', decision, 'agree');

  await expect(projector.getByText('4 people have voted so far.')).toBeVisible();
  await expect(projector.getByText('Ballots are secret: the result shows when the vote closes.')).toBeVisible();
  await expect(projector.locator('table.results')).toHaveCount(0);
  await expect(projector.getByRole('img', { name: 'Share of each answer, by constituency' })).toHaveCount(0);
  await expectNoAxeViolations(projector);
  await screenshot(projector, 'workshop-projector-secret-running');

  await console_.getByRole('button', { name: 'Close the vote and count it' }).click();
  await expect(projector.getByText('4 people have voted. Voting has closed.')).toBeVisible();
  // Each constituency had one voter: merged, they are everyone, so only everyone is shown.
  const table = projector.locator('table.results thead');
  await expect(table).toContainText('Everyone (4 voting)');
  await expect(table).not.toContainText('(1 voting)');
  await expect(projector.getByText('Each constituency had too few voters to be shown on its own')).toBeVisible();
  await expectNoAxeViolations(projector);
  await screenshot(projector, 'workshop-projector-secret-closed');

  await sam.context.close();
  await admin.close();
});
