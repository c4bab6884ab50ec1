import { listingItems } from './bench-recipe.ts';

/** The browser benchmark's work, the same for every crawler: the N JS-built listings, the five fields of each item. */
export function jsListingUrls(siteUrl: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) => `${siteUrl}/js/list/${i + 1}`);
}

export function jsListingRecipe(siteUrl: string, pages: number, concurrency: number): unknown {
  return {
    version: 1,
    name: 'bench: JS-rendered listings',
    start: { urls: jsListingUrls(siteUrl, pages) },
    fetch: { mode: 'browser', timeoutMs: 30_000, retry: { maxAttempts: 3, baseDelayMs: 100 } },
    page: { items: listingItems },
    politeness: { maxConcurrency: concurrency, perDomainConcurrency: concurrency, rateLimit: { requests: 100_000, perSeconds: 1, adaptive: true } },
  };
}
