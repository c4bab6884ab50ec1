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
    },
    politeness: { maxConcurrency: concurrency, perDomainConcurrency: concurrency, rateLimit: { requests: 100_000, perSeconds: 1, adaptive: true } },
  };
}
