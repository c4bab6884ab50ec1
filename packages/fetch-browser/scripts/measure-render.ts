/**
 * Throughput and memory of the browser tier on the fixture site (a measurement, not a test):
 *   [SCRAPIFIE_CHROMIUM=/path] node packages/fetch-browser/scripts/measure-render.ts [pages=100] [concurrency=4] [maxPagesPerBrowser=3] [block=0|1]
 * Renders /js/list/1..N (JS-built listings), `concurrency` fetches at a time, and reports pages/s and the PSS of
 * the pool's Chromium process trees (sampled while rendering; the largest sample and the one at the end).
 */
import { startTestSite } from '@scrapifie/testsite';
import { BrowserFetcher, type BrowserFetchOptions } from '../src/index.ts';

const [pages = 100, concurrency = 4, perBrowser = 3, block = 0] = process.argv.slice(2).map(Number);
const site = await startTestSite({ pages });
const chromiumPath = process.env.SCRAPIFIE_CHROMIUM; // else the pool's default resolution
const fetcher = new BrowserFetcher({
  poolOptions: { ...(chromiumPath ? { executablePath: chromiumPath } : {}), maxPagesPerBrowser: perBrowser },
});
const browser: BrowserFetchOptions = { waitForSelector: 'article.product', ...(block ? { blockResources: ['image', 'font', 'stylesheet'] } : {}) };
const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;

try {
  // Warm-up: launch the browsers outside the timed part.
  await Promise.all(Array.from({ length: concurrency }, () => fetcher.fetch({
    url: `${site.url}/js/list/1`, timeoutMs: 30_000, maxRedirects: 5, maxBodyBytes: 10 << 20, impersonate: 'chrome', browser,
  })));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, fetcher.pool.memory().pssBytes)), 250);
  let next = 1;
  let rendered = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next <= pages) {
      const n = next++;
      const res = await fetcher.fetch({
        url: `${site.url}/js/list/${n}`, timeoutMs: 30_000, maxRedirects: 5, maxBodyBytes: 10 << 20, impersonate: 'chrome', browser,
      });
      const expected = site.truth.listing(n)[0]?.sku ?? '';
      if (!new TextDecoder().decode(res.body).includes(expected)) throw new Error(`page ${n} rendered without its products`);
      rendered++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const end = fetcher.pool.memory();
  console.log(JSON.stringify({
    chromium: fetcher.pool.options.executablePath, pages: rendered, concurrency, maxPagesPerBrowser: perBrowser, blockResources: Boolean(block),
    seconds: Number(seconds.toFixed(2)), pagesPerSecond: Number((rendered / seconds).toFixed(2)),
    stats: fetcher.pool.stats(), processes: end.processes, pssAtEnd: mib(end.pssBytes), pssPeak: mib(Math.max(peak, end.pssBytes)),
  }));
} finally {
  await fetcher.close();
  await site.close();
}
