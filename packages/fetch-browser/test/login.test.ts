import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractStatic } from '@scrapifie/extract';
import { InvalidInputError, PageSpecSchema, type Login } from '@scrapifie/recipe';
import { DEMO_CREDENTIALS, DEMO_ORDERS, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BrowserFetcher, FileSessionStore, MemoryBlobSink, MemoryCredentialResolver, SessionManager, loginHash, type BrowserFetchRequest, type BrowserFetchResponse,
} from '../src/index.ts';
import { CHROMIUM, failure, text } from './helpers.ts';

const ORDERS_SPEC = PageSpecSchema.parse({
  items: {
    css: 'tr.order',
    fields: {
      id: { css: '.order-id' },
      date: { css: 'time', take: 'attr', attr: 'datetime' },
      status: { css: '.order-status' },
      items: { css: '.order-items', transforms: ['integer'] },
      total: { css: '.order-total', transforms: ['price'] },
    },
  },
});
const EXPECTED = DEMO_ORDERS.map((o) => ({ id: o.id, date: o.date, status: o.status, items: o.items, total: o.total }));
const ordersOf = (res: BrowserFetchResponse): unknown[] => extractStatic(ORDERS_SPEC, 'page', res.body, { url: res.url, depth: 0 }).rows;

describe('login steps and sessions on the fixture shop', () => {
  let site: TestSite;
  let dir: string;
  const fetchers: BrowserFetcher[] = [];
  let login: Login;
  const credentials = new MemoryCredentialResolver({ shop: { username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password } });
  const newFetcher = (over: ConstructorParameters<typeof BrowserFetcher>[0] = {}): BrowserFetcher => {
    const f = new BrowserFetcher({ poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 3, launchTimeoutMs: 20_000 }, credentials, ...over });
    fetchers.push(f);
    return f;
  };
  const req = (path: string, over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url: site.url + path, timeoutMs: 30_000, maxRedirects: 5, maxBodyBytes: 10 << 20, impersonate: 'chrome', browser: { login }, ...over,
  });
  /** POSTs of the sign-in form the site has received. */
  const signIns = (): number => site.requestLog().filter((r) => r.path === '/login' && r.headers['content-type'] !== undefined).length;

  beforeAll(async () => {
    site = await startTestSite({ pages: 5 });
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-sessions-'));
    login = {
      url: `${site.url}/login`,
      actions: [
        { action: 'type', css: '#username', credential: 'shop.username' },
        { action: 'type', css: '#password', credential: 'shop.password' },
        { action: 'click', css: '#login' },
      ],
      success: { css: 'table.orders' },
    };
  });
  afterAll(async () => {
    await Promise.all(fetchers.map((f) => f.close()));
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in once for concurrent pages, then every page of the run sees the protected orders', async () => {
    const fetcher = newFetcher();
    const before = signIns();
    const results = await Promise.all([1, 2, 3].map(() => fetcher.fetch(req('/account/orders'))));
    for (const res of results) {
      expect(res.url).toBe(`${site.url}/account/orders`);
      expect(ordersOf(res)).toEqual(EXPECTED);
    }
    expect(signIns() - before).toBe(1);
    const again = await fetcher.fetch(req('/account/orders'));
    expect(ordersOf(again)).toEqual(EXPECTED);
    expect(signIns() - before).toBe(1);
  });

  it('signs in again when the site has signed the session out', async () => {
    const fetcher = newFetcher();
    expect(ordersOf(await fetcher.fetch(req('/account/orders')))).toEqual(EXPECTED);
    const before = signIns();
    // Signing out on the site: the stored cookie no longer opens the orders, which now redirect to /login.
    await fetcher.fetch(req('/logout', { browser: {}, session: `login:${loginHash(login)}` }));
    const res = await fetcher.fetch(req('/account/orders'));
    expect(ordersOf(res)).toEqual(EXPECTED);
    expect(signIns() - before).toBe(1);
  });

  it('keeps the signed-in session in a file store: a new fetcher (a resumed run) does not sign in again', async () => {
    const first = newFetcher({ sessions: new SessionManager(new FileSessionStore(dir)) });
    expect(ordersOf(await first.fetch(req('/account/orders')))).toEqual(EXPECTED);
    await first.close();
    const before = signIns();
    const second = newFetcher({ sessions: new SessionManager(new FileSessionStore(dir)) });
    expect(ordersOf(await second.fetch(req('/account/orders')))).toEqual(EXPECTED);
    expect(signIns()).toBe(before);
  });

  it('fails a login with a wrong password as invalid input, keeps a screenshot and the HTML, and never shows the secret', async () => {
    const sink = new MemoryBlobSink();
    const fetcher = newFetcher({ blobSink: sink, credentials: new MemoryCredentialResolver({ shop: { username: 'demo', password: 'not-the-password' } }) });
    const err = await failure(fetcher.fetch(req('/account/orders', { blobTags: { run: 'r1', request: 'orders' } })));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toMatch(/the login did not succeed: still on the sign-in page/);
    expect(JSON.stringify(err)).not.toContain('not-the-password');
    const kinds = sink.blobs.map((b) => b.kind).sort();
    expect(kinds).toEqual(['html', 'screenshot']);
    for (const b of sink.blobs) expect(b).toMatchObject({ trigger: 'failure', tags: { run: 'r1', request: 'orders' }, error: { code: 'INVALID_INPUT' } });
    const html = text(sink.blobs.find((b) => b.kind === 'html')?.body ?? new Uint8Array());
    expect(html).toContain('Invalid username or password.');
  });
});
