import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'proxy-chain';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { RetryableError } from '@scrapifie/recipe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserFetcher, FileSessionStore, MemorySessionStore, SessionManager, type BrowserFetchRequest, type SessionRecord } from '../src/index.ts';
import { startFixturePages } from './fixture-pages.ts';
import { CHROMIUM, text, waitFor, type LocalServer } from './helpers.ts';

describe('SessionManager', () => {
  it('counts uses and starts a fresh generation (new id for the browser context) when used up or too old', async () => {
    let now = 1_000_000;
    const sessions = new SessionManager(new MemorySessionStore(), { maxUses: 2, maxAgeMs: 60_000, now: () => now });
    const a = await sessions.open('s', { proxy: { url: 'http://p1:8000', country: 'de' } });
    expect(a.record).toMatchObject({ uses: 1, proxy: { url: 'http://p1:8000', country: 'de' } });
    expect(a.replaced).toBeUndefined();
    const b = await sessions.open('s', { proxy: { url: 'http://p2:8000' } });
    expect(b.record).toMatchObject({ uses: 2, generation: a.record.generation, proxy: { url: 'http://p1:8000' } });
    const c = await sessions.open('s', { proxy: { url: 'http://p2:8000' } });
    expect(c.record.generation).not.toBe(a.record.generation);
    expect(c).toMatchObject({ replaced: a.record.generation, record: { uses: 1, proxy: { url: 'http://p2:8000' } } });
    now += 60_001;
    const d = await sessions.open('s');
    expect(d.replaced).toBe(c.record.generation);
  });

  it('saves state for the current generation only, and retires a session', async () => {
    const store = new MemorySessionStore();
    const sessions = new SessionManager(store);
    const { record } = await sessions.open('s');
    await sessions.update('s', 'some-old-generation', { loggedIn: 'x' });
    expect((await store.get('s'))?.loggedIn).toBeUndefined();
    await sessions.update('s', record.generation, { loggedIn: 'x', storageState: { cookies: [], origins: [] } });
    expect(await store.get('s')).toMatchObject({ loggedIn: 'x', storageState: { cookies: [], origins: [] } });
    expect(await sessions.retire('s')).toBe(record.generation);
    expect(await store.get('s')).toBeUndefined();
    expect(() => sessions.open('')).toThrow(/session id/);
    expect(() => new SessionManager(store, { maxUses: 0 })).toThrow(/"maxUses"/);
  });
});

describe('FileSessionStore', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'scrapifie-fss-')), 'sessions');
  });
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('keeps each session in a private file named by a hash, and treats an unreadable file as no session', async () => {
    const store = new FileSessionStore(dir);
    const record: SessionRecord = { id: 'shop user/1', generation: 'g1', createdAt: 1, lastUsedAt: 2, uses: 3, storageState: { cookies: [], origins: [] } };
    await store.put(record);
    expect(await store.get('shop user/1')).toEqual(record);
    expect(await store.get('other')).toBeUndefined();
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{40}\.json$/);
    expect(statSync(join(dir, files[0] as string)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    writeFileSync(join(dir, files[0] as string), '{ not json');
    expect(await store.get('shop user/1')).toBeUndefined();
    await store.delete('shop user/1');
    expect(readdirSync(dir)).toHaveLength(0);
  });
});

