import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARSET_CASES, MESSY_FIELDS, SCROLL_TOTAL, startTestSite, type Item, type TestSite } from '../src/index.ts';

/** The same reading of product cards as listing.test.ts, done in the live DOM. */
function readProducts(page: Page): Promise<Array<Omit<Item, 'price'>>> {
  return page.$$eval('article.product', (els) =>
    els.map((el) => ({
      id: Number(el.getAttribute('data-id')),
      title: el.querySelector('h2 a')?.textContent ?? '',
      priceText: el.querySelector('.price')?.textContent ?? '',
      rating: Number(el.querySelector('.rating')?.getAttribute('data-rating')),
      category: el.querySelector('.category')?.textContent ?? '',
      url: (el.querySelector('h2 a') as HTMLAnchorElement).href,
      sku: el.getAttribute('data-sku') ?? '',
    })),
  );
}
const withoutPrice = (items: Item[]): Array<Omit<Item, 'price'>> => items.map(({ price: _p, ...rest }) => rest);

describe('in a real browser', () => {
  let site: TestSite;
  let browser: Browser;
  beforeAll(async () => {
    site = await startTestSite({ pages: 12 });
    browser = await chromium.launch({
      executablePath: process.env.SCRAPIFIE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('renders /js/list/:n client-side into the same products and next link as /list/:n', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/js/list/4`);
    await page.waitForSelector('article.product');
    expect(await readProducts(page)).toEqual(withoutPrice(site.truth.listing(4)));
    expect(await page.getAttribute('a.next[rel=next]', 'href')).toBe('/js/list/5');
    await page.click('a.next');
    await page.waitForURL('**/js/list/5');
    await page.waitForSelector('article.product');
    expect(await readProducts(page)).toEqual(withoutPrice(site.truth.listing(5)));
    await page.goto(`${site.url}/js/list/12`);
    await page.waitForSelector('article.product');
    expect(await page.$('a.next')).toBeNull();
    await page.close();
  });

  it('appends products on /scroll as the reader scrolls, up to the total', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${site.url}/scroll`);
    await page.waitForSelector('article.product');
    await page.waitForTimeout(300);
    expect(await page.locator('article.product').count()).toBe(20);
    for (let loaded = 20; loaded < SCROLL_TOTAL; ) {
      await page.mouse.wheel(0, 20_000);
      await page.waitForFunction((n) => Number(document.body.dataset.loaded) > n, loaded);
      loaded = Number(await page.getAttribute('body', 'data-loaded'));
    }
    expect(await page.$('#end')).not.toBeNull();
    expect(await readProducts(page)).toEqual(withoutPrice(site.truth.allItems().slice(0, SCROLL_TOTAL)));
    await page.close();
  });

  it('passes the bot wall by running its script', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const first = await page.goto(`${site.url}/protected/list/2`);
    expect(first?.status()).toBe(403);
    await page.waitForSelector('article.product', { timeout: 10_000 });
    expect(await readProducts(page)).toEqual(withoutPrice(site.truth.listing(2)));
    await context.close();
  });

  it('decodes every charset case to the documented text', async () => {
    const page = await browser.newPage();
    for (const c of CHARSET_CASES) {
      await page.goto(site.url + c.path);
      expect(await page.textContent('#text'), c.path).toBe(c.expectedText);
    }
    await page.close();
  });

  it('parses /messy into the documented values', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/messy`);
    for (const f of MESSY_FIELDS) {
      const values = await page.$$eval(f.css, (els, a) => els.map((el) => (a ? el.getAttribute(a) : el.textContent)), f.take === 'attr' ? (f.attr ?? '') : null);
      expect(values, f.name).toEqual(Array.isArray(f.expected) ? f.expected : [f.expected]);
    }
    await page.close();
  });
});
