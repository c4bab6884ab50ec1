import { InvalidInputError, RetryableError, type BrowserAction } from '@scrapifie/recipe';
import { SCROLL_TOTAL, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserFetcher, MemoryCredentialResolver, type BrowserFetchRequest } from '../src/index.ts';
import { startFixturePages } from './fixture-pages.ts';
import { CHROMIUM, failure, text, type LocalServer } from './helpers.ts';
import { rowsOf, truthRows } from './listing-spec.ts';

describe('browser steps (recipe actions) on real Chromium', () => {
  let site: TestSite;
  let pages: LocalServer;
  let fetcher: BrowserFetcher;
  const req = (url: string, actions: BrowserAction[], over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url, timeoutMs: 30_000, maxRedirects: 5, maxBodyBytes: 20 * 1024 * 1024, impersonate: 'chrome', browser: { actions }, ...over,
  });

  const memory = new MemoryCredentialResolver({ search: { term: 'lamp' } });
  const runsAsked: Array<string | undefined> = [];
  beforeAll(async () => {
    site = await startTestSite({ pages: 10 });
    pages = await startFixturePages();
    fetcher = new BrowserFetcher({
      poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 },
      // The memory resolver, noting the run each lookup was for (a multi-workspace store resolves by it).
      credentials: { resolve: (ref, scope) => (runsAsked.push(scope?.runId), memory.resolve(ref)) },
    });
  });
  afterAll(async () => {
    await fetcher?.close();
    await pages?.close();
    await site?.close();
  });

  it('scrolls the endless catalogue until no new products come, giving exactly its ground-truth rows', async () => {
    const res = await fetcher.fetch(req(`${site.url}/scroll`, [{ action: 'infiniteScroll', items: { css: 'article.product' }, idleMs: 2000 }]));
    expect(rowsOf(res)).toEqual(truthRows(site.truth.allItems().slice(0, SCROLL_TOTAL)));
    expect(text(res.body)).toContain(`You have seen all ${SCROLL_TOTAL} products.`);
  });

  it('stops an infinite scroll at maxItems', async () => {
    const res = await fetcher.fetch(req(`${site.url}/scroll`, [{ action: 'infiniteScroll', items: { css: 'article.product' }, maxItems: 40 }]));
    const rows = rowsOf(res);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.length).toBeLessThan(SCROLL_TOTAL);
    expect(rows).toEqual(truthRows(site.truth.allItems().slice(0, rows.length)));
  });

  it('clicks "Next" through the JS-rendered listing and gathers every page into one document', async () => {
    const res = await fetcher.fetch(req(`${site.url}/js/list/1`, [
      { action: 'wait', css: 'article.product' },
      { action: 'clickNext', css: 'a.next', items: { css: 'article.product' }, maxPages: 3 },
    ]));
    expect(rowsOf(res)).toEqual(truthRows([1, 2, 3].flatMap((n) => site.truth.listing(n))));
    expect(res.url).toBe(`${site.url}/js/list/3`);
  });

  it('pages through a list switched in place until "Next" is disabled, and clicks "Load more" until it is gone', async () => {
    const spa = await fetcher.fetch(req(`${pages.url}/spa`, [{ action: 'clickNext', css: 'button.next', items: { css: 'li.item' }, maxPages: 10 }]));
    expect([...text(spa.body).matchAll(/data-n="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));

    const more = await fetcher.fetch(req(`${pages.url}/load-more`, [{ action: 'loadMore', css: '#more', items: { css: 'li.item' } }]));
    expect([...text(more.body).matchAll(/data-n="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    const two = await fetcher.fetch(req(`${pages.url}/load-more`, [{ action: 'loadMore', css: '#more', items: { css: 'li.item' }, maxClicks: 2 }]));
    expect(text(two.body).match(/data-n="\d+"/g)).toHaveLength(30);
  });

  it('types (a value or a credential), selects, hovers, presses keys, scrolls and clicks', async () => {
    const res = await fetcher.fetch(req(`${pages.url}/form`, [
      { action: 'click', css: '#cookie-banner button', optional: true, timeoutMs: 200 },
      { action: 'type', css: '#q', credential: 'search.term' },
      { action: 'select', css: '#sort', label: 'Price, low to high' },
      { action: 'hover', css: '#menu' },
      { action: 'press', css: '#q', key: 'Enter' },
      { action: 'wait', css: '#submenu', state: 'visible', timeoutMs: 2000 },
      { action: 'scroll', css: '#footer' },
    ], { runId: 'run-7' }));
    const html = text(res.body);
    expect(html).toContain('<div id="out">lamp|price</div>');
    expect(runsAsked).toEqual(['run-7']);
    expect(html).toMatch(/<div id="submenu">Sub<\/div>/);
    const typed = await fetcher.fetch(req(`${pages.url}/form`, [
      { action: 'type', css: '#q', value: ' more', clear: false },
      { action: 'click', xpath: '//button[@id="go"]' },
    ]));
    expect(text(typed.body)).toContain('<div id="out">old more|new</div>');
  });

  it('names the failing step: a missing element times out (retryable), a missing credential is invalid input', async () => {
    const missing = await failure(fetcher.fetch(req(`${pages.url}/form`, [{ action: 'wait', ms: 1 }, { action: 'click', css: '#nowhere', timeoutMs: 300 }])));
    expect(missing).toBeInstanceOf(RetryableError);
    expect(missing.code).toBe('TIMEOUT');
    expect(missing.message).toContain('browser.actions[1] (click css "#nowhere")');

    const noCredential = await failure(fetcher.fetch(req(`${pages.url}/form`, [{ action: 'type', css: '#q', credential: 'shop.password' }])));
    expect(noCredential).toBeInstanceOf(InvalidInputError);
    expect(noCredential.message).toContain('no credential "shop.password"');

    const badSelector = await failure(fetcher.fetch(req(`${pages.url}/form`, [{ action: 'click', xpath: '//button[' }])));
    expect(badSelector).toBeInstanceOf(InvalidInputError);
    expect(badSelector.message).toContain('browser.actions[0]');
  });
});
