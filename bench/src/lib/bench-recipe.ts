/** The five fields of each of a listing page's 20 items (the HTTP and the browser benchmarks' work alike). */
export const listingItems = {
  css: 'article.product',
  fields: {
    title: { css: 'h2 a', transforms: ['trim'] },
    price: { css: '.price', transforms: ['price'] },
    rating: { css: '.rating', take: 'attr', attr: 'data-rating', transforms: ['number'] },
    category: { css: '.category', transforms: ['trim'] },
    url: { css: 'h2 a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
  },
};

function listingWork(concurrency: number) {
  return {
    fetch: { mode: 'http', retry: { maxAttempts: 3, baseDelayMs: 100 } },
    politeness: { maxConcurrency: concurrency, perDomainConcurrency: concurrency, rateLimit: { requests: 100_000, perSeconds: 1, adaptive: true } },
  };
}

/** The benchmark crawl, the same work for every crawler: every listing page reached through the numbered pager,
 *  the five fields of each of its 20 items. robots.txt is read (one request) but allows /list/. */
export function benchRecipe(startUrl: string, concurrency: number): unknown {
  return {
    version: 1,
    name: 'bench: fixture listing',
    start: { urls: [startUrl] },
    ...listingWork(concurrency),
    page: { items: listingItems, pagination: { pager: { css: 'nav.pagination a' } } },
  };
}

/** The same pages and fields as a job over an input list: every listing page's URL given up front, no pager to follow.
 *  All of the work is known at the start (the seeds' batch job), so it shows how far more workers carry one run; the
 *  pager crawl can never have more than a handful of pages in flight (the pager shows 3 pages either side). */
export function benchListRecipe(baseUrl: string, pages: number, concurrency: number): unknown {
  return {
    version: 1,
    name: 'bench: fixture listing as an input list',
    start: { urls: Array.from({ length: pages }, (_, i) => `${baseUrl}/list/${i + 1}`) },
    ...listingWork(concurrency),
    page: { items: listingItems },
  };
}
