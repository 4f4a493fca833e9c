// The app's code comes in pieces: each page downloads the shell and its own chunk, never the
// code of every page (issue 16: at most 600 KB compressed for any page). A signed-in
// facilitator opens the heaviest pages first thing, each in a new browser with nothing kept,
// and then moves between pages by following links, as people do: each page takes over
// (hydrates) with the code it fetched on the way.
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { adminState, uniqueTitle, waitForHydration } from './support';

const LIMIT = 600_000;

async function post(context: BrowserContext, endpoint: string, form: Record<string, string>) {
  const response = await context.request.post(`/api/${endpoint}`, { form });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

/** Opens `path` in a new browser with nothing cached and returns the bytes of code (under
 * `/pkg/`) it downloaded, compressed as sent, until the page had taken over. */
async function firstLoad(browser: Browser, path: string) {
  const context = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pkg/')) sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await page.goto(path);
  await waitForHydration(page);
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return bytes;
}

test('no page downloads more than 600 KB of code, and following links loads each page its own', async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Sefton definition'), description: 'Agreeing what recovery means in Sefton.' }));
  const document = { process_id: id, kind: 'definition' };
  await post(admin, 'documents/start', { ...document, start_from: 'template' });

  const pages = [
    '/',
    `/processes/${id}`,
    `/processes/${id}/documents/definition`,
    `/processes/${id}/documents/definition/sections/1/edit`,
    `/processes/${id}/documents/definition/sections/1/discussion`,
    `/processes/${id}/documents/definition/history`,
    `/processes/${id}/decisions`,
    `/processes/${id}/workshops`,
    '/me/needs',
  ];
  for (const path of pages) {
    const bytes = await firstLoad(browser, path);
    console.log(`${path}: ${bytes} bytes of code`);
    expect(bytes, `code downloaded for ${path}`).toBeLessThan(LIMIT);
  }

  // Following links: the router fetches the next page's chunk and shows it, without
  // reloading (a value kept in the window survives).
  const page = await admin.newPage();
  await page.goto(`/processes/${id}`);
  await waitForHydration(page);
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/pkg\/.*\.wasm$/.test(new URL(r.url()).pathname)) chunks.push(r.url());
  });
  await page.evaluate(() => ((window as unknown as { kept: string }).kept = 'still here'));
  await page.getByRole('link', { name: 'Decisions', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/processes/${id}/decisions$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Decisions' })).toBeVisible();
  expect(chunks.length, 'the decisions page brought its own code').toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'You are here' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/processes/${id}$`));
  await expect(page.getByRole('link', { name: 'Decisions', exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { kept?: string }).kept)).toBe('still here');
  await admin.close();
});
