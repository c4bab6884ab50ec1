/**
 * The designer's hover highlight as the studio draws it, in Chromium against a real `scrapifie serve` and the fixture
 * listing: the box the studio draws over the live view (from the hover call's answer, without waiting for a frame) sits
 * on the element under the pointer and lines up with the page's own highlight in the frames; a scroll of the page moves
 * it to the element then under the pointer; a page change clears it. Needs `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { startStudio, type Studio } from './web/studio.ts';
import { LiveView } from './web/studio-ui.ts';

const VIEW = { width: 1280, height: 800 };
interface Box { x: number; y: number; width: number; height: number }

let dir: string;
let studio: Studio;
let site: TestSite;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-e2e-highlight-'));
  site = await startTestSite({ pages: 3 });
  studio = await startStudio(join(dir, 'studio.sqlite'));
});

test.afterAll(async () => {
  await studio?.stop();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The element at a point of the listing scrolled to `scrollY`, at the live view's size (a probe tab of the test's browser). */
async function elementAt(browser: Browser, url: string, p: { x: number; y: number }, scrollY: number): Promise<{ box: Box; name: string }> {
  const context = await browser.newContext({ viewport: VIEW });
  try {
    const probe = await context.newPage();
    await probe.goto(url);
    return await probe.evaluate(({ p, scrollY }) => {
      scrollTo(0, scrollY);
      const el = document.elementFromPoint(p.x, p.y)!;
      const r = el.getBoundingClientRect();
      return { box: { x: r.left, y: r.top, width: r.width, height: r.height }, name: `${el.localName}.${el.classList[0] ?? ''}` };
    }, { p, scrollY });
  } finally {
    await context.close();
  }
}

/** The studio's hover box in page coordinates (CSS pixels of the live page's viewport). */
async function studioBox(page: Page): Promise<Box> {
  return page.evaluate((vp) => {
    const canvas = document.querySelector('[data-testid="live-view"]')!.getBoundingClientRect();
    const r = document.querySelector('[data-testid="hover-box"]')!.getBoundingClientRect();
    const sx = vp.width / canvas.width;
    const sy = vp.height / canvas.height;
    return { x: (r.left - canvas.left) * sx, y: (r.top - canvas.top) * sy, width: r.width * sx, height: r.height * sy };
  }, VIEW);
}

/** The studio's box is the element's box cut at the edges of the view. */
function expectSameBox(actual: Box, element: Box): void {
  const x = Math.max(0, element.x);
  const y = Math.max(0, element.y);
  const expected = { x, y, width: Math.min(VIEW.width, element.x + element.width) - x, height: Math.min(VIEW.height, element.y + element.height) - y };
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(actual[k] - expected[k]), `${k}: ${actual[k]} against ${expected[k]}`).toBeLessThanOrEqual(2);
}

/**
 * Whether the frame on the live view shows the page's own highlight (a 2 px #0b6bcb outline) along `box`: blue on its
 * left and right edges (and not 6 px outside them) and on its top edge, where they are in view.
 */
async function frameOutlines(page: Page, box: Box): Promise<boolean> {
  return page.evaluate(({ b, vp }) => {
    const ctx = (document.querySelector('[data-testid="live-view"]') as HTMLCanvasElement).getContext('2d')!;
    const blue = (x: number, y: number): boolean => {
      const [r, g, bl] = Array.from(ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data);
      return bl! - r! > 50 && bl! - g! > 20;
    };
    const midY = (Math.max(0, b.y) + Math.min(vp.height, b.y + b.height)) / 2;
    const right = b.x + b.width - 1;
    const top = b.y >= 0 && blue(b.x + b.width / 2, b.y) && !blue(b.x + b.width / 2, b.y + 6);
    return top && blue(b.x, midY) && !blue(b.x - 6, midY) && blue(right, midY) && !blue(right + 6, midY);
  }, { b: box, vp: VIEW });
}

test('the hover box sits on the element and lines up with the frame; a scroll moves it, a page change clears it', async ({ page, browser }) => {
  const listUrl = `${site.url}/list/1`;
  // In the first card body's left padding (the body itself is under the pointer); 1,000 px lower, the body of the card
  // below is (in its padding too), higher up in the view than the first one was.
  const at = { x: 311, y: 630 };
  const before = await elementAt(browser, listUrl, at, 0);
  const after = await elementAt(browser, listUrl, at, 1000);
  expect(before.name).toBe('div.product-body');
  expect(after.name).toBe('div.product-body');
  expect(Math.abs(after.box.y - before.box.y), 'the two cards are at different heights in the view').toBeGreaterThan(50);

  const view = await LiveView.open(page, studio.url, listUrl);
  await expect(page.getByRole('button', { name: 'Pick list' })).toHaveAttribute('aria-pressed', 'true');
  await view.hover(at);
  await expect(page.getByTestId('hover-label')).toHaveText(/^div\.product-body /);
  expectSameBox(await studioBox(page), before.box);
  // The page's own highlight reaches the live view in a later frame, exactly under the studio's box.
  await expect.poll(() => frameOutlines(page, before.box), { timeout: 15_000 }).toBe(true);

  // The wheel over the live view scrolls the page: the box leaves with the old position and comes back on the card
  // now under the pointer, where the frames show the page's highlight.
  const studioScroll = await page.evaluate(() => scrollY);
  await page.mouse.wheel(0, 1000);
  await expect(page.getByTestId('hover-box')).toHaveCount(0);
  expect(await page.evaluate(() => scrollY), 'the studio itself did not scroll').toBe(studioScroll);
  await expect(page.getByTestId('hover-box')).toHaveCount(1, { timeout: 15_000 });
  expectSameBox(await studioBox(page), after.box);
  await expect.poll(() => frameOutlines(page, after.box), { timeout: 15_000 }).toBe(true);

  // Another page: the box goes at once (the page under it is leaving), and once the new page has settled comes back on
  // its element under the pointer (page 2 is laid out as page 1, at the top again).
  await page.getByRole('textbox', { name: 'Page URL' }).fill(`${site.url}/list/2`);
  await page.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('hover-box')).toHaveCount(0, { timeout: 1000 });
  await expect(page.getByTestId('busy')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('hover-box')).toHaveCount(1, { timeout: 15_000 });
  expectSameBox(await studioBox(page), before.box);
  await expect.poll(() => frameOutlines(page, before.box), { timeout: 15_000 }).toBe(true);
});
