// Deliberation on the drafts: a service user on a phone comments on a quoted phrase and
// proposes new wording; an editor accepts it and the history credits the proposer; a
// facilitator hides an abusive comment; a member of the public comments on the published
// draft and it appears only after approval; commenting also works without JavaScript.
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import {
  adminState,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  screenshot,
  uniqueTitle,
  waitForHydration,
} from './support';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TEXT = 'Recovery means **hope**: quicker routes to detox and rehab, and support from people who have been there.';

async function post(context: BrowserContext, endpoint: string, form: Record<string, string>) {
  const response = await context.request.post(`/api/${endpoint}`, { form });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

/** As the administrator, through the API: a process whose definition's first section reads
 * TEXT (version 2), and sign-in codes for `people` participants. */
async function discussedProcess(browser: Browser, people: number) {
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('St Helens definition'), description: 'Talking it through.' }));
  const document = { process_id: id, kind: 'definition' };
  await post(admin, 'documents/start', { ...document, start_from: 'template' });
  await post(admin, 'documents/save-section', { ...document, key: '1', base: '1', heading: 'What recovery means here', body: TEXT, summary: 'From the workshop' });
  const batch = String(await post(admin, 'codes/create', { process_id: id, count: String(people), valid_days: '14' }));
  const printable = await post(admin, 'codes/batch', { process_id: id, batch_id: batch });
  const codes: string[] = printable.unused.map((c: unknown) => (typeof c === 'string' ? c : String(Object.values(c as object)[0])));
  return { admin, id, codes, discussionUrl: `/processes/${id}/documents/definition/sections/1/discussion` };
}

/** Someone joins with a code in a new browser; `role` is given by the administrator. */
async function join(browser: Browser, admin: BrowserContext, processId: string, code: string, options: object = {}, role?: string) {
  const context = await browser.newContext({ storageState: undefined, javaScriptEnabled: true, ...options });
  const page = await context.newPage();
  await page.goto('/join');
  await page.getByLabel('Your sign-in code').fill(code);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/me\?welcome=1$/);
  if (role) {
    const viewer = await (await context.request.post('/api/session/viewer')).json();
    await post(admin, 'members/role', { process_id: processId, person_id: String(viewer.person), role, change: 'add' });
  }
  return { context, page };
}

