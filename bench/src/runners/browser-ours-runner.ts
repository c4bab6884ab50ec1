// Child process: renders the JS-built fixture listings /js/list/1..N with Scrapifie's engine on the browser tier
// (BrowserFetcher, rows extracted from the rendered HTML, durable SQLite store) and reports a JSON line.
// argv: <siteUrl> <pages> <concurrency> <chromiumPath> <dbPath> <contexts: shared|isolated>
import { runCrawl } from '@scrapifie/engine';
import { BrowserFetcher } from '@scrapifie/fetch-browser';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { parseRecipe } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { jsListingRecipe } from '../lib/browser-recipe.ts';

const [siteUrl, pagesArg, concurrencyArg, chromium, dbPath, contexts] = process.argv.slice(2);
if (!siteUrl || !pagesArg || !concurrencyArg || !chromium || !dbPath || !contexts) throw new Error('usage: browser-ours-runner <siteUrl> <pages> <concurrency> <chromiumPath> <dbPath> <shared|isolated>');
const pages = Number(pagesArg);
const concurrency = Number(concurrencyArg);
const store = openSqliteStore(dbPath);
const http = new HttpFetcher();
const browser = new BrowserFetcher({
  poolOptions: { executablePath: chromium, maxBrowsers: 1, maxPagesPerBrowser: concurrency, recycleAfterPages: 1000 },
  defaults: { waitForSelector: 'article.product' },
  shareContexts: contexts === 'shared',
});
const started = performance.now();
const summary = await runCrawl({ recipe: parseRecipe(jsListingRecipe(siteUrl, pages, concurrency)), store, fetchers: { http, browser } });
const wallMs = performance.now() - started;
await browser.close();
await http.close();
await store.close();
process.stdout.write(`${JSON.stringify({ status: summary.status, pages: summary.progress.pagesDone, items: summary.progress.items, failed: summary.progress.pagesFailed, wallMs })}\n`);
