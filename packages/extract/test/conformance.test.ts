/**
 * The proof that the two paths agree: every fixture of test/fixtures runs through the static path (parse5 tree,
 * css-select, xpath) and through real Chromium (the browser bundle on the live DOM), and both must give the
 * expected rows, dropped rows and planned requests. The one expected difference (a page rendered by its own
 * script) is written down in that fixture's expected.json under "browser".
 */
import { InvalidInputError, PageSpecSchema } from '@scrapifie/recipe';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserBundle } from '../scripts/build-browser.ts';
import { evaluateInPage, extractStatic, resolveSpec } from '../src/index.ts';
import { launchChromium, localOnlyPage } from './helpers/chromium.ts';
import { startFixtureServer, type FixtureServer } from './helpers/fixture-server.ts';
import { FIXTURES_DIR, loadFixtures, type Fixture } from './helpers/fixtures.ts';

const fixtures = loadFixtures();
let server: FixtureServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Always rebuild: the bundle under test must be the source under test (esbuild takes a fraction of a second).
  await buildBrowserBundle();
  server = await startFixtureServer(FIXTURES_DIR, Object.fromEntries(fixtures.map((f) => [f.name, f.contentType])));
  browser = await launchChromium();
  page = await localOnlyPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function runStatic(f: Fixture) {
  const url = server.origin + f.path;
  return extractStatic(resolveSpec(f.spec, f.specPath), f.specPath, f.html, { ...f.ctx, url, contentType: f.contentType });
}

async function runInBrowser(f: Fixture) {
  const url = server.origin + f.path;
  await page.goto(url);
  return evaluateInPage(page, resolveSpec(f.spec, f.specPath), f.specPath, { ...f.ctx, url });
}

describe.each(fixtures.map((f) => [f.name, f] as const))('fixture %s', (_name, f) => {
  it('static path gives the expected outcome', () => {
    expect(runStatic(f)).toEqual(f.expectedStatic(server.origin));
  });

  it('browser path gives the expected outcome', async () => {
    expect(await runInBrowser(f)).toEqual(f.expectedBrowser(server.origin));
  });
});

describe('the corpus', () => {
  it('covers the cases the two paths must agree on', () => {
    const names = fixtures.map((f) => f.name);
    for (const required of ['listing', 'table', 'nested-cards', 'takes', 'transforms', 'xpath', 'fallbacks', 'required', 'base-href', 'entities', 'misnested', 'js-rendered'])
      expect(names).toContain(required);
  });

  it('a page rendered by its own script is the one place where the paths differ', () => {
    const differing = fixtures.filter((f) => JSON.stringify(f.expectedStatic('')) !== JSON.stringify(f.expectedBrowser(''))).map((f) => f.name);
    expect(differing).toEqual(['js-rendered']);
    const js = fixtures.find((f) => f.name === 'js-rendered') as Fixture;
    expect(js.expectedStatic('').rows).toEqual([]);
    expect(js.expectedBrowser('').rows.length).toBeGreaterThan(0);
  });
});

describe('recipe errors are the same on both paths', () => {
  const listing = () => fixtures.find((f) => f.name === 'listing') as Fixture;
  const cases: Array<[string, unknown, RegExp]> = [
    ['a jQuery-only pseudo-class', { fields: { x: { css: 'a:contains(Next)' } } }, /CSS selector "a:contains\(Next\)"/],
    ['a broken selector', { fields: { x: { css: 'div[' } } }, /CSS selector "div\["/],
    ['a broken XPath', { fields: { x: { xpath: '//div[' } } }, /XPath "\/\/div\["/],
    ['an XPath selecting attributes', { fields: { x: { xpath: '//a/@href' } } }, /XPath "\/\/a\/@href" selects attribute nodes/],
    ['an XPath selecting text', { fields: { x: { xpath: '//h1/text()' } } }, /selects text nodes/],
    ['an XPath giving a number', { fields: { x: { xpath: 'count(//a)' } } }, /selects a value, not nodes/],
    ['a regex that does not compile', { fields: { x: { css: 'h1', transforms: [{ regex: { pattern: '(unclosed' } }] } } }, /invalid regular expression \/\(unclosed\//],
  ];

  beforeAll(async () => {
    await page.goto(server.origin + listing().path);
  });

  it.each(cases)('%s', async (_what, rawSpec, message) => {
    const spec = PageSpecSchema.parse(rawSpec);
    const f = listing();
    const url = server.origin + f.path;
    expect(() => extractStatic(spec, 'page', f.html, { url, depth: 0 })).toThrow(InvalidInputError);
    expect(() => extractStatic(spec, 'page', f.html, { url, depth: 0 })).toThrow(message);
    await expect(evaluateInPage(page, spec, 'page', { url, depth: 0 })).rejects.toThrow(InvalidInputError);
    await expect(evaluateInPage(page, spec, 'page', { url, depth: 0 })).rejects.toThrow(message);
  });
});
