import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl } from '@scrapifie/engine';
import { BrowserFetcher } from '@scrapifie/fetch-browser';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.ts';
import { CHROMIUM, listingRecipe } from './helpers/tiers.ts';

describe('robots.txt of a browser-mode run', () => {
  let site: TestSite;
  let dir: string;
  beforeAll(async () => {
    site = await startTestSite({ pages: 2, itemsPerPage: 3, seed: 5 });
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-robots-'));
  });
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is read over HTTP, not rendered: the browser waits for the pages (waitForSelector) and never for robots.txt', async () => {
    const http = new HttpFetcher();
    // Every browser page waits for the products; robots.txt has none, so in the browser it would wait 15 s for nothing.
    const browser = new BrowserFetcher({
      poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 30_000 },
      defaults: { waitForSelector: 'article.product', waitForSelectorTimeoutMs: 15_000 },
    });
    const store = openSqliteStore(join(dir, 'runs.db'));
    try {
      const started = Date.now();
      const summary = await runCrawl({ recipe: listingRecipe([`${site.url}/js/list/1`, `${site.url}/js/list/2`], { fetch: { mode: 'browser', timeoutMs: 30_000 } }), store, fetchers: { http, browser } });
      expect(summary).toMatchObject({ status: 'completed', progress: { pagesDone: 2, pagesFailed: 0, items: 6 } });
      const robots = site.requestLog().filter((r) => r.path === '/robots.txt');
      expect(robots).toHaveLength(1);
      expect(robots[0]?.headers['user-agent']).not.toMatch(/HeadlessChrome/);
      const pages = site.requestLog().filter((r) => r.path.startsWith('/js/list/'));
      expect(pages.every((r) => /HeadlessChrome/.test(r.headers['user-agent'] ?? ''))).toBe(true);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await store.close();
      await Promise.all([http.close(), browser.close()]);
    }
  });
});
