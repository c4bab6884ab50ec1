import { InvalidInputError, PageSpecSchema } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { extractStatic, resolveSpec, type PageContext } from '../src/index.ts';

const URL_ = 'https://shop.example/list';
const spec = (raw: unknown) => PageSpecSchema.parse(raw);
const extract = (raw: unknown, html: string, ctx: Partial<PageContext> = {}, specPath = 'page') =>
  extractStatic(spec(raw), specPath, html, { url: URL_, depth: 0, ...ctx });

const LIST = `<h1>Shoes</h1>
  <div class="i"><a href="/p/1">One</a><b>1</b></div>
  <div class="i"><a href="/p/2">Two</a><b>2</b></div>
  <div class="i"><a href="mailto:x@y">Three</a><b>3</b></div>
  <a class="next" href="?page=2">next</a>`;

describe('rows', () => {
  it('merges page fields into item rows, item fields winning, and the parent row under everything', () => {
    const out = extract(
      { fields: { cat: { css: 'h1' }, name: { css: 'h1' } }, items: { css: '.i', fields: { name: { css: 'a' } } } },
      LIST,
      { parentRow: { query: 'shoes', cat: 'from parent', name: 'from parent' } },
    );
    expect(out.rows).toEqual([
      { query: 'shoes', cat: 'Shoes', name: 'One' },
      { query: 'shoes', cat: 'Shoes', name: 'Two' },
      { query: 'shoes', cat: 'Shoes', name: 'Three' },
    ]);
  });

  it('a row value wins over the parent row even when it is null', () => {
    const out = extract({ fields: { price: { css: '.nope' } } }, '<p>x</p>', { parentRow: { price: 12 } });
    expect(out.rows).toEqual([{ price: null }]);
  });

  it('no item matches means no rows (page fields alone are not a row then)', () => {
    expect(extract({ fields: { cat: { css: 'h1' } }, items: { css: '.none', fields: { a: { css: 'a' } } } }, LIST).rows).toEqual([]);
  });

  it('a page with only follows gives no rows, only requests', () => {
    const out = extract({ follow: [{ css: '.i a', mode: 'rows', page: { fields: { t: { css: 'h1' } } } }] }, LIST);
    expect(out.rows).toEqual([]);
    expect(out.requests.map((r) => r.url)).toEqual(['https://shop.example/p/1', 'https://shop.example/p/2']);
  });

  it('a required page field that is empty drops every row, with the item index', () => {
    const out = extract({ fields: { brand: { css: '.brand', required: true } }, items: { css: '.i', fields: { n: { css: 'b' } } } }, LIST);
    expect(out.rows).toEqual([]);
    expect(out.dropped).toEqual([0, 1, 2].map((index) => ({ index, reason: 'required field "brand" is empty' })));
  });
});

describe('follows', () => {
  const items = { css: '.i', fields: { name: { css: 'a' }, url: { css: 'a', take: 'attr', attr: 'href' } } };

  it('"merge" holds the row back and sends it as parentRow; a row without a crawlable link is emitted', () => {
    const out = extract({ items, follow: [{ field: 'url', mode: 'merge', page: { fields: { d: { css: 'p' } } } }] }, LIST, { depth: 2, parentRow: { q: 1 } });
    expect(out.rows).toEqual([{ q: 1, name: 'Three', url: 'mailto:x@y' }]);
    expect(out.requests).toEqual([
      { kind: 'follow', url: 'https://shop.example/p/1', specPath: 'page.follow[0].page', depth: 3, parentRow: { q: 1, name: 'One', url: '/p/1' } },
      { kind: 'follow', url: 'https://shop.example/p/2', specPath: 'page.follow[0].page', depth: 3, parentRow: { q: 1, name: 'Two', url: '/p/2' } },
    ]);
  });

  it('"rows" emits every row and the requests carry no parentRow', () => {
    const out = extract({ items, follow: [{ field: 'url', mode: 'rows', page: { fields: { d: { css: 'p' } } } }] }, LIST, { parentRow: { q: 1 } });
    expect(out.rows).toHaveLength(3);
    expect(out.requests.map((r) => [r.url, r.parentRow])).toEqual([
      ['https://shop.example/p/1', undefined],
      ['https://shop.example/p/2', undefined],
    ]);
  });

  it('a many link field follows each link; dropped rows are not followed', () => {
    const html = '<div class="i"><a href="/a">A</a><a href="/b">B</a></div><div class="i"><a href="/c">C</a></div>';
    const out = extract(
      { items: { css: '.i', fields: { links: { css: 'a', many: true, take: 'attr', attr: 'href' }, b: { css: 'b', required: true } } }, follow: [{ field: 'links', mode: 'rows', page: { fields: { x: { css: 'p' } } } }] },
      html,
    );
    expect(out.requests).toEqual([]);
    const kept = extract({ items: { css: '.i', fields: { links: { css: 'a', many: true, take: 'attr', attr: 'href' } } }, follow: [{ field: 'links', mode: 'rows', page: { fields: { x: { css: 'p' } } } }] }, html);
    expect(kept.requests.map((r) => r.url)).toEqual(['https://shop.example/a', 'https://shop.example/b', 'https://shop.example/c']);
  });

  it('the same link planned twice by one page is requested once', () => {
    const html = '<a class="x" href="/p/1#top">1</a><a class="x" href="/p/1">again</a><a class="x" href="#top">self</a>';
    const out = extract({ follow: [{ css: 'a.x', mode: 'rows', page: { fields: { t: { css: 'h1' } } } }] }, html);
    expect(out.requests.map((r) => r.url)).toEqual(['https://shop.example/p/1']);
  });
});

