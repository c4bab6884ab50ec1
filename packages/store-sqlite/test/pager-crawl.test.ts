import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl, type Completion, type InsertBudget } from '@scrapifie/engine';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';
import { shopRecipe } from './helpers/recipes.ts';
import { WebFetcher } from './helpers/web-fetcher.ts';

const PAGES = 30;
const PER_PAGE = 3;

/** A numbered pager links every listing page to its neighbours: most links a page finds are already in the frontier. */
describe('a numbered-pager crawl', () => {
  let site: TestSite;
  let dir: string;
  let store: SqliteCrawlStore;
  /** Requests each write sent to the store, summed. */
  let sent: number;
  const http = new WebFetcher();
  const recipe = (limits: object = {}) =>
    shopRecipe(`${site.url}/list/1`, { extra: { page: { items: { css: 'article.product', fields: { title: { css: 'h2.product-title a' } } }, pagination: { pager: { css: 'nav.pagination a' } } }, limits } });

  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES, itemsPerPage: PER_PAGE, seed: 3 });
  });
  afterAll(() => site.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-pager-'));
    store = openSqliteStore(join(dir, 'runs.db'));
    sent = 0;
    const write = store.completeRequests.bind(store);
    store.completeRequests = (runId: string, completions: Completion[], budget?: InsertBudget) => {
      for (const c of completions) sent += c.newRequests.length;
      return write(runId, completions, budget);
    };
    site.resetStats();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches each page once and stops sending links the frontier already holds', async () => {
    const summary = await runCrawl({ recipe: recipe(), store, fetchers: { http } });
    expect(summary.status).toBe('completed');
    expect(site.hits('/list/')).toBe(PAGES);
    expect(summary.progress.items).toBe(PAGES * PER_PAGE);
    const titles = (await store.results(summary.runId, { limit: 1000 })).map((r) => r.data.title).sort();
    expect(titles).toEqual(site.truth.allItems().map((it) => it.title).sort());
    // Every page shows about ten pager links, nearly all known by then: far fewer than that reach the store.
    expect(sent).toBeGreaterThanOrEqual(PAGES - 1);
    expect(sent).toBeLessThan(PAGES * 4);
  });

  it('keeps maxPages exact', async () => {
    for (const maxPages of [1, 7, 12]) {
      site.resetStats();
      const summary = await runCrawl({ recipe: recipe({ maxPages }), store, fetchers: { http } });
      expect(summary.status).toBe('completed');
      expect((await store.counts(summary.runId)).succeeded).toBe(maxPages);
      expect(site.hits('/list/')).toBe(maxPages);
    }
  });
});
