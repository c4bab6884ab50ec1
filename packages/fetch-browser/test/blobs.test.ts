import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserFetcher, DirectoryBlobSink, MemoryBlobSink, type BrowserFetchRequest } from '../src/index.ts';
import { CHROMIUM, failure, pngSize, text } from './helpers.ts';

describe('screenshots and rendered HTML as blobs', () => {
  let site: TestSite;
  let dir: string;
  const sink = new MemoryBlobSink();
  let fetcher: BrowserFetcher;
  let toDisk: BrowserFetcher;
  const req = (path: string, over: Partial<BrowserFetchRequest> = {}): BrowserFetchRequest => ({
    url: site.url + path, timeoutMs: 20_000, maxRedirects: 5, maxBodyBytes: 10 << 20, impersonate: 'chrome', blobTags: { run: 'r7' }, ...over,
  });

  beforeAll(async () => {
    site = await startTestSite({ pages: 3 });
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-blobs-'));
    const poolOptions = { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 20_000 };
    fetcher = new BrowserFetcher({ poolOptions, blobSink: sink, defaults: { waitForSelector: 'article.product' } });
    toDisk = new BrowserFetcher({ pool: fetcher.pool, blobSink: new DirectoryBlobSink(dir) });
  });
  afterAll(async () => {
    await toDisk?.close();
    await fetcher?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a viewport, a full-page and an element screenshot and the rendered HTML on request', async () => {
    sink.blobs.length = 0;
    const viewport = await fetcher.fetch(req('/js/list/1', { browser: { screenshot: 'viewport', html: true } }));
    await fetcher.fetch(req('/js/list/1', { browser: { screenshot: 'fullPage' } }));
    await fetcher.fetch(req('/js/list/1', { browser: { screenshot: { selector: 'article.product' } } }));
    const shots = sink.blobs.filter((b) => b.kind === 'screenshot');
    expect(shots.map((b) => b.trigger)).toEqual(['requested', 'requested', 'requested']);
    const [vp, full, element] = shots.map((b) => pngSize(b.body));
    expect(vp).toEqual({ width: 1280, height: 720 });
    expect(full?.height).toBeGreaterThan(720);
    expect(element?.width).toBeLessThan(1280);
    expect(viewport.screenshot && pngSize(viewport.screenshot)).toEqual(vp);
    const html = sink.blobs.filter((b) => b.kind === 'html');
    expect(html).toHaveLength(1);
    expect(html[0]).toMatchObject({ url: `${site.url}/js/list/1`, contentType: 'text/html; charset=utf-8', tags: { run: 'r7' } });
    expect(text(html[0]?.body ?? new Uint8Array())).toContain(site.truth.listing(1)[0]?.sku);
  });

  it('captures what a failed page looked like, with the error', async () => {
    sink.blobs.length = 0;
    const err = await failure(fetcher.fetch(req('/list/1', { browser: { waitForSelector: '#never', waitForSelectorTimeoutMs: 300 } })));
    expect(err.code).toBe('TIMEOUT');
    expect(sink.blobs.map((b) => `${b.trigger}:${b.kind}`).sort()).toEqual(['failure:html', 'failure:screenshot']);
    expect(sink.blobs[0]?.error).toEqual({ code: 'TIMEOUT', message: err.message });
    expect(text(sink.blobs.find((b) => b.kind === 'html')?.body ?? new Uint8Array())).toContain(site.truth.listing(1)[0]?.sku);
    // Asked not to, it keeps nothing.
    sink.blobs.length = 0;
    await failure(fetcher.fetch(req('/list/1', { browser: { waitForSelector: '#never', waitForSelectorTimeoutMs: 200, captureOnFailure: false } })));
    expect(sink.blobs).toEqual([]);
  });

  it('writes blobs and their details to a directory', async () => {
    await toDisk.fetch(req('/list/2', { browser: { screenshot: 'viewport' } }));
    const files = readdirSync(dir).sort();
    expect(files.map((f) => f.replace(/^.*-requested-/, ''))).toEqual(['screenshot.json', 'screenshot.png']);
    const meta = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8'));
    expect(meta).toMatchObject({ url: `${site.url}/list/2`, kind: 'screenshot', trigger: 'requested', tags: { run: 'r7' } });
    expect(pngSize(readFileSync(join(dir, files[1] as string)))).toEqual({ width: 1280, height: 720 });
  });
});