describe('browser sessions on real Chromium', () => {
  let site: TestSite;
  let pages: LocalServer;
  let dir: string;
  const proxies: Array<{ server: Server; seen: string[] }> = [];
  const fetchers: BrowserFetcher[] = [];
  const newFetcher = (sessions: SessionManager): BrowserFetcher => {
    const f = new BrowserFetcher({ poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 }, sessions });
    fetchers.push(f);
    return f;
  };
  const req = (url: string, over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url, timeoutMs: 20_000, maxRedirects: 5, maxBodyBytes: 10 << 20, impersonate: 'chrome', ...over,
  });
  const cookiesOf = (body: Uint8Array): Record<string, string> => JSON.parse(/\{"cookies".*\}/.exec(text(body))?.[0] ?? '{}').cookies ?? {};

  async function startProxy(): Promise<{ url: string; seen: string[] }> {
    const seen: string[] = [];
    const server = new Server({ port: 0, host: '127.0.0.1', prepareRequestFunction: ({ request }) => {
      seen.push(request.url ?? '');
      return {};
    } });
    await server.listen();
    proxies.push({ server, seen });
    return { url: `http://127.0.0.1:${server.port}`, seen };
  }

  beforeAll(async () => {
    site = await startTestSite({ pages: 3 });
    pages = await startFixturePages();
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-bsess-'));
  });
  afterAll(async () => {
    await Promise.all(fetchers.map((f) => f.close()));
    await Promise.all(proxies.map((p) => p.server.close(true)));
    await pages?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps cookies and localStorage per session id, across fetchers sharing a file store, until the session is used up', async () => {
    const fetcher = newFetcher(new SessionManager(new FileSessionStore(dir), { maxUses: 4 }));
    await fetcher.fetch(req(`${site.url}/cookie/set?name=visitor&value=v42`, { session: 'a' }));
    await fetcher.fetch(req(`${pages.url}/storage?set=kept`, { session: 'a' }));
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`, { session: 'a' }))).body)).toEqual({ visitor: 'v42' });
    // Another session, and a page without one, see nothing of it.
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`, { session: 'b' }))).body)).toEqual({});
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`))).body)).toEqual({});

    // A new fetcher (a resumed run, another process) over the same directory restores the session.
    const resumed = newFetcher(new SessionManager(new FileSessionStore(dir), { maxUses: 4 }));
    expect(text((await resumed.fetch(req(`${pages.url}/storage`, { session: 'a' }))).body)).toContain('<p id="value">k=kept</p>');
    // That was the 4th use: the 5th page starts a fresh session, without the cookie.
    expect(cookiesOf((await resumed.fetch(req(`${site.url}/cookie/echo`, { session: 'a' }))).body)).toEqual({});
  });

  it('shares one context between pages without a session when asked (cookies carry over), never between sessions', async () => {
    const fetcher = new BrowserFetcher({
      poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 }, shareContexts: true,
    });
    fetchers.push(fetcher);
    await fetcher.fetch(req(`${site.url}/cookie/set?name=tab&value=t1`));
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`))).body)).toEqual({ tab: 't1' });
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`, { session: 'own' }))).body)).toEqual({});
    const contexts = (await fetcher.pool.acquirePage({ shareContext: true }));
    expect(contexts.browser.contexts()).toHaveLength(2); // the shared one and the session's
    await contexts.release();
  });

  it("reuses a session's tab for the session's next page only: another session's tab sees none of its cookies, storage or page", async () => {
    const fetcher = newFetcher(new SessionManager(new MemorySessionStore()));
    await fetcher.fetch(req(`${site.url}/cookie/set?name=who&value=x`, { session: 'x' }));
    const mine = text((await fetcher.fetch(req(`${pages.url}/storage?set=mine`, { session: 'x' }))).body);
    expect(mine).toContain('<p id="value">k=mine</p>');
    const reused = fetcher.pool.stats().tabsReused;
    expect(reused).toBeGreaterThanOrEqual(1); // the second page of x ran on x's first tab

    const other = text((await fetcher.fetch(req(`${pages.url}/storage`, { session: 'y' }))).body);
    expect(other).toContain('<p id="value">k=</p>');
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`, { session: 'y' }))).body)).toEqual({});
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`))).body)).toEqual({});

    const again = text((await fetcher.fetch(req(`${pages.url}/storage`, { session: 'x' }))).body);
    expect(again).toContain('<p id="value">k=mine</p>');
    expect(cookiesOf((await fetcher.fetch(req(`${site.url}/cookie/echo`, { session: 'x' }))).body)).toEqual({ who: 'x' });
    expect(fetcher.pool.stats().tabsReused).toBeGreaterThan(reused);
  });

  it('a kept tab starts every page from a blank document: the same URL again, or with only a new #fragment, loads afresh', async () => {
    const fetcher = new BrowserFetcher({
      poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 1, launchTimeoutMs: 20_000 }, shareContexts: true,
    });
    fetchers.push(fetcher);
    const first = await fetcher.fetch(req(`${pages.url}/storage?set=one`));
    expect(text(first.body)).toContain('k=one');
    const same = await fetcher.fetch(req(`${pages.url}/storage?set=one#again`));
    expect(same.status).toBe(200);
    expect(text(same.body)).toContain('k=one');
    expect(fetcher.pool.stats()).toMatchObject({ pagesServed: 2, tabsReused: 1 });
  });

  it('a tab that crashes under a page fails the fetch with a retryable error; the retry runs on a fresh tab', async () => {
    const fetcher = new BrowserFetcher({
      poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 }, shareContexts: true,
    });
    fetchers.push(fetcher);
    await fetcher.fetch(req(`${site.url}/list/1`));
    site.resetStats();
    const pending = fetcher.fetch(req(`${site.url}/fault/hang`)).then(() => undefined, (e: unknown) => e);
    await waitFor(() => site.hits('/fault/hang') > 0, 10_000, 'the request to reach the server');
    // The page under the fetch (the tab kept from /list/1) is the shared context's only tab besides this lease's.
    const probe = await fetcher.pool.acquirePage({ shareContext: true });
    const victim = probe.context.pages().find((p) => p !== probe.page);
    expect(victim).toBeDefined();
    victim?.goto('chrome://crash').catch(() => undefined);
    const err = await pending;
    await probe.release();
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as RetryableError).code).toBe('CONNECTION_ERROR');
    const retry = await fetcher.fetch(req(`${site.url}/list/2`));
    expect(text(retry.body)).toContain(site.truth.listing(2)[0]?.sku);
    expect(victim?.isClosed()).toBe(true);
    expect(fetcher.pool.stats()).toMatchObject({ crashes: 0, pagesOpen: 0 });
  });

  it("goes out through the session's first proxy on every page of the session", async () => {
    const one = await startProxy();
    const two = await startProxy();
    const fetcher = newFetcher(new SessionManager(new MemorySessionStore()));
    await fetcher.fetch(req(`${site.url}/list/1`, { session: 'p', proxy: { url: one.url } }));
    await fetcher.fetch(req(`${site.url}/list/2`, { session: 'p', proxy: { url: two.url } }));
    await fetcher.fetch(req(`${site.url}/list/3`, { session: 'q', proxy: { url: two.url } }));
    expect(one.seen.filter((u) => u.includes('/list/')).map((u) => new URL(u).pathname)).toEqual(['/list/1', '/list/2']);
    expect(two.seen.filter((u) => u.includes('/list/')).map((u) => new URL(u).pathname)).toEqual(['/list/3']);
  });

  it('without a session, each page goes out through the proxy the engine chose for it (proxyUrl), even with shared contexts', async () => {
    const one = await startProxy();
    const two = await startProxy();
    const fetcher = new BrowserFetcher({
      poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 }, shareContexts: true,
    });
    fetchers.push(fetcher);
    expect(fetcher.perRequestProxy).toBe(true);
    await fetcher.fetch(req(`${site.url}/list/1`, { proxyUrl: one.url }));
    await fetcher.fetch(req(`${site.url}/list/2`, { proxyUrl: two.url }));
    await fetcher.fetch(req(`${site.url}/list/3`));
    const paths = (p: { seen: string[] }) => p.seen.filter((u) => u.includes('/list/')).map((u) => new URL(u).pathname);
    expect(paths(one)).toEqual(['/list/1']);
    expect(paths(two)).toEqual(['/list/2']);
  });
});
