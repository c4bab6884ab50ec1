import { InvalidInputError, RetryableError } from '@scrapifie/recipe';
import { REDIRECT_END_VALUE, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserFetcher, type BrowserFetchRequest } from '../src/index.ts';
import { CHROMIUM, failure, pngSize, startLocalServer, text, waitFor, type LocalServer } from './helpers.ts';

// A tracker host that is not on Chromium's HSTS preload list, so plain http reaches the local server.
const TRACKER_HOST = 'static.hotjar.com';

describe('BrowserFetcher on the fixture site', () => {
  let site: TestSite;
  let fetcher: BrowserFetcher;
  // A page with content added late by script, and a script from a tracker host (mapped to 127.0.0.1 below).
  let local: LocalServer;
  let trackerHits = 0;
  const req = (path: string, over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url: site.url + path, timeoutMs: 10_000, maxRedirects: 5, maxBodyBytes: 10 * 1024 * 1024, impersonate: 'chrome', ...over,
  });

  beforeAll(async () => {
    site = await startTestSite({ pages: 10 });
    local = await startLocalServer((request, res) => {
      if (request.url === '/analytics.js') {
        trackerHits++;
        res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.tracked = true;');
      } else if (request.url === '/moves') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><script>location.replace("/moved")</script>');
      } else if (request.url === '/moved') {
        res.writeHead(203, { 'content-type': 'text/html', 'x-document': 'moved' }).end('<!DOCTYPE html><p id=moved>the page moved here</p>');
      } else if (request.url === '/late') {
        res.writeHead(200, { 'content-type': 'text/html' })
          .end('<!DOCTYPE html><title>late</title><body><script>setTimeout(() => document.body.insertAdjacentHTML("beforeend", "<p id=late>arrived</p>"), 600)</script>');
      } else {
        res.writeHead(200, { 'content-type': 'text/html' })
          .end(`<!DOCTYPE html><title>tracked</title><script src="http://${TRACKER_HOST}:${local.port}/analytics.js"></script><p>content</p>`);
      }
    });
    fetcher = new BrowserFetcher({
      poolOptions: {
        executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 3, launchTimeoutMs: 20_000,
        // The tracker host resolves to the local server, so blocking is checked without leaving 127.0.0.1.
        extraArgs: [`--host-resolver-rules=MAP ${TRACKER_HOST} 127.0.0.1`],
      },
    });
  });
  afterAll(async () => {
    await fetcher?.close();
    await local?.close();
    await site?.close();
  });

  it('returns the rendered HTML of a JS-built listing, which its static HTML does not contain', async () => {
    const titles = site.truth.listing(1).map((it) => it.title.replace(/&/g, '&amp;'));
    const staticHtml = await (await fetch(`${site.url}/js/list/1`)).text();
    expect(titles.some((t) => staticHtml.includes(t))).toBe(false);

    const res = await fetcher.fetch(req('/js/list/1', { browser: { waitForSelector: 'article.product' } }));
    expect(res).toMatchObject({ url: `${site.url}/js/list/1`, status: 200, tier: 'browser' });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = text(res.body);
    for (const t of titles) expect(html).toContain(t);
    expect(html).toContain('data-rendered="true"');
    expect(res.ms).toBeGreaterThan(0);
    expect(res.screenshot).toBeUndefined();
  });

  it('reports the document a script moved the page to: its URL, status and headers', async () => {
    const res = await fetcher.fetch({ ...req(''), url: `${local.url}/moves` });
    expect(res.url).toBe(`${local.url}/moved`);
    expect(res.status).toBe(203);
    expect(res.headers['x-document']).toBe('moved');
    expect(text(res.body)).toContain('the page moved here');
  });

  it('waits for a selector, or fails with TIMEOUT naming it', async () => {
    const waited = await fetcher.fetch({ ...req(''), url: `${local.url}/late`, browser: { waitForSelector: '#late' } });
    expect(text(waited.body)).toContain('<p id="late">arrived</p>');

    const err = await failure(fetcher.fetch(req('/list/1', { browser: { waitForSelector: '.never-there', waitForSelectorTimeoutMs: 300 } })));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('.never-there');
  });

  it('waits a fixed time when asked (waitMs)', async () => {
    const res = await fetcher.fetch({ ...req(''), url: `${local.url}/late`, browser: { waitMs: 1500 } });
    expect(text(res.body)).toContain('arrived');
  });

  it('blocks images: none reach the server, while an unblocked render loads them', async () => {
    site.resetStats();
    await fetcher.fetch(req('/list/2'));
    expect(site.hits('/static/img/')).toBeGreaterThan(0);
    site.resetStats();
    const res = await fetcher.fetch(req('/list/2', { browser: { blockResources: ['image', 'font', 'stylesheet'] } }));
    expect(site.hits('/static/img/')).toBe(0);
    expect(site.hits('/list/2')).toBe(1);
    expect(text(res.body)).toContain(site.truth.listing(2)[0]?.sku);
  });

  it('blocks well-known tracker hosts', async () => {
    trackerHits = 0;
    await fetcher.fetch({ ...req(''), url: `${local.url}/` });
    expect(trackerHits).toBe(1);
    const res = await fetcher.fetch({ ...req(''), url: `${local.url}/`, browser: { blockResources: ['tracker'] } });
    expect(trackerHits).toBe(1);
    expect(text(res.body)).toContain('content');
  });

  it('takes PNG screenshots of the viewport, the full page and one element', async () => {
    const viewport = await fetcher.fetch(req('/list/1', { browser: { screenshot: 'viewport' } }));
    expect(pngSize(viewport.screenshot as Uint8Array)).toEqual({ width: 1280, height: 720 });
    expect(viewport.screenshot?.length).toBeGreaterThan(5_000);
    const full = await fetcher.fetch(req('/list/1', { browser: { screenshot: 'fullPage' } }));
    expect(pngSize(full.screenshot as Uint8Array).height).toBeGreaterThan(720);
    const element = await fetcher.fetch(req('/list/1', { browser: { screenshot: { selector: 'article.product' } } }));
    const size = pngSize(element.screenshot as Uint8Array);
    expect(size.width).toBeLessThan(1280);
    expect(size.width).toBeGreaterThan(50);
  });

  it('sends the request headers with the navigation', async () => {
    site.resetStats();
    await fetcher.fetch(req('/list/3', { headers: { 'x-scrapifie-test': 'yes' } }));
    const logged = site.requestLog().find((r) => r.path === '/list/3');
    expect(logged?.headers['x-scrapifie-test']).toBe('yes');
  });
});
