import type { BrowserPool } from '@scrapifie/fetch-browser';
import { SCROLL_TOTAL, startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesignerSession, buildRecipe, confirmPagination, detectPagination, type PaginationOption } from '../src/index.ts';
import { loadMorePage } from './fixtures/pages.ts';
import { pointOf, servePages, testPool, type LocalSite } from './helpers/env.ts';

/** The elements a pagination option's selector matches, as "tag.class" strings. */
async function matched(session: DesignerSession, o: PaginationOption): Promise<string[]> {
  const css = o.selector?.css;
  if (!css) throw new Error(`option ${o.kind} has no CSS selector`);
  return session.page.$$eval(css, (els) => els.map((e) => `${e.localName}${e.className ? `.${e.className}` : ''}:${e.textContent?.trim()}`));
}

describe('pagination detection', () => {
  let site: TestSite;
  let local: LocalSite;
  let pool: BrowserPool;
  beforeAll(async () => {
    site = await startTestSite({ pages: 12 });
    local = await servePages({ '/more': loadMorePage() });
    pool = await testPool();
  });
  afterAll(async () => {
    await pool?.close();
    await local?.close();
    await site?.close();
  });

  it('proposes the a.next link on /list/1, offers the numbered pager, and a click confirms either', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/list/1` });
    try {
      const proposal = await detectPagination(session, { items: { css: 'article.product' } });
      expect(proposal.best?.kind).toBe('next');
      expect(await matched(session, proposal.best as PaginationOption)).toEqual(['a.next:Next']);
      expect(proposal.best?.recipe).toEqual({ pagination: { next: proposal.best?.selector } });
      const pager = proposal.options.find((o) => o.kind === 'pager');
      expect(pager).toBeDefined();
      const pagerLinks = await matched(session, pager as PaginationOption);
      expect(pagerLinks).toEqual(expect.arrayContaining(['a:2', 'a:3', 'a:4', 'a:12']));
      expect(pagerLinks.every((l) => l.startsWith('a'))).toBe(true);

      const next = await pointOf(session.page, 'a.next');
      expect((await confirmPagination(session, proposal, next.x, next.y)).kind).toBe('next');
      const three = await pointOf(session.page, 'nav.pagination a', 2);
      const chosen = await confirmPagination(session, proposal, three.x, three.y);
      expect(chosen.kind).toBe('pager');
      const recipe = buildRecipe({
        name: 'pager', url: `${site.url}/list/1`, pagination: chosen.recipe,
        page: { items: { css: 'article.product', fields: { title: { css: 'h2 a', take: 'text', many: false, transforms: [], required: false } } } },
      });
      expect(recipe.page.pagination?.pager).toEqual(chosen.selector);
      // Nothing was clicked on the page: confirming only names the control.
      expect(session.url).toBe(`${site.url}/list/1`);
    } finally {
      await session.close();
    }
  });

  it('finds infinite scroll on /scroll by scrolling, and proposes an infiniteScroll step', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/scroll` });
    try {
      await session.page.waitForSelector('article.product');
      await session.page.waitForFunction(() => document.body.dataset.loaded === '20');
      const items = { css: 'article.product' };
      const proposal = await detectPagination(session, { items, idleMs: 5000 });
      expect(proposal.best?.kind).toBe('infiniteScroll');
      expect(proposal.best?.recipe.actions).toEqual([{ action: 'infiniteScroll', items }]);
      expect(proposal.best?.matches).toBeGreaterThan(20);
      expect(proposal.best?.matches).toBeLessThanOrEqual(SCROLL_TOTAL);
    } finally {
      await session.close();
    }
  });

  it('says there is no infinite scroll on a page that does not grow', async () => {
    const session = await DesignerSession.open({ pool, url: `${site.url}/item/3` });
    try {
      const proposal = await detectPagination(session, { probeScroll: 'always', idleMs: 800 });
      expect(proposal.options.some((o) => o.kind === 'infiniteScroll')).toBe(false);
    } finally {
      await session.close();
    }
  });

  it('finds a "load more" button, and the step it proposes is a valid recipe action', async () => {
    const session = await DesignerSession.open({ pool, url: `${local.url}/more` });
    try {
      const items = { css: 'li.entry' };
      const proposal = await detectPagination(session, { items });
      expect(proposal.best?.kind).toBe('loadMore');
      expect(proposal.best?.recipe.actions).toEqual([{ action: 'loadMore', ...proposal.best?.selector, items }]);
      const recipe = buildRecipe({ name: 'more', url: `${local.url}/more`, page: { items: { ...items, fields: { text: { take: 'text', many: false, transforms: [], required: false } } } }, pagination: proposal.best?.recipe, fetchMode: 'http' });
      expect(recipe.fetch.mode).toBe('browser');
      expect(recipe.page.actions?.[0]?.action).toBe('loadMore');
    } finally {
      await session.close();
    }
  });
});
