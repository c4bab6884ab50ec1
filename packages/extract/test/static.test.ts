import { InvalidInputError, ScrapifieError } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { createStaticAdapter, DEFAULT_MAX_BYTES, parseHtml, type StaticNode } from '../src/index.ts';

const URL_ = 'https://shop.example/list/page.html';
const adapterFor = (html: string) => createStaticAdapter(parseHtml(html, { url: URL_ }));
const names = (dom: ReturnType<typeof adapterFor>, nodes: StaticNode[]) => nodes.map((n) => dom.attr(n, 'id') ?? dom.text(n));

describe('size limit', () => {
  it('refuses a body over maxBytes with BODY_TOO_LARGE naming the size and the limit', () => {
    const body = new Uint8Array(2048);
    let error: unknown;
    try {
      parseHtml(body, { url: URL_, maxBytes: 1024 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScrapifieError);
    expect((error as ScrapifieError).code).toBe('BODY_TOO_LARGE');
    expect((error as ScrapifieError).message).toBe(`the page ${URL_} is 2.0 KB (2048 bytes), over the limit of 1.0 KB (1024 bytes)`);
  });

  it('counts a string body in UTF-8 bytes', () => {
    const threeBytesEach = '€'.repeat(400); // 1200 bytes, 400 UTF-16 units
    expect(() => parseHtml(threeBytesEach, { url: URL_, maxBytes: 1024 })).toThrow(/1200 bytes\), over the limit of 1\.0 KB/);
    expect(() => parseHtml('€'.repeat(300), { url: URL_, maxBytes: 1024 })).not.toThrow();
  });

  it('accepts a body of exactly the limit; the default limit is 10 MB', () => {
    expect(() => parseHtml(new Uint8Array(1024), { url: URL_, maxBytes: 1024 })).not.toThrow();
    expect(DEFAULT_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(() => parseHtml(new Uint8Array(DEFAULT_MAX_BYTES + 1), { url: URL_ })).toThrow(/over the limit of 10\.0 MB/);
  });
});

describe('the static tree is the browser tree', () => {
  it('implied html/head/body and tbody are there, as in the browser', () => {
    const dom = adapterFor('<title>t</title><table><tr><td id="c">1</td></tr></table>');
    expect(names(dom, dom.selectAll('html > body > table > tbody > tr > td', dom.root()))).toEqual(['c']);
    expect(dom.outerHtml(dom.root())).toBe('<html><head><title>t</title></head><body><table><tbody><tr><td id="c">1</td></tr></tbody></table></body></html>');
  });
});

describe('CSS selection', () => {
  const dom = adapterFor(`<!DOCTYPE html><body>
    <div id="outer"><section id="s"><p id="p1">a</p><div id="inner"><p id="p2">b</p></div></section></div><p id="p3">c</p></body>`);
  const section = dom.selectFirst('#s', dom.root()) as StaticNode;

  it('matches like querySelectorAll: the context\'s descendants, ancestors outside it may match', () => {
    expect(names(dom, dom.selectAll('p', section))).toEqual(['p1', 'p2']);
    expect(names(dom, dom.selectAll('#outer p', section))).toEqual(['p1', 'p2']);
    expect(names(dom, dom.selectAll('section', section))).toEqual([]);
  });

  it(':scope is the context, or the root element at document level', () => {
    expect(names(dom, dom.selectAll(':scope > p', section))).toEqual(['p1']);
    expect(names(dom, dom.selectAll(':scope > div > p', section))).toEqual(['p2']);
    expect(dom.selectAll(':scope > body', dom.root())).toHaveLength(1);
    expect(names(dom, dom.selectAll('div:has(> p)', dom.root()))).toEqual(['inner']);
  });

  it('caches compiled selectors without mixing up contexts', () => {
    const inner = dom.selectFirst('#inner', dom.root()) as StaticNode;
    expect(names(dom, dom.selectAll(':scope > p', inner))).toEqual(['p2']);
    expect(names(dom, dom.selectAll(':scope > p', section))).toEqual(['p1']);
  });

  it('refuses what a browser would not run, naming the selector', () => {
    expect(() => dom.selectAll('p:contains(a)', dom.root())).toThrow(InvalidInputError);
    expect(() => dom.selectAll('p:contains(a)', dom.root())).toThrow(/CSS selector "p:contains\(a\)": ":contains" is not standard CSS.*XPath/);
    expect(() => dom.selectAll('p:first', dom.root())).toThrow(/":first" is not standard CSS/);
    expect(() => dom.selectAll('[id!=x]', dom.root())).toThrow(/jQuery extension/);
    expect(() => dom.selectAll('a:hover', dom.root())).toThrow(/live state/);
    expect(() => dom.selectAll('p::before', dom.root())).toThrow(/pseudo-element/);
    expect(() => dom.selectAll('> p', section)).toThrow(/CSS selector "> p": not a valid selector/);
  });
});

describe('XPath on the static tree', () => {
  const dom = adapterFor(`<!DOCTYPE html><body>
    <ul id="l"><li id="a" class="x">A</li><li id="b">B <b>bold</b></li><li id="c" class="x">C</li></ul>
    <svg id="svg"><g id="g"></g></svg></body>`);
  const list = dom.selectFirst('#l', dom.root()) as StaticNode;

  it('evaluates relative to the context, results in document order', () => {
    expect(names(dom, dom.selectXPath('./li[@class="x"]', list))).toEqual(['a', 'c']);
    expect(names(dom, dom.selectXPath('li[last()] | li[1]', list))).toEqual(['a', 'c']);
    expect(names(dom, dom.selectXPath('//li[contains(., "bold")]', list))).toEqual(['b']);
    expect(names(dom, dom.selectXPath('.//b/ancestor::*[@id][1]', list))).toEqual(['b']);
    expect(names(dom, dom.selectXPath('(//li)[2]/following-sibling::li', dom.root()))).toEqual(['c']);
    expect(names(dom, dom.selectXPath('//li[@class="x"][position() = 2]/preceding-sibling::*', dom.root()))).toEqual(['a', 'b']);
  });

  it('matches HTML names case-insensitively; SVG elements need local-name(), as in browsers', () => {
    expect(names(dom, dom.selectXPath('//UL/LI[@ID="b"]', dom.root()))).toEqual(['b']);
    expect(dom.selectXPath('//svg', dom.root())).toEqual([]);
    expect(names(dom, dom.selectXPath('//*[local-name()="svg"]/*', dom.root()))).toEqual(['g']);
  });

  it('refuses non-element results with advice, and broken expressions naming them', () => {
    expect(() => dom.selectXPath('//li/@id', dom.root())).toThrow(/selects attribute nodes.*take "attr"/);
    expect(() => dom.selectXPath('//li/text()', dom.root())).toThrow(/selects text nodes.*take "text" or "ownText"/);
    expect(() => dom.selectXPath('count(//li)', dom.root())).toThrow(/selects a value, not nodes/);
    expect(() => dom.selectXPath('//li[', dom.root())).toThrow(/XPath "\/\/li\[": not a valid XPath 1\.0 expression/);
    expect(() => dom.selectXPath('//svg:g', dom.root())).toThrow(InvalidInputError);
  });

  it('works on a second document after the first (one view per document)', () => {
    const other = adapterFor('<p id="only">x</p>');
    expect(names(other, other.selectXPath('//p', other.root()))).toEqual(['only']);
    expect(names(dom, dom.selectXPath('//li', dom.root()))).toEqual(['a', 'b', 'c']);
  });
});

describe('base URL and text', () => {
  it('uses the first <base href>, resolved against the page URL', () => {
    expect(adapterFor('<head><base target="x"><base href="../assets/"><base href="https://other/">').baseUrl(URL_)).toBe('https://shop.example/assets/');
    expect(adapterFor('<p>no base</p>').baseUrl(URL_)).toBe(URL_);
    expect(adapterFor('<base href="http://[broken">').baseUrl(URL_)).toBe(URL_);
  });

  it('text is textContent of the root element for the document; ownText only direct text', () => {
    const dom = adapterFor('<title>T</title><p id="p">one <b>two</b> three<!-- c --></p>');
    expect(dom.text(dom.root())).toBe('Tone two three');
    const p = dom.selectFirst('#p', dom.root()) as StaticNode;
    expect(dom.ownText(p)).toBe('one  three');
    expect(dom.innerHtml(p)).toBe('one <b>two</b> three<!-- c -->');
  });
});
