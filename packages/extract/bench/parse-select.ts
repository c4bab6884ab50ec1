/**
 * Parse + select throughput of the candidate static HTML stacks, on the same ~50 KB listing page.
 * One operation = parse the page once and run the six listing selectors (counting matches).
 *
 *   node packages/extract/bench/parse-select.ts [seconds-per-library-per-round]
 *
 * A benchmark, never a test: numbers depend on the machine. Three rounds run the libraries in turn and the
 * best round of each is reported (other load on the machine only ever slows a round down). Each library must
 * find the same number of matches, or the run stops (a fast wrong answer is not a result).
 */
import { load as cheerioLoad } from 'cheerio';
import { compile, selectAll, type Options } from 'css-select';
import { parseDocument } from 'htmlparser2';
import { parseHTML as linkedomParse } from 'linkedom';
import { parse as parse5Parse, type DefaultTreeAdapterMap } from 'parse5';
import { extractStatic } from '../src/index.ts';
import type { PageSpec } from '../src/types.ts';
import { LISTING_SELECTORS, listingPage } from './listing-page.ts';

type Adapter<N, E extends N> = NonNullable<Options<N, E>['adapter']>;
type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];

const html = listingPage();
const seconds = Number(process.argv[2] ?? 1);
const ROUNDS = 3;

/** css-select over parse5's own tree: the adapter cheerio would otherwise hide. */
const parse5Adapter: Adapter<P5Node, P5Element> = {
  isTag: (n): n is P5Element => 'tagName' in n,
  getAttributeValue: (el, name) => el.attrs.find((a) => a.name === name)?.value,
  hasAttrib: (el, name) => el.attrs.some((a) => a.name === name),
  getChildren: (n) => ('childNodes' in n ? n.childNodes : []),
  getName: (el) => el.tagName,
  getParent: (el) => el.parentNode as P5Node | null,
  getSiblings: (n) => {
    const parent = parentOf(n);
    return parent && 'childNodes' in parent ? parent.childNodes : [n];
  },
  getText: function text(n): string {
    if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
    return 'childNodes' in n ? n.childNodes.map(text).join('') : '';
  },
  removeSubsets: (nodes) => nodes.filter((n, i) => nodes.indexOf(n) === i && !nodes.some((o) => o !== n && contains(o, n))),
};
function parentOf(n: P5Node): P5Node | null {
  return 'parentNode' in n ? (n.parentNode as P5Node | null) : null;
}
function contains(ancestor: P5Node, n: P5Node): boolean {
  for (let p = parentOf(n); p; p = parentOf(p)) if (p === ancestor) return true;
  return false;
}

const compiledHp2 = LISTING_SELECTORS.map((s) => compile(s));
const compiledP5 = LISTING_SELECTORS.map((s) => compile<P5Node, P5Element>(s, { adapter: parse5Adapter }));

const benchSpec: PageSpec = {
  items: {
    css: 'li.product', take: 'text', many: false, transforms: [], required: false,
    fields: {
      title: { css: 'h2.product-title', take: 'text', many: false, transforms: [], required: true },
      price: { css: '.price', take: 'text', many: false, transforms: ['price'], required: false },
      url: { css: 'a.product-link', take: 'attr', attr: 'href', many: false, transforms: ['absoluteUrl'], required: false },
      tags: { css: 'ul.tags > li', take: 'text', many: true, transforms: [], required: false },
    },
  },
  pagination: { next: { css: 'nav.pagination a.next' }, startPage: 1 },
};

const candidates: Array<{ name: string; run: () => number }> = [
  {
    name: 'htmlparser2 + css-select (compiled once)',
    run: () => {
      const doc = parseDocument(html);
      return compiledHp2.reduce((n, q) => n + selectAll(q, doc).length, 0);
    },
  },
  {
    name: 'htmlparser2 + css-select (string selectors)',
    run: () => {
      const doc = parseDocument(html);
      return LISTING_SELECTORS.reduce((n, s) => n + selectAll(s, doc).length, 0);
    },
  },
  {
    name: 'cheerio.load (default: parse5)',
    run: () => {
      const $ = cheerioLoad(html);
      return LISTING_SELECTORS.reduce((n, s) => n + $(s).length, 0);
    },
  },
  {
    name: 'cheerio.load (htmlparser2 mode)',
    run: () => {
      const $ = cheerioLoad(html, { xml: { xmlMode: false, decodeEntities: true } });
      return LISTING_SELECTORS.reduce((n, s) => n + $(s).length, 0);
    },
  },
  {
    name: 'parse5 + css-select (adapter, compiled once)',
    run: () => {
      const doc = parse5Parse(html);
      return compiledP5.reduce((n, q) => n + selectAll(q, doc, { adapter: parse5Adapter }).length, 0);
    },
  },
  {
    name: 'linkedom parseHTML + querySelectorAll',
    run: () => {
      const { document } = linkedomParse(html);
      return LISTING_SELECTORS.reduce((n, s) => n + document.querySelectorAll(s).length, 0);
    },
  },
  {
    name: '@scrapifie/extract extractStatic (parse + full recipe page)',
    run: () => extractStatic(benchSpec, 'page', html, { url: 'https://shop.example/catalogue', depth: 0 }).rows.length,
  },
];

function measure(run: () => number): { opsPerSec: number; result: number } {
  let result = run();
  for (let i = 0; i < 20; i++) result = run(); // warm-up
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    run();
    ops++;
    elapsed = performance.now() - start;
  }
  return { opsPerSec: (ops * 1000) / elapsed, result };
}

console.log(`page: ${(html.length / 1024).toFixed(1)} KB, selectors: ${LISTING_SELECTORS.join(' | ')}, best of ${ROUNDS} rounds of ${seconds}s\n`);
const results = candidates.map((c) => ({ name: c.name, opsPerSec: 0 }));
let expected: number | undefined;
for (let round = 0; round < ROUNDS; round++) {
  candidates.forEach((c, i) => {
    const { opsPerSec, result } = measure(c.run);
    if (!c.name.startsWith('@scrapifie')) {
      expected ??= result;
      if (result !== expected) throw new Error(`${c.name} found ${result} matches, expected ${expected}`);
    }
    const r = results[i] as { opsPerSec: number };
    r.opsPerSec = Math.max(r.opsPerSec, opsPerSec);
  });
}
const baseline = results.find((r) => r.name.startsWith('cheerio.load (default'))?.opsPerSec ?? 1;
for (const r of results) console.log(`${r.name.padEnd(60)} ${r.opsPerSec.toFixed(0).padStart(6)} ops/s  ${(r.opsPerSec / baseline).toFixed(2)}x cheerio`);
