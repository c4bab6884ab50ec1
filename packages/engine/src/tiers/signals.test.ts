import { extractStatic } from '@scrapifie/extract';
import { parseRecipe, type PageSpec } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { extractionSignal, foundNothing, itemsSeen, noscriptText, verdictSignal } from './signals.ts';

function spec(page: unknown): PageSpec {
  return parseRecipe({ version: 1, name: 't', start: { urls: ['https://shop.test/'] }, page }).page;
}

const listing = spec({ items: { css: 'article', fields: { name: { css: 'h2', required: true }, href: { css: 'a', take: 'attr', attr: 'href' } } } });
const ctx = { url: 'https://shop.test/list', depth: 0 };
const evaluate = (s: PageSpec, html: string) => extractStatic(s, 'page', html, ctx);

const SHELL = '<html><body><div id="app"></div><noscript><p>JavaScript is required to view this page.</p></noscript><script src="/app.js"></script></body></html>';
const EMPTY_SEARCH = '<html><body><h1>No results</h1><noscript><iframe src="https://tags.example/ns"></iframe></noscript></body></html>';

describe('escalation signals', () => {
  it('maps detector verdicts: js-shell to content, rate limits and generic walls to IP blocks, the rest to walls', () => {
    expect(verdictSignal({ blocked: false }, 200)).toBeUndefined();
    expect(verdictSignal({ blocked: true, kind: 'js-shell', reason: 'shell' }, 200)).toEqual({ kind: 'content', strong: true, reason: 'shell' });
    expect(verdictSignal({ blocked: true, kind: 'generic', reason: 'you have been blocked' }, 403)).toMatchObject({ kind: 'ip' });
    expect(verdictSignal({ blocked: true, kind: 'rate-limit', retryAfterMs: 3000 }, 429)).toMatchObject({ kind: 'ip', retryAfterMs: 3000 });
    expect(verdictSignal({ blocked: true, kind: 'cloudflare', reason: 'Cloudflare challenge' }, 403)).toMatchObject({ kind: 'blocked', reason: 'Cloudflare challenge' });
    expect(verdictSignal({ blocked: true }, 503)).toMatchObject({ kind: 'blocked', reason: 'blocked (unknown wall, HTTP 503)' });
  });

  it('flags a page with no items whose <noscript> asks for JavaScript', () => {
    const outcome = evaluate(listing, SHELL);
    expect(foundNothing(listing, outcome)).toBe(true);
    expect(extractionSignal(listing, outcome, () => SHELL)).toMatchObject({ kind: 'content', strong: false, reason: expect.stringContaining('JavaScript is required') });
  });

  it('leaves an empty page alone when its <noscript> has no words (a tracking pixel)', () => {
    expect(noscriptText(EMPTY_SEARCH)).toBe('');
    expect(extractionSignal(listing, evaluate(listing, EMPTY_SEARCH), () => EMPTY_SEARCH)).toBeUndefined();
  });

  it('flags a listing whose every item lacks a required field, not one where some do', () => {
    const allEmpty = '<article><a href="/1">x</a></article><article><a href="/2">y</a></article>';
    const oneEmpty = '<article><h2>A</h2></article><article><a href="/2">y</a></article>';
    const out = evaluate(listing, allEmpty);
    expect(itemsSeen(out)).toBe(2);
    expect(extractionSignal(listing, out, () => allEmpty)).toMatchObject({ kind: 'content', reason: expect.stringContaining('every item on the page (2) lacks a required field') });
    expect(extractionSignal(listing, evaluate(listing, oneEmpty), () => oneEmpty)).toBeUndefined();
  });

  it('counts rows waiting on a merge follow as items seen', () => {
    const withFollow = spec({
      items: { css: 'article', fields: { href: { css: 'a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] } } },
      follow: [{ field: 'href', mode: 'merge', page: { fields: { sku: { css: '.sku' } } } }],
    });
    const out = evaluate(withFollow, '<article><a href="/item/1">x</a></article>');
    expect(out.rows).toHaveLength(0);
    expect(itemsSeen(out)).toBe(1);
    expect(foundNothing(withFollow, out)).toBe(false);
  });

  it('a page of fields found nothing when every field is empty', () => {
    const detail = spec({ fields: { sku: { css: '.sku' }, price: { css: '.price' } } });
    expect(foundNothing(detail, evaluate(detail, '<div class="sku"></div>'))).toBe(true);
    expect(foundNothing(detail, evaluate(detail, '<div class="sku">A-1</div>'))).toBe(false);
  });
});
