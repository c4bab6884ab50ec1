import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl, systemClock, type RunSummary } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import type { RunEvent } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';
import { detectBlock, listingRecipe, realFetchers, rowsByPage, truthRows } from './helpers/tiers.ts';

const PER_PAGE = 5;
const byLink = (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a.link).localeCompare(String(b.link));

describe('fetch mode "auto" on real tiers (impit, Chromium) against the fixture site', () => {
  let site: TestSite;
  let fetchers: ReturnType<typeof realFetchers>;
  let dir: string;
  let store: SqliteCrawlStore;

  beforeAll(async () => {
    site = await startTestSite({ pages: 6, itemsPerPage: PER_PAGE, seed: 11 });
    fetchers = realFetchers();
  });
  afterAll(async () => {
    await fetchers?.close();
    await site?.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-auto-'));
    store = openSqliteStore(join(dir, 'runs.db'));
    site.resetStats();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (urls: string[], opts: { clockShiftMs?: number; events?: RunEvent[]; concurrency?: number } = {}): Promise<RunSummary> =>
    runCrawl({
      concurrency: opts.concurrency,
      recipe: listingRecipe(urls.map((p) => site.url + p)),
      store,
      fetchers: { http: fetchers.http, browser: fetchers.browser },
      blockDetector: detectBlock,
      ...(opts.clockShiftMs ? { clock: { now: () => Date.now() + (opts.clockShiftMs ?? 0), sleep: systemClock.sleep } } : {}),
      ...(opts.events ? { onEvent: (e: RunEvent) => opts.events?.push(e) } : {}),
    });

  it('uses HTTP for the static listing and escalates only the JS-rendered and bot-wall pages, with exact rows', async () => {
    const events: RunEvent[] = [];
    const statics = [1, 2, 3, 4, 5, 6].map((n) => `/list/${n}`);
    const summary = await run([...statics, '/js/list/1', '/js/list/2', '/protected/list/1', '/protected/list/2'], { events });

    expect(summary.status).toBe('completed');
    expect(summary.progress.byTier).toEqual({ http: 6, browser: 4, stealth: 0 });
    expect(summary.cost?.byTier.http).toMatchObject({ fetches: 10, pages: 6 });
    expect(summary.cost?.byTier.browser).toMatchObject({ fetches: 4, pages: 4 });
    expect(summary.cost?.byTier.stealth).toEqual({ fetches: 0, pages: 0, bytes: 0, ms: 0 });
    expect(summary.cost?.byTier.browser.bytes).toBeGreaterThan(0);
    expect(summary.cost?.byProxyTier.none).toMatchObject({ fetches: 14, pages: 10 });

    const byPage = rowsByPage(await store.results(summary.runId, { limit: 1000 }));
    expect(byPage.size).toBe(10);
    for (const [path, n, tier, attempts] of [
      ...statics.map((p, i) => [p, i + 1, 'http', 1] as const),
      ['/js/list/1', 1, 'browser', 2], ['/js/list/2', 2, 'browser', 2], ['/protected/list/1', 1, 'browser', 2], ['/protected/list/2', 2, 'browser', 2],
    ] as const) {
      const rows = byPage.get(site.url + path) ?? [];
      expect(rows.map((r) => r.data), path).toEqual(truthRows(site, n));
      expect(rows.map((r) => [r.tier, r.proxyTier, r.attempts]), path).toEqual(rows.map(() => [tier, 'none', attempts]));
    }
    // The static pages were fetched once each, by HTTP; the shells twice (HTTP, then Chromium, which also called the API).
    expect(site.hits('/list/')).toBe(6);
    expect(site.hits('/js/list/')).toBe(4);
    expect(site.hits('/api/list/')).toBe(2);
    const escalations = events.filter((e) => e.type === 'request.failed');
    expect(escalations).toHaveLength(4);
    expect(escalations.every((e) => e.type === 'request.failed' && e.code === 'BLOCKED' && e.willRetry)).toBe(true);
    expect(escalations.map((e) => (e.type === 'request.failed' ? e.message : '')).join('\n')).toMatch(/Cloudflare challenge \(HTTP 403\).*retrying on the browser tier/);
    const stored = await store.getRun(summary.runId);
    expect(stored?.summary?.cost?.byTier.browser.pages).toBe(4);
  });

  it('follows a JS-rendered pagination chain to exactly the ground truth', async () => {
    const recipe = listingRecipe([`${site.url}/js/list/1`]);
    recipe.page.pagination = { next: { css: 'a.next' }, startPage: 1 };
    const summary = await runCrawl({ recipe, store, fetchers: { http: fetchers.http, browser: fetchers.browser }, blockDetector: detectBlock });
    expect(summary.status).toBe('completed');
    const rows = (await store.results(summary.runId, { limit: 1000 })).map((r) => r.data);
    expect(rows).toEqual([1, 2, 3, 4, 5, 6].flatMap((n) => truthRows(site, n)));
    expect(summary.progress.byTier).toMatchObject({ http: 0, browser: 6 });
  });

  it('remembers the tier that worked: the next run starts there, and goes back to HTTP once the memory has decayed', async () => {
    // Run 1, one page at a time: every page needs the browser. Two blocked HTTP attempts are enough evidence to start
    // later pages there.
    const first = await run(['/js/list/1', '/js/list/2', '/js/list/3'], { concurrency: 1 });
    expect(first.status).toBe('completed');
    expect(first.cost?.byTier.http.fetches).toBe(2);
    expect(first.cost?.byTier.browser).toMatchObject({ fetches: 3, pages: 3 });

    // Run 2, a new run on the same store: it starts on the browser tier at once.
    site.resetStats();
    const second = await run(['/js/list/4', '/js/list/5', '/js/list/6']);
    expect(second.cost?.byTier.http.fetches).toBe(0);
    expect(second.cost?.byTier.browser).toMatchObject({ fetches: 3, pages: 3 });
    expect(site.hits('/js/list/')).toBe(3);
    const rows = await store.results(second.runId, { limit: 1000 });
    expect(rows.every((r) => r.tier === 'browser' && r.attempts === 1)).toBe(true);
    expect(rows.map((r) => r.data).sort(byLink)).toEqual([4, 5, 6].flatMap((n) => truthRows(site, n)).sort(byLink));

    // Same domain, static pages, memory still fresh: the browser is used even though HTTP would do.
    const fresh = await run(['/list/1', '/list/2']);
    expect(fresh.progress.byTier).toEqual({ http: 0, browser: 2, stealth: 0 });

    // Three hours later (six half-lives) the blocks have faded: the site is tried over HTTP again, and it works.
    site.resetStats();
    const later = await run(['/list/3', '/list/4', '/list/5'], { clockShiftMs: 3 * 3600_000 });
    expect(later.progress.byTier).toEqual({ http: 3, browser: 0, stealth: 0 });
    expect(later.cost?.byTier.browser.fetches).toBe(0);
    expect((await store.results(later.runId, { limit: 1000 })).map((r) => r.data).sort(byLink)).toEqual([3, 4, 5].flatMap((n) => truthRows(site, n)).sort(byLink));
  });

  it('stops with an error naming the tier it needed when the runtime has no browser', async () => {
    const summary = await runCrawl({
      recipe: listingRecipe([`${site.url}/list/1`, `${site.url}/js/list/1`]),
      store,
      fetchers: { http: new HttpFetcher() },
      blockDetector: detectBlock,
    });
    expect(summary.status).toBe('partially_completed');
    expect(summary.failures).toEqual({ TIER_UNAVAILABLE: 1 });
    const failed = store.db.prepare("SELECT url, error_message FROM requests WHERE status = 'failed'").all() as Array<{ url: string; error_message: string }>;
    expect(failed).toHaveLength(1);
    expect(failed[0]?.url).toBe(`${site.url}/js/list/1`);
    expect(failed[0]?.error_message).toMatch(/JavaScript-only page.*rendering it needs the browser tier, which this runtime does not have/);
  });
});
