// What a browser downloads to take over a page: each part of the site comes with its own
// WebAssembly bundle (app/src/ui/bundles.rs), so no page needs the code of every page. A
// commissioner on a slow connection opens a page of each part in a fresh browser; each
// downloads at most 600 KB of code (compressed) and is taken over by the bundle of its part.
// Then a link into another part is followed by the browser, which loads that part's bundle,
// and the browser's Back button returns to the page before; the same when the app's own
// router is the one moving there.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { adminState, uniqueTitle, waitForHydration } from './support';

async function post(context: BrowserContext, endpoint: string, form: Record<string, string>) {
  const response = await context.request.post(`/api/${endpoint}`, { form });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

/** Opens `url` and waits for the app to take it over; returns the bytes (compressed, headers
 * included) of the code and styles it downloaded, and the WebAssembly files it fetched. */
async function openCounting(page: Page, url: string) {
  const sizes: Promise<number>[] = [];
  const wasm: string[] = [];
  const count = (request: import('@playwright/test').Request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/pkg/')) return;
    if (path.endsWith('.wasm')) wasm.push(path);
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  };
  page.on('requestfinished', count);
  await page.goto(url);
  await waitForHydration(page);
  page.off('requestfinished', count);
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  return { bytes, wasm };
}

test('every part of the site downloads at most 600 KB of code, its own bundle', async ({ browser }) => {
  test.setTimeout(60_000);
  const admin = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const id = String(await post(admin, 'processes/create', { title: uniqueTitle('Sefton definition'), description: 'Agreeing what recovery means.' }));
  await post(admin, 'documents/start', { process_id: id, kind: 'definition', start_from: 'template' });
  await admin.close();

  const process = `/processes/${id}`;
  const pages: [string, string][] = [
    ['/', 'bundle-main.'],
    [process, 'bundle-main.'],
    [`${process}/documents/definition`, 'bundle-documents.'],
    [`${process}/documents/definition/sections/1/discussion`, 'bundle-documents.'],
    [`${process}/decisions`, 'bundle-decisions.'],
    [`${process}/workshops`, 'bundle-workshops.'],
  ];
  for (const [url, bundle] of pages) {
    // A fresh browser each time: nothing cached.
    const context = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
    const page = await context.newPage();
    const { bytes, wasm } = await openCounting(page, url);
    console.log(`${url}: ${bytes} bytes of code and styles (${wasm.join(', ')})`);
    expect(wasm, `the WebAssembly ${url} loads`).toHaveLength(1);
    expect(wasm[0], `the bundle of ${url}`).toContain(`/pkg/${bundle}`);
    expect(bytes, `code downloaded for ${url}`).toBeLessThan(600_000);
    await context.close();
  }

  // From the process page (main bundle) a link to the decisions: the browser loads it with
  // the decisions bundle, hydrated, and Back returns to the process page, hydrated too.
  const context = await browser.newContext({ storageState: adminState, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto(process);
  await waitForHydration(page);
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  /** Waits for the page of `part` to be loaded whole, with that part's bundle. */
  const arrivedIn = async (part: string, heading: string) => {
    await expect(page).toHaveURL(new RegExp(`${process}/${part}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await waitForHydration(page);
    await expect.poll(() => fetched.some((p) => p.startsWith(`/pkg/bundle-${part}.`) && p.endsWith('.wasm'))).toBe(true);
  };
  /** Notes, for after the page has gone, whether the app stood in with `Elsewhere`
   * ("Loading…") before the browser loaded the next page. */
  const watchForStandIn = () =>
    page.evaluate(() => {
      sessionStorage.removeItem('stood-in');
      new MutationObserver(() => {
        if (document.querySelector('main p[role="status"]')?.textContent === 'Loading…') sessionStorage.setItem('stood-in', 'yes');
      }).observe(document.body, { childList: true, subtree: true });
    });
  const stoodIn = () => page.evaluate(() => sessionStorage.getItem('stood-in') === 'yes');
  await watchForStandIn();
  await page.getByRole('link', { name: 'Decisions', exact: true }).click();
  await arrivedIn('decisions', 'Decisions');
  // The router never saw the click: the browser followed the link.
  expect(await stoodIn()).toBe(false);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${process}$`));
  await waitForHydration(page);
  await expect(page.getByRole('link', { name: 'Decisions', exact: true })).toBeVisible();

  // A link the app's router follows itself (written in full, as in a comment's Markdown)
  // into another part: the page stands in with "Loading…" and has the browser load it.
  fetched.length = 0;
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = 'Workshops, written in full';
    document.querySelector('main')!.append(link);
  }, new URL(`${process}/workshops`, page.url()).href);
  await watchForStandIn();
  await page.getByRole('link', { name: 'Workshops, written in full' }).click();
  await arrivedIn('workshops', 'Workshops');
  expect(await stoodIn()).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${process}$`));

  // Within one part, links stay in the app: no page load, no second bundle.
  await page.goto(`${process}/documents/definition`);
  await waitForHydration(page);
  fetched.length = 0;
  await page.getByRole('link', { name: /^History/ }).first().click();
  await expect(page).toHaveURL(/\/history$/);
  expect(fetched.filter((p) => p.endsWith('.wasm'))).toEqual([]);
  await context.close();
});
