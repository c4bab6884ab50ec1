// `npm run bench:auto-mix` — fetch mode "auto" on a mixed site against browser-only, in one run: N listing pages,
// every fifth one the JS-rendered /js/list/:n (a shell that needs Chromium), the rest the static /list/:n.
// "auto" starts each page on the HTTP tier (impit) and escalates the shells to the browser tier; "browser" renders
// every page in Chromium. Same Chromium, same pool size, same concurrency, a fresh SQLite store each.
// Options: --pages N (default 200) --concurrency N (default 4) --browsers N (default 1)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { detectBlock } from '@scrapifie/antibot';
import { runCrawl, type RunSummary } from '@scrapifie/engine';
import { BrowserFetcher } from '@scrapifie/fetch-browser';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { parseRecipe } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { startSiteProcess } from './lib/site-process.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '4' }, browsers: { type: 'string', default: '1' } } });
const PAGES = Number(values.pages);
const CONC = Number(values.concurrency);
const BROWSERS = Number(values.browsers);
for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

/** Page n of the mix: every fifth page is JS-rendered (20 %), the others static (80 %). */
const pathOf = (n: number): string => (n % 5 === 0 ? `/js/list/${n}` : `/list/${n}`);

function recipe(siteUrl: string, mode: 'auto' | 'browser') {
  return parseRecipe({
    version: 1,
    name: `auto-mix ${mode}`,
    start: { urls: Array.from({ length: PAGES }, (_, i) => siteUrl + pathOf(i + 1)) },
    page: { items: { css: 'article.product', fields: { title: { css: 'h2 a' }, price: { css: '.price', transforms: ['price'] }, url: { css: 'h2 a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] } } } },
    // In browser-only mode the page is read once the items are there (as "auto" does on its browser tier).
    fetch: { mode, timeoutMs: 30_000, ...(mode === 'browser' ? { browser: { waitForSelector: 'article.product' } } : {}) },
    politeness: { maxConcurrency: CONC, perDomainConcurrency: CONC, rateLimit: { requests: 1_000_000, perSeconds: 1 } },
  });
}

interface Result { mode: string; summary: RunSummary; seconds: number; cpuSeconds: number }

async function crawl(siteUrl: string, mode: 'auto' | 'browser'): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-auto-mix-'));
  const store = openSqliteStore(join(dir, 'runs.db'));
  const http = new HttpFetcher();
  const browser = new BrowserFetcher({ poolOptions: { maxBrowsers: BROWSERS, maxPagesPerBrowser: Math.ceil(CONC / BROWSERS) } });
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  try {
    const summary = await runCrawl({
      recipe: recipe(siteUrl, mode),
      store,
      fetchers: { http, browser },
      blockDetector: detectBlock,
    });
    const cpu = process.cpuUsage(cpu0);
    return { mode, summary, seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await Promise.all([http.close(), browser.close(), store.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const site = await startSiteProcess(PAGES);
try {
  console.error(`fixture site: ${site.url}; ${PAGES} pages (${PAGES / 5} JS-rendered), concurrency ${CONC}, ${BROWSERS} browser(s), ${cpus().length} cores`);
  const results: Result[] = [];
  for (const mode of ['auto', 'browser'] as const) {
    console.error(`… ${mode}`);
    results.push(await crawl(site.url, mode));
  }
  console.log(`\n${'mode'.padEnd(10)}${'pages'.padStart(7)}${'items'.padStart(8)}${'failed'.padStart(8)}${'s'.padStart(8)}${'pages/s'.padStart(9)}${'CPU s*'.padStart(8)}  per tier (pages / fetches / MB / fetch-seconds)`);
  for (const r of results) {
    const p = r.summary.progress;
    const tiers = Object.entries(r.summary.cost?.byTier ?? {})
      .filter(([, c]) => c.fetches > 0)
      .map(([t, c]) => `${t} ${c.pages}/${c.fetches}/${(c.bytes / 1e6).toFixed(1)}/${(c.ms / 1000).toFixed(1)}`)
      .join(', ');
    console.log(`${r.mode.padEnd(10)}${String(p.pagesDone).padStart(7)}${String(p.items).padStart(8)}${String(p.pagesFailed).padStart(8)}${r.seconds.toFixed(1).padStart(8)}${(p.pagesDone / r.seconds).toFixed(1).padStart(9)}${r.cpuSeconds.toFixed(1).padStart(8)}  ${tiers}`);
    if (p.items !== PAGES * 20 || p.pagesFailed > 0) console.error(`WARNING: ${r.mode} stored ${p.items} items (expected ${PAGES * 20}), ${p.pagesFailed} failed pages`);
  }
  const [auto, browser] = results as [Result, Result];
  const ratio = auto.summary.progress.pagesDone / auto.seconds / (browser.summary.progress.pagesDone / browser.seconds);
  console.log(`\nauto / browser-only: ${ratio.toFixed(2)}x pages/s   (*CPU of this process only; Chromium's is not counted)`);
} finally {
  await site.stop();
}
