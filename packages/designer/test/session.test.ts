import { ScrapifieError, type InvalidInputError } from '@scrapifie/recipe';
import type { BrowserPool } from '@scrapifie/fetch-browser';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesignerSession } from '../src/index.ts';
import { CHROMIUM, pointOf, testPool } from './helpers/env.ts';

const JPEG = [0xff, 0xd8, 0xff];

async function failure(p: Promise<unknown>): Promise<ScrapifieError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScrapifieError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('designer session', () => {
  let site: TestSite;
  let pool: BrowserPool;
  beforeAll(async () => {
    site = await startTestSite({ pages: 5 });
    pool = await testPool();
  });
  afterAll(async () => {
    await pool?.close();
    await site?.close();
  });

  it('streams JPEG screencast frames, and a new frame follows an input', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/list/1`, viewport: { width: 1000, height: 700 } });
    const cast = await session.screencast({ quality: 50 });
    try {
      const first = await cast.nextFrame(10_000);
      expect(first?.format).toBe('jpeg');
      expect([...(first?.data.subarray(0, 3) ?? [])]).toEqual(JPEG);
      expect(first?.metadata.deviceWidth).toBe(1000);
      // Wait for the page to settle, then drop what is waiting: the next frame must come from the input.
      await new Promise((r) => setTimeout(r, 500));
      cast.discardPending();
      const before = cast.stats().frames;
      await session.scroll(0, 600);
      const after = await cast.nextFrame(10_000);
      expect(after?.seq).toBeGreaterThan(first?.seq ?? 0);
      expect(cast.stats().frames).toBeGreaterThan(before);
      expect(after?.metadata.scrollOffsetY).toBeGreaterThan(0);
      const p = await pointOf(session.page, 'article.product h2 a', 4);
      cast.discardPending();
      await session.hover(p.x, p.y);
      expect((await cast.nextFrame(10_000))?.data.length).toBeGreaterThan(1000);
    } finally {
      await cast.stop();
      await session.close();
    }
    // Once stopped, the stream ends.
    expect(await cast.nextFrame(1000)).toBeUndefined();
  });

  it('after a burst of changes (wheel scrolls), the last frame shows where the page ended, and hovers answer at once', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/list/1` });
    const cast = await session.screencast({ quality: 50 });
    try {
      await cast.nextFrame(10_000);
      for (let i = 0; i < 8; i++) await session.scroll(0, 150);
      // The frames the consumer reads, until none came for a second: the newest is the page as it is.
      let last = await cast.nextFrame(10_000);
      for (;;) {
        const next = await cast.nextFrame(1000).catch(() => undefined);
        if (!next) break;
        last = next;
      }
      expect(last?.metadata.scrollOffsetY).toBe(await session.page.evaluate(() => scrollY));
      expect(await session.page.evaluate(() => scrollY)).toBe(1200);
      expect(cast.stats().settleFailures).toBeUndefined();
      // A hover reports the element under the pointer as the page is now (its pointer move follows on its own).
      const p = await pointOf(session.page, 'article.product .price', 6);
      expect((await session.hover(p.x, p.y))?.label).toMatch(/^span\.price /);
      await session.hover(p.x + 1, p.y); // waits for the first hover's move: a failed move would fail here
    } finally {
      await cast.stop();
      await session.close();
    }
  });

  it('forwards clicks, typing, keys, navigation, back and resize to the live page', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/list/1` });
    try {
      const search = await pointOf(session.page, '#q');
      await session.click(search.x, search.y);
      await session.type('lamp');
      expect(await session.page.inputValue('#q')).toBe('lamp');
      await session.press('Enter');
      await session.page.waitForURL(/\/info\/search\?q=lamp/);
      expect(await session.back()).toBe(true);
      expect(session.url).toBe(`${site.url}/list/1`);
      const next = await pointOf(session.page, 'a.next');
      await session.click(next.x, next.y);
      await session.page.waitForURL(/\/list\/2$/);
      await session.navigate(`${site.url}/list/3`);
      expect(await session.page.textContent('.breadcrumbs li[aria-current]')).toBe('Page 3');
      await session.resize(800, 600);
      expect(session.viewport()).toEqual({ width: 800, height: 600 });
      const sort = await pointOf(session.page, 'select[name=sort]');
      await session.select(sort.x, sort.y, 'price-asc');
      expect(await session.page.inputValue('select[name=sort]')).toBe('price-asc');
      // The picker reports the element under the pointer, and survives the navigations (reinstalled on demand).
      const h = await pointOf(session.page, 'article.product .price', 0);
      const hover = await session.hover(h.x, h.y);
      expect(hover?.tag).toBe('span');
      expect(hover?.label).toMatch(/^span\.price /);
      const picked = await session.pick(h.x, h.y);
      expect(picked.text).toMatch(/^\$/);
      expect(await session.count(picked.candidates[0]?.selector ?? { css: 'x' })).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it('refuses bad input with errors that name it', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/list/1` });
    try {
      expect((await failure(session.click(-1, 10))).message).toMatch(/click: "x" must be a number from 0 to 1280/);
      expect((await failure(session.click(10, Number.NaN))).message).toMatch(/"y" must be a number/);
      expect((await failure(session.navigate('file:///etc/passwd'))).code).toBe('INVALID_URL');
      expect((await failure(session.navigate('javascript:alert(1)'))).message).toMatch(/http and https pages only/);
      expect((await failure(session.resize(10, 10))).message).toMatch(/"width" must be an integer from 200/);
      expect((await failure(session.press('Enter; rm'))).message).toMatch(/not a key name/);
      const e = (await failure(session.select(5, 5, 'x'))) as InvalidInputError;
      expect(e.message).toMatch(/no drop-down/);
    } finally {
      await session.close();
    }
    expect((await failure(session.click(1, 1))).code).toBe('CANCELLED');
    expect((await failure(DesignerSession.open({ url: `${site.url}/list/1` }))).message).toMatch(/exactly one of "pool" or "browser"/);
  });

  it('runs on a browser it is given as well as on a pool', async () => {
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
    try {
      const session = await DesignerSession.open({ browser, url: `${site.url}/list/2`, viewport: { width: 900, height: 700 } });
      expect(session.viewport()).toEqual({ width: 900, height: 700 });
      expect((await session.pick(450, 350)).tag).toBeTruthy();
      await session.close();
      expect(browser.contexts()).toHaveLength(0);
      // When the browser goes away under a session, its signal says so (the studio ends the live view).
      const second = await DesignerSession.open({ browser, url: `${site.url}/list/2` });
      expect(second.signal.aborted).toBe(false);
      await browser.close();
      expect(second.signal.aborted).toBe(true);
      expect((second.signal.reason as ScrapifieError).code).toBe('CONNECTION_ERROR');
      await second.close();
    } finally {
      await browser.close();
    }
  });
});
