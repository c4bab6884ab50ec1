/**
 * The desktop studio's designer steps, by clicks, as a user does them: one helper for both desktop suites (the
 * renderer in Chromium over a relayed IPC link, desktop-renderer.web.spec.ts, and the app in a real Electron,
 * desktop.spec.ts), so what runs here is what runs in Electron wherever its binary exists.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { LiveView, pointsOn, waitForRun } from '../web/studio-ui.ts';

/** A row of the fixture listing as the designed recipe extracts it (the ground truth's title and price text). */
export interface ListingRow {
  title: string;
  price: string;
}

/** Opens `url` in the Designer screen by typing it into the URL bar (no page.goto: the Electron app has one page). */
export async function openInDesigner(page: Page, url: string): Promise<LiveView> {
  await page.getByRole('button', { name: 'Designer', exact: true }).click();
  await page.getByRole('textbox', { name: 'Page URL' }).fill(url);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const view = new LiveView(page);
  // Frames of the live page arrive over the IPC link's subscription.
  await expect(view.canvas).toHaveAttribute('data-frames', /[1-9]/, { timeout: 60_000 });
  return view;
}

/**
 * Designs the fixture listing at `listUrl`: one click on a product selects the 20 items, clicks on its title and price
 * add the two fields, the preview shows `expected`; then saves the recipe as `name`. `probe` is any Chromium, used to
 * find where the title and price sit on the page at the live view's size.
 */
export async function designListingByClicks(page: Page, probe: Browser, o: { listUrl: string; name: string; expected: ListingRow[] }): Promise<void> {
  const at = await pointsOn(probe, o.listUrl, { title: 'article.product h2 a', price: 'article.product .price' });
  const view = await openInDesigner(page, o.listUrl);
  await expect(page.getByRole('button', { name: 'Pick list' })).toHaveAttribute('aria-pressed', 'true');
  await view.click(at.title!);
  await expect(page.getByTestId('selection-count')).toHaveText(`${o.expected.length} selected`, { timeout: 30_000 });
  await view.click(at.title!);
  await expect(page.locator('[data-field="title"]')).toContainText(`${o.expected.length}/${o.expected.length}`, { timeout: 30_000 });
  await view.click(at.price!);
  await expect(page.locator('[data-field="price"]')).toContainText(`${o.expected.length}/${o.expected.length}`, { timeout: 30_000 });
  // The preview: the rows the recipe extracts from the live page, in page order.
  await expect(page.getByTestId('preview-count')).toHaveText(String(o.expected.length));
  const preview = page.getByTestId('preview');
  await expect(preview.locator('th')).toHaveText(['title', 'price']);
  await expect(preview.locator('tbody tr').first().locator('td')).toHaveText([o.expected[0]!.title, o.expected[0]!.price]);
  await expect(preview.locator('tbody tr').last().locator('td')).toHaveText([o.expected.at(-1)!.title, o.expected.at(-1)!.price]);

  await page.getByRole('textbox', { name: 'Recipe name' }).fill(o.name);
  await page.getByRole('button', { name: 'Save recipe', exact: true }).click();
  await expect(page.getByTestId('saved')).toContainText(o.name);
}

/** Runs the saved recipe `name` with one click on the Recipes screen, follows it to "completed", returns the grid's rows. */
export async function runSavedRecipe(page: Page, name: string, rows: number): Promise<ListingRow[]> {
  await page.getByRole('button', { name: 'Recipes', exact: true }).click();
  const recipe = page.getByRole('row').filter({ hasText: name });
  await expect(recipe).toContainText('valid');
  await recipe.getByRole('button', { name: 'Run', exact: true }).click();
  const run = await waitForRun(page, name);
  await run.getByRole('button', { name: 'Results' }).click();
  await expect(page.getByTestId('grid-count')).toHaveText(`${rows} of ${rows} rows`, { timeout: 30_000 });
  // The grid keeps only the rows in view (and a few more) in the DOM: the few rows here all fit.
  const grid = page.getByTestId('results-grid');
  await expect(grid.locator('[role="row"]')).toHaveCount(rows);
  const headers = (await grid.locator('[role="columnheader"] .sort').allInnerTexts()).map((h) => h.replace(/ [▲▼]$/, '').trim());
  const [title, price] = [headers.indexOf('title'), headers.indexOf('price')];
  if (title < 0 || price < 0) throw new Error(`the results grid has no title or price column (columns: ${headers.join(', ')})`);
  const out: ListingRow[] = [];
  for (const row of await grid.locator('[role="row"]').all()) {
    const cells = await row.locator('[role="gridcell"]').allInnerTexts();
    out.push({ title: cells[title] ?? '', price: cells[price] ?? '' });
  }
  return out;
}
