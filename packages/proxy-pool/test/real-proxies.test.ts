import { HttpFetcher } from '@scrapifie/fetch-http';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyPool, proxyFailureKind, type ProxyHealthChecker, type ProxyPoolEvent, type ProxySelectOptions } from '../src/index.ts';
import { deadPort, startAuthProxy, startSlowProxy, startWorkingProxy, type LocalProxy } from './local-proxies.ts';

// Without an explicit proxyUrl impit applies HTTP_PROXY/HTTPS_PROXY/ALL_PROXY even to 127.0.0.1. With one,
// it uses that proxy for loopback targets too and ignores those variables and NO_PROXY (checked while
// writing this suite). Clear them anyway so that no stray proxy from the environment joins in.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

let site: TestSite;
const started: LocalProxy[] = [];

beforeAll(async () => {
  site = await startTestSite({ pages: 3 });
});
afterAll(async () => {
  await Promise.all(started.map((p) => p.close()));
  await site?.close();
});

async function track(p: Promise<LocalProxy>): Promise<LocalProxy> {
  const proxy = await p;
  started.push(proxy);
  return proxy;
}

function request(url: string, timeoutMs = 3000) {
  return { url, timeoutMs, maxRedirects: 3, maxBodyBytes: 4 << 20, impersonate: 'chrome' as const };
}

/** One fetch through `proxyUrl`: a response or the thrown error. */
async function fetchVia(proxyUrl: string, url: string, timeoutMs?: number): Promise<{ status?: number; error?: unknown }> {
  const fetcher = new HttpFetcher({ proxyUrl, cookies: false });
  try {
    const res = await fetcher.fetch(request(url, timeoutMs));
    return { status: res.status };
  } catch (error) {
    return { error };
  } finally {
    await fetcher.close();
  }
}

/** What the engine will do: select, fetch, report; try the next proxy until one works or none is left. */
async function fetchThroughPool(pool: ProxyPool, url: string, opts: ProxySelectOptions = {}) {
  const tried: string[] = [];
  for (;;) {
    const lease = pool.select({ ...opts, domain: url });
    if (!lease) return { tried, status: undefined };
    tried.push(lease.proxyId);
    const started = performance.now();
    const outcome = await fetchVia(lease.url, url, 1500);
    const kind = proxyFailureKind(outcome);
    if (kind) pool.reportFailure(lease.id, { kind, domain: url });
    else {
      pool.reportSuccess(lease.id, { domain: url, ms: performance.now() - started });
      return { tried, status: outcome.status, via: lease.proxyId };
    }
  }
}

const checker: ProxyHealthChecker = async (proxyUrl) => (await fetchVia(proxyUrl, `${site.url}/robots.txt`, 2000)).status === 200;