describe('pagination', () => {
  const items = { css: '.i', fields: { n: { css: 'b' } } };

  it('"next" gives the next page with its number and passes the parent row on', () => {
    const out = extract({ items, pagination: { next: { css: 'a.next' } } }, LIST, { depth: 1, parentRow: { q: 'x' } });
    expect(out.requests).toEqual([{ kind: 'pagination', url: 'https://shop.example/list?page=2', specPath: 'page', depth: 2, parentRow: { q: 'x' }, pageNumber: 2 }]);
  });

  it('"next" stops at maxPages', () => {
    const p = { items, pagination: { next: { css: 'a.next' }, startPage: 1, maxPages: 3 } };
    expect(extract(p, LIST, { pageNumber: 2 }).requests.map((r) => r.pageNumber)).toEqual([3]);
    expect(extract(p, LIST, { pageNumber: 3 }).requests).toEqual([]);
  });

  it('a "next" element that is not a link uses the enclosing or inner link; none means no request', () => {
    expect(extract({ items, pagination: { next: { css: 'span.n' } } }, '<a href="/p2"><span class="n">›</span></a>').requests[0]?.url).toBe('https://shop.example/p2');
    expect(extract({ items, pagination: { next: { css: 'li.n' } } }, '<ul><li class="n"><a href="/p3">›</a></li></ul>').requests[0]?.url).toBe('https://shop.example/p3');
    expect(extract({ items, pagination: { next: { css: 'button.n' } } }, '<button class="n">›</button>').requests).toEqual([]);
  });

  it('a URL template plans all pages from the first page only', () => {
    const p = { items, pagination: { urlTemplate: 'https://shop.example/list?page={page}&q={page}', startPage: 0, maxPages: 3 } };
    const first = extract(p, LIST);
    expect(first.requests).toEqual([
      { kind: 'pagination', url: 'https://shop.example/list?page=1&q=1', specPath: 'page', depth: 1, pageNumber: 1 },
      { kind: 'pagination', url: 'https://shop.example/list?page=2&q=2', specPath: 'page', depth: 1, pageNumber: 2 },
    ]);
    expect(extract(p, LIST, { pageNumber: 1 }).requests).toEqual([]);
  });

  it('"pager" plans every link of a numbered pager, without page numbers; with "next" as well, both', () => {
    const pagerHtml = '<nav><a href="/list/1">1</a><span>2</span><a href="/list/3">3</a><a href="/list/4">4</a><a class="next" href="/list/3">Next</a></nav>';
    const pager = extract({ items, pagination: { pager: { css: 'nav a' } } }, pagerHtml, { depth: 0 });
    expect(pager.requests).toEqual(
      ['1', '3', '4'].map((n) => ({ kind: 'pagination', url: `https://shop.example/list/${n}`, specPath: 'page', depth: 1 })),
    );
    const both = extract({ items, pagination: { next: { css: 'a.next' }, pager: { css: 'nav a:not(.next)' } } }, pagerHtml, { pageNumber: 2 });
    expect(both.requests.map((r) => [r.url.slice(-7), r.pageNumber])).toEqual([['/list/3', 3], ['/list/1', undefined], ['/list/4', undefined]]);
  });

  it('with a URL template, a "next" selector is not used', () => {
    const p = { items, pagination: { next: { css: 'a.next' }, urlTemplate: '/list?p={page}', maxPages: 2 } };
    expect(extract(p, LIST).requests.map((r) => r.url)).toEqual(['https://shop.example/list?p=2']);
  });
});

describe('resolveSpec', () => {
  const recipePage = spec({
    items: { css: '.i', fields: { url: { css: 'a', take: 'attr', attr: 'href' } } },
    follow: [{ field: 'url', page: { fields: { a: { css: 'h1' } }, follow: [{ css: 'a', mode: 'rows', page: { fields: { deep: { css: 'p' } } } }] } }],
  });

  it('walks follow paths', () => {
    expect(resolveSpec(recipePage, 'page')).toBe(recipePage);
    expect(resolveSpec(recipePage, 'page.follow[0].page').fields).toHaveProperty('a');
    expect(resolveSpec(recipePage, 'page.follow[0].page.follow[0].page').fields).toHaveProperty('deep');
  });

  it('names a path that does not exist', () => {
    expect(() => resolveSpec(recipePage, 'page.follow[1].page')).toThrow(InvalidInputError);
    expect(() => resolveSpec(recipePage, 'page.follow[1].page')).toThrow('spec path "page.follow[1].page" does not exist in this recipe: page has 1 follow entry, no follow[1]');
    expect(() => resolveSpec(recipePage, 'page.follow[0].page.follow[0].page.follow[0].page')).toThrow(/has 0 follow entries/);
    expect(() => resolveSpec(recipePage, 'page.items')).toThrow(/not of the form/);
    expect(() => resolveSpec(recipePage, 'follow[0]')).toThrow(/must start with "page"/);
  });
});
