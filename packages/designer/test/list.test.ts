import type { BrowserPool } from '@scrapifie/fetch-browser';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesignerSession, ListDesigner, LivePreview, buildRecipe } from '../src/index.ts';
import { pointOf, testPool } from './helpers/env.ts';

describe('list designer on the fixture listing', () => {
  let site: TestSite;
  let pool: BrowserPool;
  let session: DesignerSession;
  beforeAll(async () => {
    site = await startTestSite({ pages: 5 });
    pool = await testPool();
    session = await DesignerSession.open({ pool, url: `${site.url}/list/1` });
  });
  afterAll(async () => {
    await session?.close();
    await pool?.close();
    await site?.close();
  });

  it('selects exactly the 20 products with one click on a title, and builds fields that extract the ground truth', async () => {
    const list = new ListDesigner(session);
    const title = await pointOf(session.page, 'article.product h2 a', 0);
    const selection = await list.select(title.x, title.y);
    expect(selection.count).toBe(20);
    const css = selection.selector.css ?? '';
    // The selector picks exactly the product cards, in page order.
    const ids = await session.page.$$eval(css, (els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).toEqual(site.truth.listing(1).map((it) => String(it.id)));
    expect(selection.fallbacks.length).toBeGreaterThan(0);
    expect(await session.inPage('drawnBoxes')).toBeGreaterThan(0);

    const at = (css: string) => pointOf(session.page, css, 0);
    const p = await at('article.product h2 a');
    expect((await list.addField(p.x, p.y)).name).toBe('title');
    expect((await list.addField(p.x, p.y, { kind: 'link' })).name).toBe('url');
    const price = await at('article.product .price');
    const priceField = await list.addField(price.x, price.y, { name: 'priceText' });
    expect(priceField.coverage).toBe(20);
    const category = await at('article.product .category');
    expect((await list.addField(category.x, category.y)).name).toBe('category');
    const rating = await at('article.product .rating');
    const ratingField = await list.addField(rating.x, rating.y, { kind: 'attribute', attr: 'data-rating' });
    expect(ratingField.name).toBe('rating');
    await list.setField('rating', { ...ratingField.field, transforms: ['number'] });
    // An attribute the clicked text does not have is looked up on its parents: the card's data-sku, read from the
    // item element itself (a field without a selector).
    const delivery = await at('article.product .delivery');
    const skuField = await list.addField(delivery.x, delivery.y, { kind: 'attribute', attr: 'data-sku' });
    expect(skuField.name).toBe('sku');
    expect(skuField.field.css ?? skuField.field.xpath).toBeUndefined();

    const preview = new LivePreview(session);
    preview.update(list.pageSpec());
    const result = await preview.settled();
    expect(result.error).toBeUndefined();
    expect(result.rows).toEqual(
      site.truth.listing(1).map((it) => ({ title: it.title, url: it.url, priceText: it.priceText, category: it.category, rating: it.rating, sku: it.sku })),
    );
    // The designed list is a valid recipe, the JSON the CLI runs.
    const recipe = buildRecipe({ name: 'products', url: `${site.url}/list/1`, page: list.pageSpec(), fetchMode: 'http' });
    expect(recipe.page.items?.css ?? recipe.page.items?.xpath).toBeDefined();
    expect(Object.keys(recipe.page.items?.fields ?? {})).toEqual(['title', 'url', 'priceText', 'category', 'rating', 'sku']);
  });

  it('draws highlights without moving anything on the page', async () => {
    await session.clearHighlights();
    // Boxes in document coordinates (scrolling to the element moves the viewport, not the layout).
    const layout = () => session.page.$$eval('article.product, nav.pagination, footer', (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return [r.left + scrollX, r.top + scrollY, r.width, r.height].join(',');
      }).concat(String(document.documentElement.scrollHeight)));
    const before = await layout();
    const list = new ListDesigner(session);
    const p = await pointOf(session.page, 'article.product .price', 3);
    await session.hover(p.x, p.y);
    await list.select(p.x, p.y);
    expect(await session.inPage('drawnBoxes')).toBeGreaterThan(1);
    expect(await layout()).toEqual(before);
    // The overlay is not part of the page's content: no selector of the body can meet it.
    expect(await session.page.$$eval('body *', (els) => els.filter((e) => e.localName.startsWith('scrapifie')).length)).toBe(0);
  });

  it('previews a debounced burst of changes once, with the newest draft', async () => {
    const seen: number[] = [];
    const preview = new LivePreview(session, { debounceMs: 100, onResult: (r) => seen.push(r.version) });
    const spec = (field: string) => ({ items: { css: 'article.product', fields: { [field]: { css: `.${field}` } } } });
    preview.update(spec('price'));
    preview.update(spec('category'));
    const last = preview.update(spec('summary'));
    const result = await preview.settled();
    expect(result.version).toBe(last);
    expect(seen).toEqual([last]);
    expect(result.rows).toHaveLength(20);
    expect(Object.keys(result.rows[0] ?? {})).toEqual(['summary']);
    preview.update({ items: { css: 'article.product' } });
    const bad = await preview.settled();
    expect(bad.error?.code).toBe('INVALID_RECIPE');
    expect(bad.error?.message).toMatch(/fields/);
    expect(bad.rows).toEqual([]);
    preview.close();
  });
});
