/**
 * The studio's flows end to end, by clicks, in Chromium against a real `scrapifie serve` and the fixture site: design a
 * recipe on the listing, save it, run it, see the rows and export them; the JS-rendered listing that needs a browser;
 * a recorded login whose password never reaches the recipe. Expected rows come from the fixture's own data (its
 * ground truth), never from scraping. Screenshots of every screen go to test-results/screens/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CREDENTIALS, DEMO_ORDERS, startTestSite, type TestSite } from '@scrapifie/testsite';
import { startStudio, type Studio } from './web/studio.ts';
import { exportCsv, LiveView, parseCsv, pointsOn, screen, waitForRun } from './web/studio-ui.ts';

const PAGES = 3;
let dir: string;
let studio: Studio;
let site: TestSite;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-e2e-flows-'));
  site = await startTestSite({ pages: PAGES });
  studio = await startStudio(join(dir, 'studio.sqlite'));
});

test.afterAll(async () => {
  await studio?.stop();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Saves the design under `name`, runs it from the Recipes screen with one click, waits for it, opens its results. */
async function saveRunAndOpenResults(page: Page, name: string, shots?: { prefix: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Recipe name' }).fill(name);
  await page.getByRole('button', { name: 'Save recipe', exact: true }).click();
  await expect(page.getByTestId('saved')).toContainText(name);
  await page.getByRole('button', { name: 'Recipes', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('valid');
  if (shots) await screen(page, test.info(), `${shots.prefix}-recipes`);
  await row.getByRole('button', { name: 'Run', exact: true }).click();
  const run = await waitForRun(page, name);
  if (shots) await screen(page, test.info(), `${shots.prefix}-runs`);
  await run.getByRole('button', { name: 'Results' }).click();
}

test('design by clicks on the listing, save, run with one click: the grid holds exactly the ground truth; CSV export', async ({ page, browser }) => {
  const listUrl = `${site.url}/list/1`;
  const at = await pointsOn(browser, listUrl, { title: 'article.product h2 a', price: 'article.product .price' });
  const view = await LiveView.open(page, studio.url, listUrl);

  // One click on a product: the 20 similar items are selected and counted.
  await expect(page.getByRole('button', { name: 'Pick list' })).toHaveAttribute('aria-pressed', 'true');
  await view.hover(at.title!);
  await expect(page.getByTestId('hover-label')).toBeVisible();
  await view.click(at.title!);
  await expect(page.getByTestId('selection-count')).toHaveText('20 selected', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Add field' })).toHaveAttribute('aria-pressed', 'true');

  // Clicks inside the item add the fields: the title's text, the price, and the title's link (renamed "link").
  await view.click(at.title!);
  await expect(page.locator('[data-field="title"]')).toContainText('20/20', { timeout: 30_000 });
  await view.click(at.price!);
  await expect(page.locator('[data-field="price"]')).toContainText('20/20', { timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Field takes' }).selectOption('link');
  await view.click(at.title!);
  await expect(page.locator('[data-field="url"]')).toContainText('20/20', { timeout: 30_000 });
  const rename = page.getByRole('textbox', { name: 'Name of url' });
  await rename.fill('link');
  await rename.press('Enter');
  await expect(page.locator('[data-field="link"]')).toContainText('20/20');
  await expect(page.getByTestId('preview-count')).toHaveText('20');

  // Pagination: the designer proposes the page's next control; the user accepts it.
  await page.getByRole('button', { name: 'Detect pagination' }).click();
  await page.getByRole('button', { name: 'Confirm proposed pagination' }).click();
  await expect(page.getByRole('radio').first()).toBeChecked();
  await page.getByRole('button', { name: 'Check tiers' }).click();
  await expect(page.locator('.modes .badge')).toHaveText('works without a browser', { timeout: 30_000 });
  await screen(page, test.info(), 'designer-listing');

  await saveRunAndOpenResults(page, 'shop-listing', { prefix: 'listing' });
  const total = PAGES * site.truth.itemsPerPage;
  await expect(page.getByTestId('grid-count')).toHaveText(`${total} of ${total} rows`, { timeout: 30_000 });
  await screen(page, test.info(), 'listing-results');

  // The downloaded CSV holds exactly the ground truth's rows (the crawl's order is not the site's: sorted by link).
  const csv = parseCsv(await exportCsv(page, test.info(), 'shop-listing.csv'));
  const expected = Array.from({ length: PAGES }, (_, i) => i + 1).flatMap((p) =>
    site.truth.listing(p).map((it) => ({ title: it.title, price: it.priceText, link: it.url, url: `${site.url}/list/${p}` })),
  );
  const byLink = (a: { link?: string }, b: { link?: string }) => String(a.link).localeCompare(String(b.link));
  expect(csv.length).toBe(total);
  expect(csv.sort(byLink)).toEqual(expected.sort(byLink));
});

test('the JS-rendered listing: the tier check says the fields need a browser, and the browser tier runs the recipe', async ({ page, browser }) => {
  const jsUrl = `${site.url}/js/list/1`;
  const at = await pointsOn(browser, jsUrl, { title: 'article.product h2 a', price: 'article.product .price' }, async (probe) => {
    await probe.goto(jsUrl);
    await probe.locator('body[data-rendered="true"]').waitFor();
  });
  const view = await LiveView.open(page, studio.url, jsUrl);
  await view.click(at.title!);
  await expect(page.getByTestId('selection-count')).toHaveText('20 selected', { timeout: 30_000 });
  await view.click(at.title!);
  await view.click(at.price!);
  await expect(page.locator('[data-field="price"]')).toContainText('20/20', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Detect pagination' }).click();
  await page.getByRole('button', { name: 'Confirm proposed pagination' }).click();
  await page.getByRole('button', { name: 'Check tiers' }).click();
  await expect(page.locator('.modes .badge')).toHaveText('needs a browser', { timeout: 30_000 });
  for (const f of ['title', 'price']) await expect(page.locator(`[data-field="${f}"] .badge`)).toHaveText('needs a browser');
  await screen(page, test.info(), 'designer-js-tiers');

  await saveRunAndOpenResults(page, 'shop-js');
  const recipe = await savedRecipe(page, 'shop-js');
  expect((recipe.fetch as { mode: string }).mode).toBe('browser');
  const total = PAGES * site.truth.itemsPerPage;
  await expect(page.getByTestId('grid-count')).toHaveText(`${total} of ${total} rows`, { timeout: 30_000 });
  const csv = parseCsv(await exportCsv(page, test.info(), 'shop-js.csv'));
  const expected = site.truth.allItems().slice(0, total).map((it) => `${it.title} | ${it.priceText}`).sort();
  expect(csv.map((r) => `${r.title} | ${r.price}`).sort()).toEqual(expected);
});

test('a recorded login: the password goes to the credential store, never into the recipe; the run signs in and extracts the orders', async ({ page, browser }) => {
  const loginUrl = `${site.url}/login`;
  const form = await pointsOn(browser, loginUrl, { username: '#username', password: '#password', submit: '#login' });
  const orders = await pointsOn(browser, `${site.url}/account/orders`, { id: 'tr.order .order-id', status: 'tr.order .order-status', total: 'tr.order .order-total' }, async (probe) => {
    await probe.goto(loginUrl);
    await probe.fill('#username', DEMO_CREDENTIALS.username);
    await probe.fill('#password', DEMO_CREDENTIALS.password);
    await Promise.all([probe.waitForURL(/account\/orders/), probe.click('#login')]);
  });
  const view = await LiveView.open(page, studio.url, loginUrl);

  await page.getByRole('textbox', { name: 'Credential name' }).fill('shop');
  await page.getByRole('button', { name: 'Record login' }).click();
  await expect(page.getByTestId('recording')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Interact' })).toHaveAttribute('aria-pressed', 'true');
  await view.click(form.username!);
  await page.keyboard.type(DEMO_CREDENTIALS.username, { delay: 20 });
  await view.click(form.password!);
  await page.keyboard.type(DEMO_CREDENTIALS.password, { delay: 20 });
  await expect(page.getByTestId('login-steps')).toContainText('credential shop.password');
  await view.click(form.submit!);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  const steps = page.getByTestId('login-steps');
  await expect(steps).toContainText('type #username credential shop.username');
  await expect(steps).toContainText('type #password credential shop.password');
  await expect(steps).toContainText('click');
  await expect(steps).not.toContainText(DEMO_CREDENTIALS.password);
  await expect(page.getByTestId('login-credentials')).toHaveText('shop.username: in the credential store · shop.password: in the credential store');

  await expect(page.getByRole('textbox', { name: 'Page URL' })).toHaveValue(`${site.url}/account/orders`);
  // The credential is in serve's encrypted store (the API lists it with a masked hint, never the value).
  const listed = await (await fetch(`${studio.url}/api/v1/credentials`)).text();
  expect(JSON.parse(listed).data).toMatchObject({ credentials: [{ name: 'shop', kind: 'password', hint: expect.stringMatching(/^•+word$/) }] });
  expect(listed).not.toContain(DEMO_CREDENTIALS.password);

  // Signed in, the designer shows the orders: pick the list and its fields by clicks.
  await page.getByRole('button', { name: 'Pick list' }).click();
  await view.click(orders.id!);
  await expect(page.getByTestId('selection-count')).toHaveText(`${DEMO_ORDERS.length} selected`, { timeout: 30_000 });
  for (const p of [orders.id!, orders.status!, orders.total!]) await view.click(p);
  await expect(page.locator('[data-field]')).toHaveCount(3);
  await expect(page.getByTestId('preview-count')).toHaveText(String(DEMO_ORDERS.length));
  await screen(page, test.info(), 'designer-login');

  await saveRunAndOpenResults(page, 'shop-orders');
  await expect(page.getByTestId('grid-count')).toHaveText(`${DEMO_ORDERS.length} of ${DEMO_ORDERS.length} rows`, { timeout: 30_000 });
  const csv = parseCsv(await exportCsv(page, test.info(), 'shop-orders.csv'));
  const names = Object.keys(csv[0] ?? {}).filter((k) => k !== 'url');
  expect(names).toHaveLength(3);
  const got = csv.map((r) => names.map((n) => r[n]).join(' | ')).sort();
  expect(got).toEqual(DEMO_ORDERS.map((o) => `${o.id} | ${o.status} | ${o.totalText}`).sort());

  // The secret is nowhere in the recipe (saved in the studio), nor in anything serve wrote to disk.
  const recipe = JSON.stringify(await savedRecipe(page, 'shop-orders'));
  expect(recipe).toContain('"credential":"shop.password"');
  expect(recipe).not.toContain(DEMO_CREDENTIALS.password);
  for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(DEMO_CREDENTIALS.password), `${f} holds the password`).toBe(false);
});

/** The recipe the studio saved under `name` (the Recipes screen keeps them in the browser's storage). */
async function savedRecipe(page: Page, name: string): Promise<Record<string, unknown>> {
  const list = await page.evaluate(() => JSON.parse(localStorage.getItem('scrapifie.recipes.v1') ?? '[]') as Array<{ name: string; recipe: Record<string, unknown> }>);
  const found = list.find((r) => r.name === name);
  if (!found) throw new Error(`no saved recipe "${name}" in the studio (have: ${list.map((r) => r.name).join(', ')})`);
  return found.recipe;
}
