import { extractStatic } from '@scrapifie/extract';
import { PageSpecSchema } from '@scrapifie/recipe';
import type { Item } from '@scrapifie/testsite';
import type { BrowserFetchResponse } from '../src/index.ts';

/** The fixture shop's product listing as a recipe page: what tests compare with the ground truth. */
export const LISTING_SPEC = PageSpecSchema.parse({
  items: {
    css: 'article.product',
    fields: {
      title: { css: 'h2 a' },
      price: { css: '.price', transforms: ['price'] },
      url: { css: 'h2 a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
      sku: { take: 'attr', attr: 'data-sku' },
    },
  },
});

export function truthRows(items: readonly Item[]): Array<Record<string, unknown>> {
  return items.map((it) => ({ title: it.title, price: it.price, url: it.url, sku: it.sku }));
}

/** The rows the engine would extract from a fetched page (the static evaluator over the rendered HTML). */
export function rowsOf(res: BrowserFetchResponse): Array<Record<string, unknown>> {
  return extractStatic(LISTING_SPEC, 'page', res.body, { url: res.url, depth: 0, contentType: res.headers['content-type'] }).rows;
}
