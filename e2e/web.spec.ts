/**
 * The web studio in Chromium against a real `scrapifie serve` (the built UI at /, SQLite, the SSRF guard allowing
 * 127.0.0.1) and the fixture site: the results grid with 100,000 rows, the sandboxed cell inspector, and the designer.
 * Needs the studio built (`npm run build`); Chromium is /usr/bin/chromium (see the "web" project).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { seedRun, startStudio, type Studio } from './web/studio.ts';

const ROWS = 100_000;
let dir: string;
let studio: Studio;
let site: TestSite;
let runId: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-e2e-web-'));
  const db = join(dir, 'studio.sqlite');
  runId = seedRun(db, ROWS);
  site = await startTestSite({ pages: 3 });
  studio = await startStudio(db);
});

test.afterAll(async () => {
  await studio?.stop();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openResults(page: Page): Promise<void> {
  await page.goto(`${studio.url}/#/results/${runId}`);
  await expect(page.getByTestId('grid-count')).toHaveText(`${ROWS.toLocaleString('en')} of ${ROWS.toLocaleString('en')} rows`, { timeout: 200_000 });
}

test('the results grid holds 100,000 rows virtualised; its inspector renders HTML in a sandbox that never runs scripts', async ({ page }) => {
  const started = Date.now();
  await openResults(page);
  console.log(`100,000 rows loaded into the grid in ${Date.now() - started} ms`);
  const grid = page.getByTestId('results-grid');
  await expect(grid.getByRole('row').first()).toContainText('Product 0');
  expect(await grid.getByRole('row').count()).toBeLessThan(100);

  // The sandboxed inspector: row 4's description is hostile HTML.
  await grid.getByRole('gridcell').filter({ hasText: 'Hostile cell' }).click();
  const frame = page.locator('iframe.inspector-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe.inspector-frame').locator('#hostile')).toHaveText('Hostile cell');
  await page.waitForTimeout(500); // give an onerror handler time to fire, were it allowed to
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  await page.screenshot({ path: test.info().outputPath('inspector.png') });
  await page.getByRole('button', { name: 'Close inspector' }).click();

  await grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(grid.getByRole('row').filter({ hasText: `Product ${ROWS - 1}` })).toBeVisible();
  expect(await grid.getByRole('row').count()).toBeLessThan(100);
  // Filtering runs over all rows.
  await page.getByRole('textbox', { name: 'Filter title' }).fill('Product 9999');
  await expect(page.getByTestId('grid-count')).toHaveText(`11 of ${ROWS.toLocaleString('en')} rows`);
  await page.screenshot({ path: test.info().outputPath('results-grid.png') });
});

test('the designer: one click on a product selects the 20 items, a click on its title adds a field with 20 values', async ({ page }) => {
  const listUrl = `${site.url}/list/1`;
  // Where the product title sits on the page at the live view's 1280x800 viewport, as the user would see it.
  const probeBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const probe = await probeBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  await probe.goto(listUrl);
  const box = (await probe.locator('article.product h2 a').first().boundingBox())!;
  await probeBrowser.close();
  const title = { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 };

  await page.goto(`${studio.url}/#/designer?url=${encodeURIComponent(listUrl)}`);
  const canvas = page.getByTestId('live-view');
  await expect(canvas).toHaveAttribute('data-frames', /[1-9]/, { timeout: 60_000 });
  const scaled = async (p: { x: number; y: number }) => {
    const b = (await canvas.boundingBox())!;
    return { x: (p.x * b.width) / 1280, y: (p.y * b.height) / 800 };
  };
  await expect(page.getByRole('button', { name: 'Pick list' })).toHaveAttribute('aria-pressed', 'true');
  await canvas.hover({ position: await scaled(title) });
  await expect(page.getByTestId('hover-label')).toContainText('a');
  await canvas.click({ position: await scaled(title) });
  await expect(page.getByTestId('selection-count')).toHaveText('20 selected', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Add field' })).toHaveAttribute('aria-pressed', 'true');
  await canvas.click({ position: await scaled(title) });
  await expect(page.locator('[data-field="title"]')).toContainText('20/20', { timeout: 30_000 });
  await expect(page.getByTestId('preview-count')).toHaveText('20');
  await page.screenshot({ path: test.info().outputPath('designer.png') });
});
