import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl, type CrawlStore } from '@scrapifie/engine';
import { parseRecipe, type RunEvent } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';
import { FAST, QUICK_RETRY, shopRecipe, titleRecipe } from './helpers/recipes.ts';
import { WebFetcher } from './helpers/web-fetcher.ts';

const bySku = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.sku).localeCompare(String(b.sku));

describe('run lifecycle', () => {
  let site: TestSite;
  let dir: string;
  let store: SqliteCrawlStore;
  const http = new WebFetcher();

  beforeAll(async () => {
    site = await startTestSite({ pages: 6, itemsPerPage: 5, seed: 11 });
  });
  afterAll(() => site.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-life-'));
    store = openSqliteStore(join(dir, 'runs.db'));
    site.resetStats();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('cancels on abort, letting fetches in flight finish, and a resume completes the rest without duplicates', async () => {
    const recipe = shopRecipe(`${site.url}/list/1`, { follow: 'merge', extra: { politeness: { ...FAST, maxConcurrency: 3, perDomainConcurrency: 3 } } });
    const abort = new AbortController();
    let fetched = 0;
    let fetchedAfterAbort = 0;
    const first = await runCrawl({
      recipe,
      store,
      fetchers: { http },
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type !== 'page.fetched') return;
        if (abort.signal.aborted) fetchedAfterAbort++;
        else if (++fetched === 8) abort.abort();
      },
    });
    expect(first.status).toBe('cancelled');
    expect(fetchedAfterAbort).toBeLessThanOrEqual(3);
    const mid = await store.counts(first.runId);
    expect(mid.inFlight).toBe(0);
    expect(mid.pending).toBeGreaterThan(0);
    expect((await store.getRun(first.runId))?.status).toBe('cancelled');

    const events: RunEvent[] = [];
    const second = await runCrawl({ store, fetchers: { http }, runId: first.runId, resume: true, onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: 'run.started', resumed: true });
    expect(second.status).toBe('completed');
    const rows = (await store.results(first.runId, { limit: 1000 })).map((r) => r.data);
    const expected = site.truth.allItems().map((it) => ({ title: it.title, link: it.url, sku: it.sku, stock: site.truth.item(it.id).stock }));
    expect(rows.sort(bySku)).toEqual(expected.sort(bySku));
    // Every page was fetched exactly once across both sessions.
    expect(site.hits('/list/') + site.hits('/item/')).toBe(6 + 30);
  });

  it('sleeps while requests wait for their retry time instead of spinning', async () => {
    let calls = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          calls++;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as CrawlStore;
    const summary = await runCrawl({ recipe: titleRecipe([`${site.url}/fault/429/wait?retryAfter=1&times=1`]), store: counting, fetchers: { http } });
    expect(summary.status).toBe('completed');
    expect(calls).toBeLessThan(30);
  });

  it('starts from input rows, carrying their columns into every row', async () => {
    const recipe = parseRecipe({
      version: 1,
      name: 'input',
      start: { input: { file: 'items.csv', urlColumn: 'url', carry: ['tag'] } },
      page: { fields: { sku: { css: '.sku' } } },
      fetch: { retry: QUICK_RETRY },
      politeness: FAST,
    });
    const inputRows = [
      { url: `${site.url}/item/1`, tag: 'first', ignored: 'x' },
      { url: `${site.url}/item/2`, tag: 'second' },
    ];
    const s = await runCrawl({ recipe, store, fetchers: { http }, inputRows });
    const rows = (await store.results(s.runId, { limit: 10 })).map((r) => r.data).sort(bySku);
    expect(rows).toEqual(
      [
        { tag: 'first', sku: site.truth.item(1).sku },
        { tag: 'second', sku: site.truth.item(2).sku },
      ].sort(bySku),
    );

    const templated = parseRecipe({
      version: 1,
      name: 'template',
      start: { input: { rows: [{ id: 3 }], urlTemplate: `${site.url}/item/{id}` } },
      page: { fields: { sku: { css: '.sku' } } },
      politeness: FAST,
    });
    const t = await runCrawl({ recipe: templated, store, fetchers: { http } });
    expect((await store.results(t.runId, { limit: 10 })).map((r) => r.data)).toEqual([{ sku: site.truth.item(3).sku }]);
  });

  it('refuses bad starts with errors that name the problem, before creating a run', async () => {
    const recipe = parseRecipe({
      version: 1,
      name: 'input',
      start: { input: { file: 'x.csv', urlColumn: 'link' } },
      page: { fields: { t: { css: 'title' } } },
    });
    await expect(runCrawl({ recipe, store, fetchers: { http }, inputRows: [{ link: `${site.url}/` }, { link: '' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Input row 2 has no URL in column "link"',
    });
    const browserOnly = titleRecipe([`${site.url}/`], { fetch: { mode: 'browser' } });
    await expect(runCrawl({ recipe: browserOnly, store, fetchers: { http } })).rejects.toMatchObject({ code: 'TIER_UNAVAILABLE', message: expect.stringMatching(/no browser fetcher/) });
    await expect(runCrawl({ store, fetchers: { http }, runId: 'nope', resume: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.listRuns(10)).toEqual([]);
  });
});
