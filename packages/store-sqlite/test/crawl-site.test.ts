import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl, type RunSummary } from '@scrapifie/engine';
import type { RunEvent } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';
import { shopRecipe } from './helpers/recipes.ts';
import { WebFetcher } from './helpers/web-fetcher.ts';

const PAGES = 4;
const PER_PAGE = 5;

async function allRows(store: SqliteCrawlStore, runId: string): Promise<Array<Record<string, unknown>>> {
  return (await store.results(runId, { limit: 10_000 })).map((r) => r.data);
}

const bySku = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.sku).localeCompare(String(b.sku));
const byTitleLink = (a: Record<string, unknown>, b: Record<string, unknown>): number => `${a.link}`.localeCompare(`${b.link}`);

describe('runCrawl on the fixture shop', () => {
  let site: TestSite;
  let dir: string;
  let store: SqliteCrawlStore;
  const http = new WebFetcher();

  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES, itemsPerPage: PER_PAGE, seed: 7 });
  });
  afterAll(() => site.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-crawl-'));
    store = openSqliteStore(join(dir, 'runs.db'));
    site.resetStats();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows pagination and merges each detail page into its listing row', async () => {
    const events: RunEvent[] = [];
    const summary = await runCrawl({ recipe: shopRecipe(`${site.url}/list/1`, { follow: 'merge' }), store, fetchers: { http }, onEvent: (e) => events.push(e) });
    const expected = site.truth.allItems().map((it) => ({ title: it.title, link: it.url, sku: it.sku, stock: site.truth.item(it.id).stock }));
    expect((await allRows(store, summary.runId)).sort(bySku)).toEqual(expected.sort(bySku));
    expect(summary).toMatchObject({ status: 'completed', failures: {} });
    expect(summary.progress).toMatchObject({ pagesDone: PAGES + PAGES * PER_PAGE, pagesFailed: 0, pagesQueued: 0, items: PAGES * PER_PAGE });
    expect(summary.progress.byTier.http).toBe(PAGES + PAGES * PER_PAGE);
    // Each page once, plus robots.txt once.
    expect(site.hits('/list/')).toBe(PAGES);
    expect(site.hits('/item/')).toBe(PAGES * PER_PAGE);
    expect(site.hits('/robots.txt')).toBe(1);
    expect(events[0]).toMatchObject({ type: 'run.started', resumed: false, robotsTxt: 'respected', recipeName: 'fixture shop' });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'completed' });
    expect(events.filter((e) => e.type === 'page.fetched')).toHaveLength(PAGES + PAGES * PER_PAGE);
    expect(events.filter((e) => e.type === 'items.extracted').reduce((n, e) => n + (e.type === 'items.extracted' ? e.count : 0), 0)).toBe(PAGES * PER_PAGE);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
    const run = await store.getRun(summary.runId);
    expect(run?.status).toBe('completed');
    expect(run?.summary?.progress.items).toBe(PAGES * PER_PAGE);
  });

  it('gives the same rows when pages are evaluated on worker threads', async () => {
    const summary = await runCrawl({ recipe: shopRecipe(`${site.url}/list/1`, { follow: 'merge' }), store, fetchers: { http }, evaluatorThreads: 2 });
    const expected = site.truth.allItems().map((it) => ({ title: it.title, link: it.url, sku: it.sku, stock: site.truth.item(it.id).stock }));
    expect((await allRows(store, summary.runId)).sort(bySku)).toEqual(expected.sort(bySku));
    expect(summary.status).toBe('completed');
  });

  it('with mode "rows" stores listing rows and detail rows apart', async () => {
    const summary = await runCrawl({ recipe: shopRecipe(`${site.url}/list/1`, { follow: 'rows' }), store, fetchers: { http } });
    const rows = await allRows(store, summary.runId);
    const listing = rows.filter((r) => 'title' in r);
    const details = rows.filter((r) => 'sku' in r);
    expect(rows).toHaveLength(2 * PAGES * PER_PAGE);
    expect(listing.sort(byTitleLink)).toEqual(site.truth.allItems().map((it) => ({ title: it.title, link: it.url })).sort(byTitleLink));
    expect(details.sort(bySku)).toEqual(site.truth.allItems().map((it) => ({ sku: it.sku, stock: site.truth.item(it.id).stock })).sort(bySku));
  });

  it('crawls a URL found twice only once, and stores rows with the same itemKey once', async () => {
    // Two start URLs that normalise to one; items keyed by link, so a repeated listing adds nothing.
    const recipe = shopRecipe(`${site.url}/list/1`, { extra: { itemKey: ['link'] } });
    recipe.start.urls = [`${site.url}/list/1#top`, `${site.url}/list/1`];
    const summary = await runCrawl({ recipe, store, fetchers: { http } });
    expect(site.hits('/list/')).toBe(PAGES);
    expect(summary.progress.items).toBe(PAGES * PER_PAGE);
    const keys = (await store.results(summary.runId, { limit: 1000 })).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('honours maxPages, maxDepth and maxItems', async () => {
    const check = async (limits: object): Promise<RunSummary> => {
      const s = await runCrawl({ recipe: shopRecipe(`${site.url}/list/1`, { follow: 'merge', extra: { limits } }), store, fetchers: { http } });
      expect(s.status).toBe('completed');
      return s;
    };
    // maxPages counts every request of the run: 1 listing + 4 details at most.
    const a = await check({ maxPages: 5 });
    expect((await store.counts(a.runId)).succeeded).toBe(5);
    // maxDepth 1: list/1 and its details, and list/2 whose rows wait for details that lie too deep.
    const b = await check({ maxDepth: 1 });
    const cb = await store.counts(b.runId);
    expect(cb.succeeded).toBe(1 + PER_PAGE + 1); // list/1, its details, list/2 (whose details would be depth 2)
    expect(cb.results).toBe(PER_PAGE);
    const c = await check({ maxItems: 7 });
    expect((await store.counts(c.runId)).results).toBe(7);
    expect(c.progress.items).toBe(7);
  });
});
