import { createServer } from 'node:net';
import type { FetchRequest } from '@scrapifie/engine';
import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import { CHARSET_CASES, COMPRESSED_VALUES, REDIRECT_END_VALUE, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetcher, type HttpFetcher } from '../src/index.ts';

// impit reads proxy settings from the environment even for 127.0.0.1: this suite talks to loopback only.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function failure(p: Promise<unknown>): Promise<ScrapifieError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScrapifieError) return e;
    throw new Error(`expected a ScrapifieError, got ${String(e)}`);
  }
  throw new Error('expected the fetch to fail');
}

describe('HttpFetcher against the fixture site', () => {
  let site: TestSite;
  let fetcher: HttpFetcher;
  const req = (path: string, over: Partial<FetchRequest> = {}): FetchRequest => ({
    url: site.url + path, timeoutMs: 10_000, maxRedirects: 5, maxBodyBytes: 10 * 1024 * 1024, impersonate: 'chrome', ...over,
  });

  beforeAll(async () => {
    site = await startTestSite({ pages: 20 });
    fetcher = createHttpFetcher();
  });
  afterAll(async () => {
    await fetcher.close();
    await site.close();
  });

  it('fetches a page with lower-cased headers, the final URL, timing and a browser fingerprint', async () => {
    site.resetStats();
    const r = await fetcher.fetch(req('/list/3', { headers: { 'X-Probe': 'p1' } }));
    expect(r.status).toBe(200);
    expect(r.tier).toBe('http');
    expect(r.url).toBe(`${site.url}/list/3`);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Object.keys(r.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(r.body.length).toBe(Number(r.headers['content-length']));
    expect(text(r.body)).toContain(site.truth.listing(3)[0]?.sku);
    expect(r.ms).toBeGreaterThan(0);
    const sent = site.requestLog().at(-1)?.headers ?? {};
    expect(sent['user-agent']).toMatch(/Chrome\/\d+/);
    expect(sent['x-probe']).toBe('p1');
    await fetcher.fetch(req('/list/4', { impersonate: 'firefox' }));
    expect(site.requestLog().at(-1)?.headers['user-agent']).toMatch(/Firefox\/\d+/);
  });

  it('decompresses gzip and brotli bodies', async () => {
    for (const kind of ['gzip', 'brotli'] as const) {
      const r = await fetcher.fetch(req(`/fault/${kind}`));
      expect(text(r.body)).toContain(`<p id="value">${COMPRESSED_VALUES[kind]}</p>`);
    }
  });

  it('follows redirects up to maxRedirects and reports the final URL', async () => {
    const r = await fetcher.fetch(req('/fault/redirect/3', { maxRedirects: 3 }));
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${site.url}/fault/redirect/0`);
    expect(text(r.body)).toContain(REDIRECT_END_VALUE);
  });

  it('fails with TOO_MANY_REDIRECTS past the limit and on a loop', async () => {
    const over = await failure(fetcher.fetch(req('/fault/redirect/3', { maxRedirects: 2 })));
    expect(over.code).toBe('TOO_MANY_REDIRECTS');
    expect(over.retryable).toBe(false);
    expect(over.message).toContain('more than 2 redirects');
    const none = await failure(fetcher.fetch(req('/fault/redirect/1', { maxRedirects: 0 })));
    expect(none.code).toBe('TOO_MANY_REDIRECTS');
    const loop = await failure(fetcher.fetch(req('/fault/redirect-loop')));
    expect(loop.code).toBe('TOO_MANY_REDIRECTS');
    expect(loop.message).toContain('redirect loop');
  });

  it('returns error statuses instead of throwing, with Retry-After readable', async () => {
    expect((await fetcher.fetch(req('/fault/500/a'))).status).toBe(500);
    const limited = await fetcher.fetch(req('/fault/429/h1?retryAfter=3&times=1'));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('3');
    expect((await fetcher.fetch(req('/fault/429/h1?retryAfter=3&times=1'))).status).toBe(200);
    expect((await fetcher.fetch(req('/protected/list/1'))).status).toBe(403);
  });

  it('times out on a server that never answers', async () => {
    const e = await failure(fetcher.fetch(req('/fault/hang', { timeoutMs: 300 })));
    expect(e).toBeInstanceOf(RetryableError);
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toContain('300 ms');
    // The deadline covers the body too: headers arrive at once, the rest trickles in for 5 s.
    const stalled = await failure(fetcher.fetch(req('/fault/drip?ms=5000&every=100', { timeoutMs: 400 })));
    expect(stalled.code).toBe('TIMEOUT');
  });

  it('reports truncated bodies, resets and refused connections as retryable connection errors', async () => {
    const truncated = await failure(fetcher.fetch(req('/fault/truncated')));
    expect(truncated).toBeInstanceOf(RetryableError);
    expect(truncated.code).toBe('CONNECTION_ERROR');
    const reset = await failure(fetcher.fetch(req('/fault/reset')));
    expect(reset.code).toBe('CONNECTION_ERROR');
    expect(reset.retryable).toBe(true);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const refused = await failure(fetcher.fetch({ ...req('/'), url: `http://127.0.0.1:${port}/` }));
    expect(refused.code).toBe('CONNECTION_ERROR');
    expect(refused.message).toContain('connection refused');
  });

  it('stops at maxBodyBytes, whether the size is declared, streamed in chunks or hidden by compression', async () => {
    const limit = { maxBodyBytes: 1024 * 1024 };
    for (const path of ['/fault/huge?mb=64', '/fault/huge?mb=64&chunked=1']) {
      const e = await failure(fetcher.fetch(req(path, limit)));
      expect(e.code).toBe('BODY_TOO_LARGE');
      expect(e.retryable).toBe(false);
    }
    // gzip: 953 bytes on the wire, 13,861 once decoded; the limit applies to what we would keep.
    expect((await failure(fetcher.fetch(req('/fault/gzip', { maxBodyBytes: 5000 })))).code).toBe('BODY_TOO_LARGE');
    const fits = await fetcher.fetch(req('/fault/huge?mb=1&chunked=1', { maxBodyBytes: 1024 * 1024 }));
    expect(fits.body.length).toBe(1024 * 1024);
    expect((await fetcher.fetch(req('/list/1'))).status).toBe(200);
  });

  it('keeps cookies across requests and redirects, and not when cookies are off', async () => {
    await fetcher.fetch(req('/cookie/set?name=flavour&value=oat'));
    const echo = await fetcher.fetch(req('/cookie/echo'));
    expect(JSON.parse(text(echo.body)).cookies).toMatchObject({ flavour: 'oat' });
    const bounced = await fetcher.fetch(req('/cookie/set?name=hop&value=1&redirect=/cookie/echo'));
    expect(bounced.url).toBe(`${site.url}/cookie/echo`);
    expect(JSON.parse(text(bounced.body)).cookies).toMatchObject({ hop: '1', flavour: 'oat' });

    const other = createHttpFetcher();
    expect(JSON.parse(text((await other.fetch(req('/cookie/echo'))).body)).cookies).toEqual({});
    const cookieless = createHttpFetcher({ cookies: false });
    await cookieless.fetch(req('/cookie/set?name=x&value=y'));
    expect(JSON.parse(text((await cookieless.fetch(req('/cookie/echo'))).body)).cookies).toEqual({});
    await Promise.all([other.close(), cookieless.close()]);
  });

  it('passes bytes through untouched, whatever the charset', async () => {
    for (const c of CHARSET_CASES) {
      const r = await fetcher.fetch(req(c.path));
      const raw = new Uint8Array(await (await fetch(site.url + c.path)).arrayBuffer());
      expect(r.body, c.path).toEqual(raw);
      expect(new TextDecoder(c.effectiveEncoding).decode(r.body)).toContain(c.expectedText);
    }
  });

  it('rejects bad URLs and non-http schemes as invalid input', async () => {
    for (const url of ['not a url', 'ftp://127.0.0.1/file', 'file:///etc/passwd', '/relative/path']) {
      const e = await failure(fetcher.fetch({ ...req('/'), url }));
      expect(e).toBeInstanceOf(InvalidInputError);
      expect(e.code).toBe('INVALID_URL');
      expect(e.message).toContain(url);
    }
    expect(() => createHttpFetcher({ proxyUrl: 'ftp://user:secret@proxy:21' })).toThrow(/ftp/);
    expect(() => createHttpFetcher({ proxyUrl: 'ftp://user:secret@proxy:21' })).not.toThrow(/secret/);
  });

  it('honours the abort signal', async () => {
    const controller = new AbortController();
    const pending = fetcher.fetch(req('/fault/slow/c1?ms=5000', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const e = await failure(pending);
    expect(e.code).toBe('CANCELLED');
    expect(e.retryable).toBe(false);
    site.resetStats();
    const early = await failure(fetcher.fetch(req('/list/1', { signal: AbortSignal.abort() })));
    expect(early.code).toBe('CANCELLED');
    expect(site.hits()).toBe(0);
  });

  it('supports HEAD', async () => {
    const r = await fetcher.fetch(req('/list/2', { method: 'HEAD' }));
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
    expect(Number(r.headers['content-length'])).toBeGreaterThan(40_000);
  });

  it('refuses to work once closed', async () => {
    const f = createHttpFetcher();
    await f.close();
    expect((await failure(f.fetch(req('/list/1')))).code).toBe('TIER_UNAVAILABLE');
  });
});
