import { RetryableError, ScrapifieError } from '@scrapifie/recipe';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserPool, type BrowserPoolOptions, type PageLease } from '../src/index.ts';
import { CHROMIUM, failure, settledWithin, waitFor } from './helpers.ts';

const pools: BrowserPool[] = [];
function newPool(opts: BrowserPoolOptions): BrowserPool {
  const pool = new BrowserPool({ executablePath: CHROMIUM, launchTimeoutMs: 20_000, ...opts });
  pools.push(pool);
  return pool;
}

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('BrowserPool', () => {
  it('never opens more than maxBrowsers x maxPagesPerBrowser pages; the next acquirer waits for a release', async () => {
    const pool = newPool({ maxBrowsers: 2, maxPagesPerBrowser: 2 });
    const pending = Array.from({ length: 5 }, () => pool.acquirePage());
    const leases = await Promise.all(pending.slice(0, 4));
    expect(await settledWithin(pending[4] as Promise<PageLease>, 150)).toBe(false);
    expect(pool.stats()).toMatchObject({ browsers: 2, pagesOpen: 4, launches: 2 });
    const browsers = new Set(leases.map((l) => l.browser));
    expect(browsers.size).toBe(2);
    const openPages = [...browsers].flatMap((b) => b.contexts().flatMap((c) => c.pages()));
    expect(openPages).toHaveLength(4);
    // Each page has a context of its own: cookies do not leak between them.
    expect(new Set(leases.map((l) => l.context)).size).toBe(4);

    await leases[0]?.release();
    const fifth = await (pending[4] as Promise<PageLease>);
    expect(fifth.browser).toBe(leases[0]?.browser);
    expect(pool.stats()).toMatchObject({ browsers: 2, pagesOpen: 4, pagesServed: 5, launches: 2 });
    await Promise.all([...leases.slice(1), fifth].map((l) => l.release()));
    expect(pool.stats().pagesOpen).toBe(0);
    await pool.close();
  });

  it('retires a browser after recycleAfterPages pages and launches a fresh one', async () => {
    const pool = newPool({ maxBrowsers: 1, maxPagesPerBrowser: 2, recycleAfterPages: 2 });
    const seen: PageLease['browser'][] = [];
    for (let i = 0; i < 3; i++) {
      const lease = await pool.acquirePage();
      seen.push(lease.browser);
      await lease.page.setContent(`<p>page ${i}</p>`);
      await lease.release();
    }
    expect(pool.stats()).toMatchObject({ launches: 2, pagesServed: 3, crashes: 0 });
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[1]);
    expect(seen[0]?.isConnected()).toBe(false);
    expect(seen[2]?.isConnected()).toBe(true);
    await pool.close();
  });

  it('closes a browser that stays idle for idleTimeoutMs, and launches again when needed', async () => {
    const pool = newPool({ maxBrowsers: 1, idleTimeoutMs: 200 });
    const lease = await pool.acquirePage();
    const browser = lease.browser;
    await lease.release();
    await waitFor(() => pool.stats().browsers === 0, 10_000, 'the idle browser to close');
    expect(browser.isConnected()).toBe(false);
    const again = await pool.acquirePage();
    expect(again.browser).not.toBe(browser);
    expect(pool.stats()).toMatchObject({ launches: 2, crashes: 0 });
    await again.release();
    await pool.close();
  });

  it('shares one context per contextKey and drops it after a failed release', async () => {
    const pool = newPool({ maxBrowsers: 1, maxPagesPerBrowser: 3 });
    const a1 = await pool.acquirePage({ contextKey: 'session-a' });
    const a2 = await pool.acquirePage({ contextKey: 'session-a' });
    const other = await pool.acquirePage();
    expect(a2.context).toBe(a1.context);
    expect(other.context).not.toBe(a1.context);
    await a1.context.addCookies([{ name: 'sid', value: 'a', url: 'http://127.0.0.1/' }]);
    expect(await a2.context.cookies('http://127.0.0.1/')).toHaveLength(1);
    expect(await other.context.cookies('http://127.0.0.1/')).toHaveLength(0);

    await a1.release();
    expect(a1.page.isClosed()).toBe(true);
    const a3 = await pool.acquirePage({ contextKey: 'session-a' });
    expect(a3.context).toBe(a1.context);
    await a3.release({ failed: true });
    await a2.release();
    await other.release();
    const fresh = await pool.acquirePage({ contextKey: 'session-a' });
    expect(fresh.context).not.toBe(a1.context);
    expect(await fresh.context.cookies('http://127.0.0.1/')).toHaveLength(0);
    await fresh.release();
    await pool.close();
  });

  it('keeps the tab of a kept context for its next page (blank, its old document gone), and closes a tab that crashed, failed or is used up', async () => {
    const pool = newPool({ maxBrowsers: 1, maxPagesPerBrowser: 2, pagesPerTab: 3 });
    const a = await pool.acquirePage({ shareContext: true });
    await a.page.setContent('<p id="old">the previous page</p>');
    await a.release({ reuse: true });
    const b = await pool.acquirePage({ shareContext: true });
    expect(b.page).toBe(a.page);
    expect(b.page.url()).toBe('about:blank');
    expect(await b.page.$('#old')).toBeNull();
    expect(pool.stats()).toMatchObject({ pagesServed: 2, tabsReused: 1 });

    // The renderer of a kept tab dies: the lease learns it, and the tab is not handed out again.
    b.page.goto('chrome://crash').catch(() => undefined);
    await waitFor(() => b.signal.aborted, 10_000, 'the crash to reach the lease');
    expect(b.signal.reason).toBeInstanceOf(RetryableError);
    expect((b.signal.reason as RetryableError).message).toMatch(/page crashed/);
    await b.release({ reuse: true });
    const c = await pool.acquirePage({ shareContext: true });
    expect(c.page).not.toBe(a.page);
    await c.page.setContent('<p id="ok">alive</p>');
    expect(await c.page.textContent('#ok')).toBe('alive');
    // Released without `reuse` (a page that failed): closed.
    await c.release();
    expect(c.page.isClosed()).toBe(true);

    // A tab serves at most pagesPerTab pages.
    const tabs: PageLease['page'][] = [];
    for (let i = 0; i < 4; i++) {
      const lease = await pool.acquirePage({ shareContext: true });
      tabs.push(lease.page);
      await lease.release({ reuse: true });
    }
    expect(tabs[1]).toBe(tabs[0]);
    expect(tabs[2]).toBe(tabs[0]);
    expect(tabs[3]).not.toBe(tabs[0]);
    expect(tabs[0]?.isClosed()).toBe(true);

    // A page with a context of its own never keeps its tab; a forgotten session context closes its kept tabs.
    const own = await pool.acquirePage();
    await own.release({ reuse: true });
    expect(own.page.isClosed()).toBe(true);
    const s = await pool.acquirePage({ contextKey: 'session-s' });
    await s.release({ reuse: true });
    expect(s.page.isClosed()).toBe(false);
    await pool.closeContext('session-s');
    expect(s.page.isClosed()).toBe(true);
    await pool.close();
  });

  it('drops a crashed browser: its leases fail with a retryable error and the next acquire launches a new one', async () => {
    const pool = newPool({ maxBrowsers: 1, maxPagesPerBrowser: 2 });
    const lease = await pool.acquirePage();
    const [pid] = pool.browserPids();
    expect(pid).toBeTypeOf('number');
    const memory = pool.memory();
    expect(memory.processes).toBeGreaterThan(1); // the browser and its renderer, GPU and utility processes
    expect(memory.pssBytes).toBeGreaterThan(10 * 1024 * 1024);
    process.kill(pid as number, 'SIGKILL');
    await waitFor(() => lease.signal.aborted, 10_000, 'the lease to learn of the crash');
    expect(lease.signal.reason).toBeInstanceOf(RetryableError);
    expect((lease.signal.reason as RetryableError).code).toBe('CONNECTION_ERROR');
    expect((lease.signal.reason as RetryableError).message).toMatch(/browser crashed/);
    await lease.release();

    const next = await pool.acquirePage();
    expect(next.browser).not.toBe(lease.browser);
    await next.page.setContent('<p id="ok">alive</p>');
    expect(await next.page.textContent('#ok')).toBe('alive');
    // A browser closed behind the pool's back counts as a crash too.
    await next.browser.close();
    await waitFor(() => next.signal.aborted, 10_000, 'the second crash');
    await next.release();
    expect(pool.stats()).toMatchObject({ crashes: 2, launches: 2, browsers: 0, pagesOpen: 0 });
    expect(pool.memory()).toEqual({ processes: 0, pssBytes: 0 });
    await pool.close();
  });

  it('lets a waiting acquirer give up; on close, fails leases and waiters with TIER_UNAVAILABLE', async () => {
    const pool = newPool({ maxBrowsers: 1, maxPagesPerBrowser: 1 });
    const lease = await pool.acquirePage();
    const ac = new AbortController();
    const gaveUp = failure(pool.acquirePage({ signal: ac.signal }));
    const waiting = failure(pool.acquirePage());
    ac.abort();
    expect((await gaveUp).code).toBe('CANCELLED');
    expect(pool.stats().pagesOpen).toBe(1);

    await pool.close();
    expect((await waiting).code).toBe('TIER_UNAVAILABLE');
    expect(lease.signal.aborted).toBe(true);
    expect(lease.browser.isConnected()).toBe(false);
    expect((await failure(pool.acquirePage())).code).toBe('TIER_UNAVAILABLE');
    expect(pool.stats()).toMatchObject({ browsers: 0, crashes: 0 });
  });

  it('reports a Chromium that cannot start as TIER_UNAVAILABLE, naming the path', async () => {
    const pool = newPool({ executablePath: '/nonexistent/chromium' });
    const err = await failure(pool.acquirePage());
    expect(err).toBeInstanceOf(ScrapifieError);
    expect(err.code).toBe('TIER_UNAVAILABLE');
    expect(err.message).toContain('/nonexistent/chromium');
    expect(pool.stats()).toMatchObject({ browsers: 0, pagesOpen: 0, launches: 0 });
  });
});
