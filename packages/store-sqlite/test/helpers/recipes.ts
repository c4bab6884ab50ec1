import { parseRecipe, type Recipe, type RecipeInput } from '@scrapifie/recipe';

/** Politeness for a local test server: no rate limit to speak of, breakers out of the way. */
export const FAST = {
  maxConcurrency: 8,
  perDomainConcurrency: 8,
  rateLimit: { requests: 100_000, perSeconds: 1, adaptive: true },
} as const;

/** Retries that do not slow tests down. */
export const QUICK_RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, multiplier: 2 } as const;

const productItems = {
  css: 'article.product',
  fields: {
    title: { css: 'h2.product-title a' },
    link: { css: 'h2.product-title a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
  },
} as const;

/** The fixture shop's listing: pagination by "Next", one row per product (or merged with its detail page). */
export function shopRecipe(startUrl: string, opts: { follow?: 'merge' | 'rows'; extra?: Partial<RecipeInput> } = {}): Recipe {
  const detail = { fields: { sku: { css: '.sku' }, stock: { css: '.stock', take: 'attr', attr: 'data-stock', transforms: ['integer'] } } };
  return parseRecipe({
    version: 1,
    name: 'fixture shop',
    start: { urls: [startUrl] },
    page: {
      items: productItems,
      pagination: { next: { css: 'a.next' } },
      ...(opts.follow ? { follow: [{ field: 'link', mode: opts.follow, page: detail }] } : {}),
    },
    fetch: { timeoutMs: 10_000, retry: QUICK_RETRY },
    politeness: FAST,
    ...opts.extra,
  });
}

/** One row per page: the page's <title> (works on any HTML page). */
export function titleRecipe(urls: string[], extra: Partial<RecipeInput> = {}): Recipe {
  return parseRecipe({
    version: 1,
    name: 'titles',
    start: { urls },
    page: { fields: { title: { css: 'title' } } },
    fetch: { timeoutMs: 10_000, retry: QUICK_RETRY },
    politeness: FAST,
    ...extra,
  });
}
