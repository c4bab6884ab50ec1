import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl, type RunSummary } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { ProxyPool, proxyProviderFrom, type ProxyPoolEvent } from '@scrapifie/proxy-pool';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';
import { deadProxyUrl, startBannedExit, startTrustedExit, type LocalProxy } from './helpers/proxies.ts';
import { detectBlock, listingRecipe, truthRows } from './helpers/tiers.ts';

const SEED = 5;
const PAGES = [1, 2, 3];

describe('proxy tier escalation with real local proxies (proxy-chain) and impit', () => {
  let site: TestSite;
  let trusted: LocalProxy;
  let banned: LocalProxy;
  let dead: string;
  let dir: string;
  let store: SqliteCrawlStore;
  const http = new HttpFetcher({ cookies: false });
  const events: ProxyPoolEvent[] = [];
  let pool: ProxyPool;

  beforeAll(async () => {
    site = await startTestSite({ pages: 3, itemsPerPage: 4, seed: SEED });
    [trusted, banned, dead] = await Promise.all([startTrustedExit(SEED), startBannedExit(), deadProxyUrl()]);
    pool = new ProxyPool({
      proxies: [
        { id: 'dc-dead', url: dead, tier: 'datacenter', provider: 'dc-a' },
        { id: 'dc-banned', url: banned.url, tier: 'datacenter', provider: 'dc-b' },
        { id: 'resi', url: trusted.url, tier: 'residential', provider: 'resi' },
      ],
    }, { onEvent: (e) => events.push(e) });
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-proxy-'));
    store = openSqliteStore(join(dir, 'runs.db'));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([trusted?.close(), banned?.close()]);
    await http.close();
    await site?.close();
  });

  const crawl = (): Promise<RunSummary> =>
    runCrawl({
      recipe: listingRecipe(PAGES.map((n) => `${site.url}/protected/list/${n}`), {
        fetch: { mode: 'http', timeoutMs: 5000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, multiplier: 2 }, proxy: { tiers: ['none', 'datacenter', 'residential'] } },
      }),
      store,
      fetchers: { http },
      blockDetector: detectBlock,
      proxies: proxyProviderFrom(pool),
      concurrency: 1,
    });

  it('climbs none → datacenter (a dead proxy, a banned one) → residential past a bot wall, with exact rows', async () => {
    const summary = await crawl();
    expect(summary.status).toBe('completed');
    const rows = await store.results(summary.runId, { limit: 100 });
    const byPage = PAGES.map((n) => rows.filter((r) => r.url === `${site.url}/protected/list/${n}`));
    expect(byPage.map((rs) => rs.map((r) => r.data))).toEqual(PAGES.map((n) => truthRows(site, n)));
    expect(new Set(rows.map((r) => r.proxyTier))).toEqual(new Set(['residential']));
    // One page at a time, in claim order: pages 1 and 2 hit the wall directly (one block is not yet evidence, two
    // are), so page 3 starts on datacenter and meets the dead proxy. Back from the store, page 1 meets the banned
    // proxy and climbs to residential; pages 2 and 3 find both datacenter proxies resting and go straight there.
    expect(byPage.map((rs) => rs[0]?.attempts)).toEqual([3, 2, 2]);
    expect(summary.cost?.byProxyTier).toMatchObject({
      none: { fetches: 2, pages: 0 },
      datacenter: { fetches: 2, pages: 0 },
      residential: { fetches: 3, pages: 3 },
    });
    expect(trusted.seen).toEqual(['/protected/list/2', '/protected/list/3', '/protected/list/1']);
    expect(banned.seen).toEqual(['/protected/list/1']);
    const stats = pool.stats();
    const byId = Object.fromEntries(stats.proxies.map((p) => [p.id, p]));
    expect(byId['dc-dead']).toMatchObject({ state: 'cooling', failures: 1 });
    expect(events.map((e) => [e.type, e.proxyId])).toEqual([['cooldown', 'dc-dead'], ['cooldown', 'dc-banned']]);
    expect(events[1]).toMatchObject({ domain: new URL(site.url).host });
    // The site saw two direct requests (blocked) and three through the trusted exit.
    expect(site.hits('/protected/list/')).toBe(5);
  });

  it('a second run starts on the proxy tier that worked', async () => {
    site.resetStats();
    const summary = await crawl();
    expect(summary.status).toBe('completed');
    const rows = await store.results(summary.runId, { limit: 100 });
    expect(rows.map((r) => [r.proxyTier, r.attempts])).toEqual(rows.map(() => ['residential', 1]));
    expect(summary.cost?.byProxyTier.none.fetches).toBe(0);
    expect(site.hits('/protected/list/')).toBe(3);
  });

  it('fails with a clear error when the recipe needs proxies and the runtime has none', async () => {
    const recipe = listingRecipe([`${site.url}/list/1`], { fetch: { mode: 'http', proxy: { tiers: ['datacenter'] } } });
    await expect(runCrawl({ recipe, store, fetchers: { http } })).rejects.toThrow(/starts on the http tier with proxy tier "datacenter", which needs datacenter proxies, and this runtime has no proxy pool/);
  });
});
