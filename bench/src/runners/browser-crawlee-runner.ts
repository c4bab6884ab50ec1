// Child process: renders the JS-built fixture listings with Crawlee's PlaywrightCrawler (memory storage) on the same
// Chromium and reports a JSON line. argv: <siteUrl> <pages> <concurrency> <chromiumPath> <fingerprints: on|off>
import { Configuration, PlaywrightCrawler } from 'crawlee';
import { chromium } from 'playwright-core';
import { DEFAULT_LAUNCH_ARGS } from '@scrapifie/fetch-browser';
import { jsListingUrls } from '../lib/browser-recipe.ts';

const [siteUrl, pagesArg, concurrencyArg, executablePath, fingerprints] = process.argv.slice(2);
if (!siteUrl || !pagesArg || !concurrencyArg || !executablePath || !fingerprints) throw new Error('usage: browser-crawlee-runner <siteUrl> <pages> <concurrency> <chromiumPath> <on|off>');
const concurrency = Number(concurrencyArg);
const config = new Configuration({ persistStorage: false, purgeOnStart: true });
let pages = 0;
let items = 0;
const crawler = new PlaywrightCrawler(
  {
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestRetries: 2,
    requestHandlerTimeoutSecs: 30,
    navigationTimeoutSecs: 30,
    headless: true,
    launchContext: { launcher: chromium, launchOptions: { executablePath, args: [...DEFAULT_LAUNCH_ARGS] } },
    browserPoolOptions: { useFingerprints: fingerprints === 'on' },
    async requestHandler({ page, pushData }) {
      await page.waitForSelector('article.product');
      const rows = await page.$$eval('article.product', (els) => els.map((e) => {
        const link = e.querySelector('h2 a');
        return {
          title: (link?.textContent ?? '').trim(),
          price: Number((e.querySelector('.price')?.textContent ?? '').replace(/[^0-9.]/g, '')),
          rating: Number(e.querySelector('.rating')?.getAttribute('data-rating')),
          category: (e.querySelector('.category')?.textContent ?? '').trim(),
          url: (link as HTMLAnchorElement | null)?.href ?? '',
        };
      }));
      pages++;
      items += rows.length;
      await pushData(rows);
    },
  },
  config,
);
const started = performance.now();
await crawler.run(jsListingUrls(siteUrl, Number(pagesArg)));
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ pages, items, wallMs })}\n`);
process.exit(0);
