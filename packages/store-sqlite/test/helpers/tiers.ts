import { detectBlock } from '@scrapifie/antibot';
import { BrowserFetcher } from '@scrapifie/fetch-browser';
import { HttpFetcher } from '@scrapifie/fetch-http';
import type { StoredResult } from '@scrapifie/engine';
import { parseRecipe, type Recipe, type RecipeInput } from '@scrapifie/recipe';
import type { TestSite } from '@scrapifie/testsite';

// impit and Chromium would apply proxy variables even to 127.0.0.1: these suites talk to loopback only.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

/** The Chromium the tests launch: SCRAPIFIE_CHROMIUM, else the system package's. */
export const CHROMIUM = process.env.SCRAPIFIE_CHROMIUM ?? '/usr/bin/chromium';

export { detectBlock };

/** The real HTTP tier (impit) and browser tier (Chromium, one browser, two pages at a time). */
export function realFetchers(): { http: HttpFetcher; browser: BrowserFetcher; close(): Promise<void> } {
  const http = new HttpFetcher();
  const browser = new BrowserFetcher({ poolOptions: { executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 30_000 } });
  return { http, browser, close: async () => void (await Promise.all([http.close(), browser.close()])) };
}

/** The fixture shop's listing (title and absolute link of every product), on the given pages, two at a time. */
export function listingRecipe(urls: string[], extra: Partial<RecipeInput> = {}): Recipe {
  return parseRecipe({
    version: 1,
    name: 'tiered listing',
    start: { urls },
    page: {
      items: {
        css: 'article.product',
        fields: {
          title: { css: 'h2.product-title a', required: true },
          link: { css: 'h2.product-title a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
        },
      },
    },
    fetch: { timeoutMs: 20_000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, multiplier: 2 } },
    politeness: { maxConcurrency: 2, perDomainConcurrency: 2, rateLimit: { requests: 100_000, perSeconds: 1, adaptive: true } },
    ...extra,
  });
}

/** The ground-truth rows of listing page `n` (every variant of the listing shows the same products). */
export function truthRows(site: TestSite, n: number): Array<Record<string, unknown>> {
  return site.truth.listing(n).map((it) => ({ title: it.title, link: it.url }));
}

/** Stored rows grouped by the page URL they came from, in document order. */
export function rowsByPage(rows: StoredResult[]): Map<string, StoredResult[]> {
  const out = new Map<string, StoredResult[]>();
  for (const r of rows) out.set(r.url, [...(out.get(r.url) ?? []), r]);
  return out;
}
