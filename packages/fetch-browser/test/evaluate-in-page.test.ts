import { InvalidInputError, PageSpecSchema, RetryableError } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool, evaluateInPage } from '../src/index.ts';
import { CHROMIUM, failure } from './helpers.ts';

const listingSpec = PageSpecSchema.parse({
  items: {
    css: 'article.product',
    fields: {
      title: { css: 'h2 a' },
      url: { css: 'h2 a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
      sku: { take: 'attr', attr: 'data-sku' },
    },
  },
  pagination: { next: { css: 'a.next' } },
});

describe('evaluateInPage', () => {
  let site: TestSite;
  let pool: BrowserPool;
  beforeAll(async () => {
    site = await startTestSite({ pages: 10 });
    pool = new BrowserPool({ executablePath: CHROMIUM, maxBrowsers: 1, launchTimeoutMs: 20_000 });
  });
  afterAll(async () => {
    await pool?.close();
    await site?.close();
  });

  it('extracts the rows and the next page of a JS-rendered listing, in the live page', async () => {
    const lease = await pool.acquirePage();
    try {
      const url = `${site.url}/js/list/2`;
      await lease.page.goto(url);
      await lease.page.waitForSelector('article.product');
      const outcome = await evaluateInPage(lease.page, listingSpec, 'page', { url, depth: 0 });
      expect(outcome.rows).toEqual(site.truth.listing(2).map((it) => ({ title: it.title, url: it.url, sku: it.sku })));
      expect(outcome.dropped).toEqual([]);
      expect(outcome.requests).toMatchObject([{ url: `${site.url}/js/list/3`, kind: 'pagination', specPath: 'page' }]);
      // The bundle is installed once and reused on the next evaluation of the same page.
      const again = await evaluateInPage(lease.page, listingSpec, 'page', { url, depth: 0 });
      expect(again.rows).toHaveLength(site.truth.itemsPerPage);
    } finally {
      await lease.release();
    }
  });

  it('reports a bad selector as invalid input and a closed page as retryable', async () => {
    const lease = await pool.acquirePage();
    const url = `${site.url}/list/1`;
    await lease.page.goto(url);
    const bad = PageSpecSchema.parse({ fields: { title: { css: 'h1[[' } } });
    const err = await failure(evaluateInPage(lease.page, bad, 'page', { url, depth: 0 }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toContain('h1[[');

    await lease.page.close();
    const closed = await failure(evaluateInPage(lease.page, listingSpec, 'page', { url, depth: 0 }));
    expect(closed).toBeInstanceOf(RetryableError);
    expect(closed.code).toBe('CONNECTION_ERROR');
    await lease.release();
  });
});
