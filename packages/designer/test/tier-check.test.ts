import type { BrowserPool } from '@scrapifie/fetch-browser';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesignerSession, ListDesigner, buildRecipe, checkTiers, detectPagination } from '../src/index.ts';
import { nodeFetcher, pointOf, testPool } from './helpers/env.ts';

/** Designs the listing at `path` by clicks (title, url, price) and its next link, as a user would. */
async function designListing(pool: BrowserPool, url: string) {
  const session = await DesignerSession.open({ pool, url });
  await session.page.waitForSelector('article.product');
  const list = new ListDesigner(session);
  const title = await pointOf(session.page, 'article.product h2 a', 0);
  await list.select(title.x, title.y);
  await list.addField(title.x, title.y);
  await list.addField(title.x, title.y, { kind: 'link' });
  const price = await pointOf(session.page, 'article.product .price', 0);
  await list.addField(price.x, price.y);
  const pagination = await detectPagination(session);
  const spec = { ...list.pageSpec(), pagination: { ...pagination.best?.recipe.pagination } };
  return { session, list, spec, pagination };
}

describe('tier check', () => {
  let site: TestSite;
  let pool: BrowserPool;
  beforeAll(async () => {
    site = await startTestSite({ pages: 5 });
    pool = await testPool();
  });
  afterAll(async () => {
    await pool?.close();
    await site?.close();
  });

  it('says every field of /list/1 works without a browser, and proposes the http mode', async () => {
    const { session, spec } = await designListing(pool, `${site.url}/list/1`);
    try {
      const report = await checkTiers(session, spec, nodeFetcher());
      expect(report.status).toBe(200);
      expect(report.items).toEqual({ live: 20, static: 20 });
      expect(report.fields.map((f) => [f.field, f.label])).toEqual([
        ['title', 'works without a browser'], ['url', 'works without a browser'], ['price', 'works without a browser'],
      ]);
      expect(report.pagination?.tier).toBe('http');
      expect(report.mode).toBe('http');
      const recipe = buildRecipe({ name: 'list', url: `${site.url}/list/1`, page: spec, fetchMode: report.mode });
      expect(recipe.fetch.mode).toBe('http');
    } finally {
      await session.close();
    }
  });

  it('says the fields of the JS-rendered /js/list/1 need a browser, and proposes the browser mode', async () => {
    const { session, spec } = await designListing(pool, `${site.url}/js/list/1`);
    try {
      const report = await checkTiers(session, spec, nodeFetcher());
      expect(report.items).toEqual({ live: 20, static: 0 });
      expect(report.fields.map((f) => f.label)).toEqual(['needs a browser', 'needs a browser', 'needs a browser']);
      expect(report.fields[0]?.reason).toMatch(/static HTML has 0 items, the live page 20/);
      expect(report.mode).toBe('browser');
      expect(report.reason).toMatch(/"title", "url", "price" need a browser/);
    } finally {
      await session.close();
    }
  });
});