test('a service user on a phone quotes a phrase, comments and proposes wording; an editor accepts it', async ({ browser }) => {
  const { admin, id, codes, discussionUrl } = await discussedProcess(browser, 1);
  const { context: userContext, page: user } = await join(browser, admin, id, codes[0], phone);
  // They say why they take part and choose a made-up name.
  await waitForHydration(user);
  await user.getByLabel('I use or have used drug or alcohol services').check();
  await user.getByRole('button', { name: 'Save how I take part' }).click();
  await expect(user.getByLabel('I use or have used drug or alcohol services')).toBeChecked();
  await user.getByLabel('A made-up name (pseudonym)').check();
  await user.getByLabel('A made-up name (optional)').fill('Phoenix');
  await user.getByRole('button', { name: 'Save how I appear' }).click();
  await expect(user.getByLabel('A made-up name (optional)')).toHaveValue('Phoenix');

  // From the document, the section says what is under discussion.
  await user.goto(`/processes/${id}/documents/definition`);
  await waitForHydration(user);
  await expect(user.locator('#section-1 .section-activity')).toContainText('No open comments or amendments');
  await user.locator('#section-1').getByRole('link', { name: /Comments and amendments/ }).click();
  await expect(user).toHaveURL(new RegExp(`${discussionUrl}$`));
  await expect(user.getByRole('heading', { level: 1, name: 'Discussion: What recovery means here' })).toBeVisible();
  await waitForHydration(user);
  await expectNoAxeViolations(user);

  // Before posting, a word that labels people is pointed out with what to say instead.
  await user.getByLabel('Your comment').fill('Addicts wait too long.');
  await expect(user.locator('.comment-form .advice__wording')).toContainText('a person who uses drugs');
  await user.getByLabel('Your comment').fill('People wait too long.');
  await expect(user.locator('.comment-form .advice__wording')).toHaveCount(0);

  // A quote that is not in the section is explained next to the field, and the comment kept.
  await user.getByLabel('The words you are commenting on (optional)').fill('quick access to detox');
  await user.getByLabel('Your comment').fill('Waiting weeks for **detox** loses people.');
  await user.getByRole('button', { name: 'Post comment' }).click();
  await expect(user.locator('#quote-error')).toContainText('These words are not in this section');
  await expect(user.getByLabel('Your comment')).toHaveValue('Waiting weeks for **detox** loses people.');

  await user.getByLabel('The words you are commenting on (optional)').fill('quicker routes to detox');
  await user.getByRole('button', { name: 'Post comment' }).click();
  await expect(user.getByText('Your comment has been posted.')).toBeVisible();
  const thread = user.locator('.thread').first();
  await expect(thread.locator('.quote__text')).toHaveText('“quicker routes to detox”');
  await expect(thread.locator('.comment__text strong')).toHaveText('detox');
  await expect(thread.locator('.comment__by')).toContainText('Phoenix (a person with lived experience)');
  await expect(user.locator('.activity')).toHaveText('1 open comment');
  await screenshot(user, 'discussion-phone');

  // Proposing new wording, with a reason.
  await user.getByLabel('Your wording for this section').fill('Recovery means **hope**: detox and rehab within a week, and support from people who have been there.');
  await user.getByLabel('Why this change?').fill('Service users asked for a clear wait.');
  await user.getByRole('button', { name: 'Propose this wording' }).click();
  await expect(user).toHaveURL(/\/amendments\/\d+\?proposed=1$/);
  await expect(user.getByText('Your amendment has been proposed.')).toBeVisible();
  await expect(user.locator('.diff-text ins').first()).toContainText('within a week');
  await waitForHydration(user);
  await expectNoAxeViolations(user);
  await screenshot(user, 'amendment-phone');
  const amendmentUrl = new URL(user.url()).pathname;

  // An editor (the administrator) supports and accepts it; a new version credits the proposer.
  const editor = await admin.newPage();
  // From the section's discussion, the link says a drafter decides there.
  await editor.goto(amendmentUrl.replace(/amendments\/\d+$/, 'sections/1/discussion'));
  await editor.getByRole('link', { name: /^Accept, decline or comment: amendment \d+$/ }).click();
  await expect(editor).toHaveURL(new RegExp(`${amendmentUrl}$`));
  await waitForHydration(editor);
  await editor.getByRole('button', { name: /^Support this amendment/ }).click();
  await expect(editor.locator('.amendment__support')).toContainText('1 person supports this, including you');
  await expectNoAxeViolations(editor);
  await editor.getByRole('button', { name: 'Accept the amendment' }).click();
  await expect(editor.getByText('Your decision has been recorded.')).toBeVisible();
  await expect(editor.locator('.amendment__state')).toHaveText('Accepted into version 3');
  await editor.goto(`/processes/${id}/documents/definition/history`);
  await expect(editor.locator('table.history tbody tr').first()).toContainText('amendment proposed by Phoenix');

  // The comment made on version 2 now says the section changed, and its quote is gone.
  await user.goto(discussionUrl);
  await expect(user.locator('.thread').first()).toContainText('Made on version 2');
  await expect(user.locator('.thread').first()).toContainText('This section has changed since.');
  await expect(user.locator('.quote__gone')).toHaveText('These words no longer appear in the section.');
  await user.locator('.thread').first().getByRole('link', { name: 'See what changed since version 2' }).click();
  await expect(user.getByRole('heading', { level: 1, name: 'Changes from version 2 to version 3' })).toBeVisible();
  await userContext.close();
  await admin.close();
});

test('a facilitator hides an abusive comment; the thread keeps a notice and the record keeps the text', async ({ browser }) => {
  const { admin, id, codes, discussionUrl } = await discussedProcess(browser, 2);
  const { context: writerContext, page: writer } = await join(browser, admin, id, codes[0]);
  const { context: facilitatorContext, page: facilitator } = await join(browser, admin, id, codes[1], {}, 'facilitator');

  await writer.goto(discussionUrl);
  await waitForHydration(writer);
  await writer.getByLabel('Your comment').fill('Anyone still using is a waste of space.');
  await writer.getByRole('button', { name: 'Post comment' }).click();
  await expect(writer.getByText('Your comment has been posted.')).toBeVisible();

  // Someone reports it; it waits in the facilitator's queue with the reason.
  const reporter = await admin.newPage();
  await reporter.goto(discussionUrl);
  await waitForHydration(reporter);
  await reporter.locator('.thread').first().getByText('Report to a facilitator').click();
  await reporter.getByLabel('What is wrong with this comment?').fill('Stigmatising language');
  await reporter.getByRole('button', { name: 'Send the report' }).click();
  await expect(reporter.getByText('A facilitator will look at the comment you reported.')).toBeVisible();

  await facilitator.goto(`/processes/${id}/moderation`);
  await waitForHydration(facilitator);
  await expect(facilitator.getByRole('heading', { level: 2, name: 'Waiting for you (1)' })).toBeVisible();
  await expect(facilitator.locator('.queue__item')).toContainText('Stigmatising language');
  await expectNoAxeViolations(facilitator);
  await facilitator.locator('.queue__item').getByText('Hide this comment').click();
  await facilitator.getByLabel('Why are you hiding it? Everyone will see this reason.').fill('Stigmatising language about people who use drugs');
  await facilitator.getByRole('button', { name: 'Hide the comment' }).click();
  await expect(facilitator.getByRole('heading', { level: 2, name: 'Waiting for you (0)' })).toBeVisible();
  await expect(facilitator.locator('table.log')).toContainText('Hidden');
  await screenshot(facilitator, 'moderation');

  // Everyone else sees the notice, not the text.
  await writer.goto(discussionUrl);
  await expect(writer.locator('.comment__hidden')).toHaveText('Hidden by a facilitator: Stigmatising language about people who use drugs');
  await expect(writer.getByText('waste of space')).toHaveCount(0);
  await facilitator.goto(discussionUrl);
  await expect(facilitator.getByText('waste of space')).toBeVisible();
  await writerContext.close();
  await facilitatorContext.close();
  await admin.close();
});

