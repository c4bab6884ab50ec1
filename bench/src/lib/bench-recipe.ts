/** The benchmark crawl, the same work for every crawler: every listing page reached through the numbered pager,
 *  the five fields of each of its 20 items. robots.txt is read (one request) but allows /list/. */
export function benchRecipe(startUrl: string, concurrency: number): unknown {
  return {
    version: 1,
    name: 'bench: fixture listing',
    start: { urls: [startUrl] },
    fetch: { mode: 'http', retry: { maxAttempts: 3, baseDelayMs: 100 } },
    page: {
      items: {
        css: 'article.product',
        fields: {
          title: { css: 'h2 a', transforms: ['trim'] },
          price: { css: '.price', transforms: ['price'] },
          rating: { css: '.rating', take: 'attr', attr: 'data-rating', transforms: ['number'] },
          category: { css: '.category', transforms: ['trim'] },
          url: { css: 'h2 a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
        },
      },
      pagination: { pager: { css: 'nav.pagination a' } },
    },
    politeness: { maxConcurrency: concurrency, perDomainConcurrency: concurrency, rateLimit: { requests: 100_000, perSeconds: 1, adaptive: true } },
  };
}
