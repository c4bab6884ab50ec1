import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearanceToken, CLEARANCE_COOKIE, ROBOTS_TXT, SCROLL_TOTAL, startTestSite, type Item, type TestSite } from '../src/index.ts';
import * as vocabulary from '../src/vocabulary.ts';
import { all, attr, get, one, parse, text } from './dom.ts';

/** Reads the products of a listing page the way a recipe would, resolving links against `base`. */
function extractListing(html: string, base: string): Item[] {
  return all(parse(html), 'article.product').map((el) => {
    const priceText = text(one(el, '.price'));
    return {
      id: Number(attr(el, 'data-id')),
      title: text(one(el, 'h2 a')),
      price: Number(priceText.replace(/[$,]/g, '')),
      priceText,
      rating: Number(attr(one(el, '.rating'), 'data-rating')),
      category: text(one(el, '.category')),
      url: new URL(attr(one(el, 'h2 a'), 'href') ?? '', base).toString(),
      sku: attr(el, 'data-sku') ?? '',
    };
  });
}

describe('listing pages', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 50 });
  });
  afterAll(() => site.close());

  it('serves exactly the ground-truth items on /list/:n', async () => {
    for (const n of [1, 2, 27, 50]) {
      const { status, body } = await get(`${site.url}/list/${n}`);
      expect(status).toBe(200);
      expect(extractListing(body, `${site.url}/list/${n}`)).toEqual(site.truth.listing(n));
    }
    expect(site.truth.allItems()).toHaveLength(50 * 20);
    expect(site.truth.allItems().slice(20, 40)).toEqual(site.truth.listing(2));
  });

  it('has a next link on every page but the last, and a numbered pager', async () => {
    const first = parse((await get(`${site.url}/list/1`)).body);
    expect(attr(one(first, 'a.next[rel=next]'), 'href')).toBe('/list/2');
    expect(all(first, '.pagination a').map((a) => text(a))).toEqual(['2', '3', '4', '50', 'Next']);
    const last = parse((await get(`${site.url}/list/50`)).body);
    expect(all(last, 'a.next')).toHaveLength(0);
    expect(text(one(last, '.pagination .current'))).toBe('50');
  });

  it('weighs 40 to 60 KB per listing page, all ASCII (non-ASCII text travels as character references)', async () => {
    for (const n of [1, 13, 50]) {
      const { bytes, headers } = await get(`${site.url}/list/${n}`);
      expect(bytes.length).toBeGreaterThan(40_000);
      expect(bytes.length).toBeLessThan(60_000);
      expect(Number(headers.get('content-length'))).toBe(bytes.length);
      expect(bytes.every((b) => b < 0x80)).toBe(true);
    }
    // Listing pages are sent as latin1 on the strength of this: every word they are made of is ASCII.
    const words = Object.values(vocabulary).flatMap((v) => (Array.isArray(v) ? v.flat(2) : []));
    expect(words.length).toBeGreaterThan(100);
    expect(words.filter((w) => /[^\x00-\x7f]/.test(String(w)))).toEqual([]);
  });

  it('resolves /base/list links only against <base href>, not the document URL', async () => {
    const url = `${site.url}/base/list/3`;
    const { body } = await get(url);
    const baseHref = attr(one(parse(body), 'base'), 'href') ?? '';
    const baseUrl = new URL(baseHref, url).toString();
    expect(extractListing(body, baseUrl)).toEqual(site.truth.listing(3));
    const next = attr(one(parse(body), 'a.next'), 'href') ?? '';
    expect((await get(new URL(next, baseUrl).toString())).status).toBe(200);
    // A client that ignores <base> lands on pages that do not exist.
    expect((await get(new URL(next, url).toString())).status).toBe(404);
    expect((await get(extractListing(body, url)[0]?.url ?? '')).status).toBe(404);
  });

  it('serves /private/list like /list and disallows it in robots.txt', async () => {
    const { body } = await get(`${site.url}/private/list/4`);
    expect(extractListing(body, site.url)).toEqual(site.truth.listing(4));
    expect(attr(one(parse(body), 'a.next'), 'href')).toBe('/private/list/5');
    const robots = await get(`${site.url}/robots.txt`);
    expect(robots.body).toBe(ROBOTS_TXT);
    expect(robots.body).toMatch(/^User-agent: \*\nDisallow: \/private\/$/m);
  });

  it('serves the detail page with the ground-truth fields', async () => {
    for (const id of [1, 77, 1000]) {
      const truth = site.truth.item(id);
      const doc = parse((await get(truth.url)).body);
      expect(text(one(doc, 'h1'))).toBe(truth.title);
      expect(text(one(doc, '.price'))).toBe(truth.priceText);
      expect(text(one(doc, '.sku'))).toBe(truth.sku);
      expect(text(one(doc, '.description'))).toBe(truth.description);
      expect(Number(attr(one(doc, '.stock'), 'data-stock'))).toBe(truth.stock);
      expect(all(doc, 'table.specs tr').map((tr) => ({ name: text(one(tr, 'th')), value: text(one(tr, 'td')) }))).toEqual(truth.specs);
      expect(all(doc, '.breadcrumbs li').map(text).at(-1)).toBe(truth.title);
    }
    expect((await get(`${site.url}/item/1001`)).status).toBe(404);
    expect(() => site.truth.item(1001)).toThrow(RangeError);
  });

  it('answers 404 past the last page', async () => {
    expect((await get(`${site.url}/list/51`)).status).toBe(404);
    expect((await get(`${site.url}/list/0`)).status).toBe(404);
    expect(() => site.truth.listing(51)).toThrow(RangeError);
  });

  it('ships JS-only shells whose APIs carry the listing and the scroll feed', async () => {
    const shell = await get(`${site.url}/js/list/2`);
    const doc = parse(shell.body);
    expect(all(doc, 'article.product')).toHaveLength(0);
    expect(text(one(doc, 'noscript'))).toContain('JavaScript is required');
    expect(one(doc, '#app').children).toHaveLength(0);
    const api = JSON.parse((await get(`${site.url}/api/list/2`)).body) as { items: Array<Item & { href: string }>; next: string };
    expect(api.items.map(({ href, ...rest }) => ({ ...rest, url: new URL(href, site.url).toString() })).map((x) => ({
      id: x.id, title: x.title, price: x.price, priceText: x.priceText, rating: x.rating, category: x.category, url: x.url, sku: x.sku,
    }))).toEqual(site.truth.listing(2));
    expect(api.next).toBe('/js/list/3');

    const ids: number[] = [];
    for (let offset = 0; ; ) {
      const page = JSON.parse((await get(`${site.url}/api/scroll?offset=${offset}&limit=20`)).body) as { items: Item[]; done: boolean };
      ids.push(...page.items.map((i) => i.id));
      offset += page.items.length;
      if (page.done) break;
    }
    expect(ids).toEqual(site.truth.allItems().slice(0, SCROLL_TOTAL).map((i) => i.id));
  });

  it('counts hits per path prefix and keeps a request log', async () => {
    site.resetStats();
    await get(`${site.url}/list/1`, { headers: { 'x-probe': 'yes' } });
    await get(`${site.url}/list/2`);
    await get(`${site.url}/item/5`);
    expect(site.hits()).toBe(3);
    expect(site.hits('/list/')).toBe(2);
    expect(site.hits('/item/')).toBe(1);
    const log = site.requestLog();
    expect(log.map((r) => r.path)).toEqual(['/list/1', '/list/2', '/item/5']);
    expect(log[0]?.headers['x-probe']).toBe('yes');
    site.resetStats();
    expect(site.hits()).toBe(0);
    expect(site.requestLog()).toEqual([]);
  });

  it('lets a request with the clearance cookie through the bot wall', async () => {
    const blocked = await get(`${site.url}/protected/list/2`);
    expect(blocked.status).toBe(403);
    const ok = await get(`${site.url}/protected/list/2`, { headers: { cookie: `${CLEARANCE_COOKIE}=${clearanceToken(1)}` } });
    expect(ok.status).toBe(200);
    expect(extractListing(ok.body, site.url)).toEqual(site.truth.listing(2));
  });
});

describe('determinism', () => {
  it('serves byte-identical pages for the same seed and different ones for another seed', async () => {
    const a = await startTestSite({ pages: 10, seed: 42 });
    const b = await startTestSite({ pages: 10, seed: 42 });
    const c = await startTestSite({ pages: 10, seed: 43 });
    try {
      for (const path of ['/list/1', '/list/7', '/item/33', '/api/list/3', '/protected/list/1']) {
        expect((await get(a.url + path)).body).toBe((await get(b.url + path)).body);
      }
      const strip = (items: Item[]): unknown => items.map(({ url: _url, ...rest }) => rest);
      expect(strip(a.truth.allItems())).toEqual(strip(b.truth.allItems()));
      expect((await get(`${a.url}/list/1`)).body).not.toBe((await get(`${c.url}/list/1`)).body);
      expect(strip(a.truth.listing(1))).not.toEqual(strip(c.truth.listing(1)));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('rejects nonsensical options with a message naming the option', async () => {
    await expect(startTestSite({ pages: 0 })).rejects.toThrow(/"pages"/);
    await expect(startTestSite({ itemsPerPage: 2.5 })).rejects.toThrow(/"itemsPerPage"/);
  });
});
