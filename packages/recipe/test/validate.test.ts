import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecipe, parseRecipeJson, validateRecipe } from '../src/index.ts';

const minimal = {
  version: 1,
  name: 'Shop',
  start: { urls: ['https://shop.example/list'] },
  page: { items: { css: 'article', fields: { title: { css: 'h2' } } } },
};

function clone<T>(v: T): T {
  return structuredClone(v);
}

function issuesFor(input: unknown): Array<{ path: string; message: string }> {
  const r = validateRecipe(input);
  if (r.ok) throw new Error('expected the recipe to be invalid');
  return r.issues;
}

describe('recipe validation', () => {
  it('fills the seed defaults into a minimal recipe', () => {
    const r = parseRecipe(minimal);
    expect(r.fetch.mode).toBe('auto');
    expect(r.fetch.retry).toEqual({ maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000, multiplier: 2, escalateAfter: 1 });
    expect(r.politeness.rateLimit).toMatchObject({ requests: 2, perSeconds: 10 });
    expect(r.politeness.circuitBreaker).toEqual({ windowSize: 10, failureThreshold: 5, cooldownMs: 120_000 });
    expect(r.politeness.respectRobotsTxt).toBe(true);
    expect(r.page.items?.fields?.title?.take).toBe('text');
  });

  it('rejects unknown fields and names where they are', () => {
    const bad = clone(minimal) as Record<string, any>;
    bad.page.items.fields.title.selector = 'h2';
    bad.colour = 'blue';
    const issues = issuesFor(bad);
    expect(issues).toContainEqual({ path: 'page.items.fields.title', message: 'unknown field "selector"' });
    expect(issues).toContainEqual({ path: '(root)', message: 'unknown field "colour"' });
  });

  it('names the JSON path and what was expected for a bad transform, a bad URL and a bad version', () => {
    const bad = clone(minimal) as Record<string, any>;
    bad.version = 2;
    bad.start.urls = ['ftp://shop.example/'];
    bad.page.items.fields.title.transforms = ['trim', { regex: { pattern: '' } }];
    const issues = issuesFor(bad);
    expect(issues).toContainEqual({ path: 'version', message: 'expected recipe version 1' });
    expect(issues).toContainEqual({ path: 'start.urls[0]', message: 'expected an absolute http(s) URL' });
    expect(issues.find((i) => i.path.startsWith('page.items.fields.title.transforms[1]'))?.message).toMatch(/regular expression cannot be empty/);
  });

  it('checks the rules between fields: attr, pagination templates, follow targets', () => {
    const bad = clone(minimal) as Record<string, any>;
    bad.page.items.fields.link = { css: 'a', take: 'attr' };
    bad.page.pagination = { urlTemplate: 'https://shop.example/list?p={page}' };
    bad.page.follow = [{ field: 'nope', page: { fields: { sku: { css: '.sku' } } } }];
    const issues = issuesFor(bad);
    expect(issues).toContainEqual({ path: 'page.items.fields.link.attr', message: 'take "attr" needs the attribute name in "attr"' });
    expect(issues).toContainEqual({ path: 'page.pagination.maxPages', message: 'a URL template needs "maxPages" (how many pages to generate)' });
    expect(issues).toContainEqual({ path: 'page.follow[0].field', message: 'no item field named "nope" to follow' });
  });

  it('accepts nested lists, XPath, input lists and every transform form', () => {
    const r = parseRecipe({
      ...minimal,
      start: { input: { rows: [{ q: 'lamp', region: 'eu' }], urlTemplate: 'https://shop.example/s?q={q}', carry: ['region'] } },
      fetch: { mode: 'http' },
      page: {
        items: {
          xpath: '//article',
          fields: {
            price: { css: '.price', transforms: ['price', { default: null }] },
            when: { css: 'time', take: 'attr', attr: 'datetime', transforms: [{ date: { order: 'dmy' } }] },
            tags: { css: '.tag', many: true, transforms: ['trim', { join: ', ' }] },
            variants: { css: '.variant', many: true, fields: { size: { css: '.size' }, sku: { xpath: './@data-sku' } } },
            code: { css: '.code', transforms: [{ regex: { pattern: 'SKU-(\\d+)' } }, { replace: { pattern: '^0+', with: '' } }, 'integer'] },
          },
        },
        pagination: { next: { css: 'a[rel=next]' }, maxPages: 5 },
      },
      limits: { maxPages: 100, maxDepth: 3, maxItems: 1000 },
      itemKey: ['code'],
    });
    expect(r.start.input?.carry).toEqual(['region']);
    expect(r.page.items?.fields?.variants?.fields?.size?.take).toBe('text');
  });

  it('turns a JSON syntax error into a clear recipe error', () => {
    expect(() => parseRecipeJson('{"version": 1,')).toThrow(/not valid JSON/);
    try {
      parseRecipeJson(JSON.stringify({ ...minimal, page: {} }));
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('INVALID_RECIPE');
      expect((e as Error).message).toMatch(/page: a page needs "items", "fields" or "follow"/);
    }
  });

  it('validates the bundled example recipe', () => {
    const text = readFileSync(new URL('../../../examples/products.recipe.json', import.meta.url), 'utf8');
    const r = parseRecipeJson(text);
    expect(r.fetch.mode).toBe('http');
    expect(r.page.follow?.[0]?.field).toBe('url');
  });
});