test('a member of the public comments on a published draft; it appears only after approval', async ({ browser }) => {
  const { admin, id, codes, discussionUrl } = await discussedProcess(browser, 1);
  await post(admin, 'documents/publish', { process_id: id, kind: 'definition', number: '2' });
  const settings = await admin.newPage();
  await settings.goto(`/processes/${id}/moderation`);
  await waitForHydration(settings);
  await settings.getByRole('button', { name: 'Turn public comments on' }).click();
  await expect(settings.getByRole('button', { name: 'Turn public comments off' })).toBeVisible();

  const publicContext = await browser.newContext({ storageState: undefined, javaScriptEnabled: true, ...phone });
  const visitor = await publicContext.newPage();
  await visitor.goto(`/read/${id}/definition`);
  await visitor.getByRole('link', { name: 'Comment on this draft (no account needed)' }).click();
  await visitor.locator('#section-1').getByRole('link', { name: /Comment on this section/ }).click();
  await waitForHydration(visitor);
  await expect(visitor.getByRole('heading', { level: 2, name: 'Comment on this draft' })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitor.getByLabel('Your name (optional)').fill('Sam');
  await visitor.getByLabel('Your comment').fill('As a parent, I want rehab to be quicker too.');
  const question = (await visitor.locator('label[for="check-answer"]').textContent()) ?? '';
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const [, a, b] = question.match(/What is (\w+) plus (\w+)\?/)!;
  await visitor.getByLabel(question).fill(String(words.indexOf(a) + words.indexOf(b)));
  await screenshot(visitor, 'public-comment-phone');
  await visitor.getByRole('button', { name: 'Send my comment' }).click();
  await expect(visitor.getByText('Your comment will appear once a facilitator has approved it.')).toBeVisible();

  // Not shown to participants until a facilitator approves it.
  const { context: memberContext, page: member } = await join(browser, admin, id, codes[0]);
  await member.goto(discussionUrl);
  await expect(member.getByText('As a parent')).toHaveCount(0);
  await settings.goto(`/processes/${id}/moderation`);
  await waitForHydration(settings);
  await expect(settings.locator('.queue__item')).toContainText('Public comment waiting for approval');
  await settings.getByRole('button', { name: /^Approve/ }).click();
  await expect(settings.getByRole('heading', { level: 2, name: 'Waiting for you (0)' })).toBeVisible();
  await member.reload();
  await expect(member.locator('.thread').first()).toContainText('Sam (a member of the public)');
  await expect(member.locator('.thread').first()).toContainText('As a parent, I want rehab to be quicker too.');
  await publicContext.close();
  await memberContext.close();
  await admin.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('commenting, replying and resolving work from plain forms', async ({ browser }) => {
    const { admin, id, codes, discussionUrl } = await discussedProcess(browser, 1);
    const { context, page } = await join(browser, admin, id, codes[0], { javaScriptEnabled: false });
    await page.goto(discussionUrl);
    await expect(page.getByRole('button', { name: 'Quote the words I selected' })).toHaveCount(0);
    await page.getByLabel('The words you are commenting on (optional)').fill('support from people who have been there');
    await page.getByLabel('Your comment').fill('Peer support is what kept me going.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(page.getByText('Your comment has been posted.')).toBeVisible();
    await expect(page.locator('.quote__text')).toHaveText('“support from people who have been there”');
    await expectNoAxeViolationsWithoutJs(page);

    await page.locator('summary', { hasText: 'Reply' }).click();
    await page.getByLabel('Your reply').fill('Same for me.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await expect(page.locator('.replies')).toContainText('Same for me.');

    await page.locator('summary', { hasText: 'Mark resolved' }).click();
    await page.getByRole('button', { name: 'Mark resolved' }).click();
    await expect(page.locator('.resolved')).toContainText('Addressed in version 2');
    await context.close();
    await admin.close();
  });
});