describe('ProxyPool with real local proxies', () => {
  it('works around dead, 407 and slow proxies and reaches the site through the working one', async () => {
    const working = await track(startWorkingProxy());
    const slow = await track(startSlowProxy(10_000));
    const auth = await track(startAuthProxy((u, p) => u === 'scraper' && p === 'right-pass'));
    const dead = await deadPort();
    const events: ProxyPoolEvent[] = [];
    const pool = new ProxyPool({
      proxies: [
        { id: 'dead', url: `http://127.0.0.1:${dead}`, provider: 'p-dead' },
        { id: 'auth', url: `http://scraper:wrong-pass@127.0.0.1:${auth.port}`, provider: 'p-auth' },
        { id: 'slow', url: `http://127.0.0.1:${slow.port}`, provider: 'p-slow' },
        { id: 'working', url: `http://127.0.0.1:${working.port}`, provider: 'p-working' },
      ],
    }, { onEvent: (e) => events.push(e) });
    site.resetStats();

    const result = await fetchThroughPool(pool, `${site.url}/list/1`);
    expect(result).toMatchObject({ status: 200, via: 'working', tried: ['dead', 'auth', 'slow', 'working'] });
    // the site saw exactly one request, and the working proxy is the one that carried it
    expect(site.hits('/list/1')).toBe(1);
    const { port } = new URL(site.url);
    expect(working.seen).toEqual([`127.0.0.1:${port}/list/1`]);
    expect(slow.seen).toEqual([`127.0.0.1:${port}/list/1`]); // reached, but too slow: it never answered in time
    expect(auth.seen).toEqual([]);

    const byId = Object.fromEntries(pool.stats().proxies.map((p) => [p.id, p]));
    expect(byId.auth).toMatchObject({ state: 'removed' });
    expect(byId.auth?.removedReason).toBe(
      `proxy "auth" (http://127.0.0.1:${auth.port}, provider p-auth, datacenter) rejected its credentials (HTTP 407 Proxy Authentication Required): removed from the pool; fix its user name and password`,
    );
    expect(byId.dead).toMatchObject({ state: 'cooling', failures: 1 });
    expect(byId.slow).toMatchObject({ state: 'cooling', failures: 1 });
    expect(byId.working).toMatchObject({ state: 'available', successes: 1 });
    expect(JSON.stringify({ stats: pool.stats(), events })).not.toContain('wrong-pass');

    // the next request goes straight to the working proxy: the others rest or are gone
    expect(await fetchThroughPool(pool, `${site.url}/list/2`)).toMatchObject({ status: 200, tried: ['working'] });
  });

  it('a dead proxy cools down, is removed after N failures, and the periodic health check restores it once it is back', async () => {
    let now = 1_000_000;
    const port = await deadPort();
    const events: ProxyPoolEvent[] = [];
    const pool = new ProxyPool(
      { proxies: [{ id: 'flaky', url: `http://127.0.0.1:${port}` }], maxFailuresBeforeRemoval: 3, healthCheckIntervalMs: 1000 },
      { now: () => now, onEvent: (e) => events.push(e) },
    );
    const url = `${site.url}/list/3`;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await fetchThroughPool(pool, url);
      expect(r).toMatchObject({ status: undefined, tried: ['flaky'] });
      if (attempt < 3) {
        expect(pool.stats().proxies[0]).toMatchObject({ state: 'cooling', cooldownUntil: now + 30_000 });
        expect(pool.select()).toBeUndefined(); // resting
        now += 30_000;
      }
    }
    const removed = pool.stats().proxies[0];
    expect(removed?.state).toBe('removed');
    expect(removed?.removedReason).toMatch(/^proxy "flaky" \(http:\/\/127\.0\.0\.1:\d+.*\) removed after 3 consecutive failures \(last: connect\)/);
    now += 3_600_000;
    expect(pool.select()).toBeUndefined(); // removal lasts until a health check passes

    expect(await pool.healthCheck(checker)).toEqual({ checked: 1, healthy: 0, restored: [], failed: ['flaky'] });
    expect(pool.stats().proxies[0]?.state).toBe('removed');

    const back = await track(startWorkingProxy(port));
    const restored = new Promise<ProxyPoolEvent>((resolve) => {
      const timer = setInterval(() => {
        const e = events.find((x) => x.type === 'restored');
        if (e) {
          clearInterval(timer);
          resolve(e);
        }
      }, 50);
    });
    pool.start(checker);
    const event = await restored;
    await pool.stop();
    expect(event.reason).toMatch(/passed its health check and is back in the pool/);
    expect(pool.stats().proxies[0]).toMatchObject({ state: 'available', failures: 0, lastHealthCheck: { ok: true } });
    expect(await fetchThroughPool(pool, url)).toMatchObject({ status: 200, via: 'flaky' });
    expect(back.seen.some((s) => s.endsWith('/list/3'))).toBe(true);
  });

  it('a provider template carries credentials and a sticky session token through a real proxy', async () => {
    const gateway = await track(startAuthProxy((u, p) => /^user-bob(-session-[0-9a-f]{12})?$/.test(u) && p === 'p@ss:word'));
    const pool = new ProxyPool({
      templates: [{
        provider: 'local', tier: 'residential', username: 'bob', password: 'p@ss:word',
        template: `http://user-{username}[-session-{session}]:{password}@127.0.0.1:${gateway.port}`,
      }],
    });
    const { port } = new URL(site.url);
    expect(await fetchThroughPool(pool, `${site.url}/item/1`)).toMatchObject({ status: 200 });
    expect(await fetchThroughPool(pool, `${site.url}/item/2`, { sessionId: 'cart' })).toMatchObject({ status: 200 });
    expect(await fetchThroughPool(pool, `${site.url}/item/3`, { sessionId: 'cart' })).toMatchObject({ status: 200 });
    expect(gateway.seen[0]).toBe(`user-bob@127.0.0.1:${port}/item/1`);
    const sessionUser = gateway.seen[1]?.split('@')[0];
    expect(sessionUser).toMatch(/^user-bob-session-[0-9a-f]{12}$/);
    expect(gateway.seen[2]).toBe(`${sessionUser}@127.0.0.1:${port}/item/3`); // same provider session: same exit
  });
});
