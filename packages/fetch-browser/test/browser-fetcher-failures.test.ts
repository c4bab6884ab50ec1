import { InvalidInputError, RetryableError } from '@scrapifie/recipe';
import { REDIRECT_END_VALUE, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserFetcher, type BrowserFetchRequest } from '../src/index.ts';
import { CHROMIUM, failure, startLocalServer, text, waitFor } from './helpers.ts';

describe('BrowserFetcher failures, cancellation, crashes and limits', () => {
  let site: TestSite;
  let fetcher: BrowserFetcher;
  const req = (path: string, over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url: site.url + path, timeoutMs: 10_000, maxRedirects: 5, maxBodyBytes: 10 * 1024 * 1024, impersonate: 'chrome', ...over,
  });

  beforeAll(async () => {
    site = await startTestSite({ pages: 10 });
    fetcher = new BrowserFetcher({ poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 3, launchTimeoutMs: 20_000 } });
  });
  afterAll(async () => {
    await fetcher?.close();
    await site?.close();
  });

  it('follows redirects up to maxRedirects and stops past it', async () => {
    const ok = await fetcher.fetch(req('/fault/redirect/3'));
    expect(ok.url).toBe(`${site.url}/fault/redirect/0`);
    expect(text(ok.body)).toContain(REDIRECT_END_VALUE);

    site.resetStats();
    const err = await failure(fetcher.fetch(req('/fault/redirect/30', { maxRedirects: 2 })));
    expect(err.code).toBe('TOO_MANY_REDIRECTS');
    expect(err.message).toContain('more than 2 redirects');
    expect(site.hits('/fault/redirect/')).toBeLessThan(15); // stopped early, not at Chromium's limit of 20

    const loop = await failure(fetcher.fetch(req('/fault/redirect-loop')));
    expect(loop.code).toBe('TOO_MANY_REDIRECTS');
    expect(loop.message).toContain('redirect loop');
  });

  it('maps transport failures: TIMEOUT, CONNECTION_ERROR, INVALID_URL, BODY_TOO_LARGE', async () => {
    const timeout = await failure(fetcher.fetch(req('/fault/hang', { timeoutMs: 600 })));
    expect(timeout).toBeInstanceOf(RetryableError);
    expect(timeout.code).toBe('TIMEOUT');

    const gone = await startLocalServer(() => undefined);
    await gone.close();
    const refused = await failure(fetcher.fetch({ ...req(''), url: `${gone.url}/` }));
    expect(refused).toBeInstanceOf(RetryableError);
    expect(refused.code).toBe('CONNECTION_ERROR');
    expect(refused.message).toContain('connection refused');

    for (const url of ['not a url', 'ftp://127.0.0.1/file']) {
      const bad = await failure(fetcher.fetch({ ...req(''), url }));
      expect(bad).toBeInstanceOf(InvalidInputError);
      expect(bad.code).toBe('INVALID_URL');
    }
    const big = await failure(fetcher.fetch(req('/list/1', { maxBodyBytes: 4096 })));
    expect(big.code).toBe('BODY_TOO_LARGE');
    expect(big.message).toContain('4096');
    expect((await failure(fetcher.fetch(req('/list/1', { method: 'HEAD' })))).code).toBe('INVALID_INPUT');
    expect(fetcher.pool.stats().pagesOpen).toBe(0);
  });

  it('returns error statuses as responses (the engine classifies them)', async () => {
    const res = await fetcher.fetch(req('/no/such/page'));
    expect(res.status).toBe(404);
  });

  it('cancels on the request signal and frees the page', async () => {
    site.resetStats();
    const ac = new AbortController();
    const pending = failure(fetcher.fetch(req('/fault/hang', { signal: ac.signal })));
    await waitFor(() => site.hits('/fault/hang') > 0, 10_000, 'the request to reach the server');
    ac.abort();
    expect((await pending).code).toBe('CANCELLED');
    expect(fetcher.pool.stats().pagesOpen).toBe(0);
  });

  it('fails the fetches of a crashed browser with a retryable error; the next fetch runs on a new browser', async () => {
    const before = fetcher.pool.stats();
    site.resetStats();
    const pending = failure(fetcher.fetch(req('/fault/hang')));
    await waitFor(() => site.hits('/fault/hang') > 0, 10_000, 'the request to reach the server');
    const [pid] = fetcher.pool.browserPids();
    process.kill(pid as number, 'SIGKILL');
    const err = await pending;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.code).toBe('CONNECTION_ERROR');
    expect(err.message).toMatch(/crash/);

    const res = await fetcher.fetch(req('/list/4'));
    expect(text(res.body)).toContain(site.truth.listing(4)[0]?.sku);
    expect(fetcher.pool.stats()).toMatchObject({ crashes: before.crashes + 1, launches: before.launches + 1, pagesOpen: 0 });
  });

  it('never renders more than maxBrowsers x maxPagesPerBrowser pages at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = await startLocalServer((request, res) => {
      if (!request.url?.startsWith('/page/')) return void res.writeHead(404).end();
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>');
      }, 600);
    });
    try {
      const all = Array.from({ length: 4 }, (_, i) => fetcher.fetch({ ...req(''), url: `${slow.url}/page/${i}` }));
      const results = await Promise.all(all);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });
});
