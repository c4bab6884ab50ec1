import { InvalidInputError } from '@scrapifie/recipe';
import { compile, selectAll, selectOne } from 'css-select';
import { AttributeAction, parse, SelectorType, type Selector } from 'css-what';
import { parse5CssAdapter } from './css-adapter.ts';
import type { StaticElement, StaticNode } from './tree.ts';

/**
 * CSS selection on the static tree with the semantics of querySelectorAll: the selector is matched against the
 * whole document (an ancestor outside the context may satisfy a combinator) and the context's descendants that
 * match are returned; ":scope" is the context element (the root element when the context is the document).
 *
 * Only selectors a browser also understands are accepted: css-select's jQuery extensions (:contains, :first...,
 * [a!=b]) and the states a static page does not have (:hover, :focus...) are refused with an InvalidInputError, so
 * a recipe that runs on the HTTP tier runs the same in the browser.
 */

const SCOPE = 'scrapifie-scope';
const PORTABLE_PSEUDOS = new Set([
  'not', 'is', 'where', 'has', 'nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type', 'first-child', 'last-child',
  'only-child', 'first-of-type', 'last-of-type', 'only-of-type', 'empty', 'root', 'scope', 'link', 'any-link', 'checked',
  'disabled', 'enabled', 'required', 'optional', 'lang',
]);
const LIVE_STATE_PSEUDOS = new Set(['hover', 'active', 'focus', 'focus-within', 'focus-visible', 'visited', 'target']);
const PORTABLE_ATTRIBUTE_ACTIONS = new Set<string>([
  AttributeAction.Any, AttributeAction.Element, AttributeAction.End, AttributeAction.Equals,
  AttributeAction.Exists, AttributeAction.Hyphen, AttributeAction.Start,
]);

/** The element ":scope" stands for during the current (synchronous) selection. */
let currentScope: StaticNode | null = null;

type Compiled = ReturnType<typeof compile<StaticNode, StaticElement>>;
const MAX_CACHED = 2000;
// Compiled queries by selector text, one cache per document mode (quirks mode compiles differently).
const caches = { quirks: new Map<string, Compiled>(), standards: new Map<string, Compiled>() };

function unsupported(css: string, what: string): InvalidInputError {
  return new InvalidInputError('INVALID_RECIPE', `CSS selector "${css}": ${what}`);
}

/** Checks portability and renames top-level ":scope" to the pseudo-class bound to the selection context. */
function prepare(tokens: Selector[][], css: string, insideHas: boolean): void {
  for (const compound of tokens) {
    for (const t of compound) {
      if (t.type === SelectorType.PseudoElement) throw unsupported(css, `pseudo-element "::${t.name}" selects no element`);
      if (t.type === SelectorType.Parent || t.type === SelectorType.ColumnCombinator) throw unsupported(css, 'combinator not supported by browsers');
      if (t.type === SelectorType.Attribute && !PORTABLE_ATTRIBUTE_ACTIONS.has(t.action))
        throw unsupported(css, `attribute selector [${t.name}!=...] is a jQuery extension; use :not([${t.name}=...])`);
      if (t.type !== SelectorType.Pseudo) continue;
      if (LIVE_STATE_PSEUDOS.has(t.name)) throw unsupported(css, `":${t.name}" depends on the live state of the page`);
      if (!PORTABLE_PSEUDOS.has(t.name))
        throw unsupported(css, `":${t.name}" is not standard CSS (it would fail in the browser)${t.name === 'contains' ? '; use an XPath such as //a[contains(., "text")]' : ''}`);
      if (t.name === 'scope' && !insideHas) t.name = SCOPE;
      if (Array.isArray(t.data)) prepare(t.data, css, insideHas || t.name === 'has');
    }
  }
}

function compiled(css: string, quirksMode: boolean): Compiled {
  const cache = quirksMode ? caches.quirks : caches.standards;
  const hit = cache.get(css);
  if (hit) return hit;
  let query: Compiled;
  try {
    if (css.trim() === '') throw new Error('the selector is empty');
    const tokens = parse(css);
    prepare(tokens, css, false);
    query = compile<StaticNode, StaticElement>(tokens, {
      adapter: parse5CssAdapter,
      quirksMode,
      relativeSelector: false,
      pseudos: { [SCOPE]: (el: StaticElement) => el === currentScope },
    });
  } catch (e) {
    if (e instanceof InvalidInputError) throw e;
    throw unsupported(css, `not a valid selector (${(e as Error).message})`);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(css, query);
  return query;
}

export function cssSelectAll(css: string, context: StaticNode, scope: StaticNode | null, quirksMode: boolean): StaticElement[] {
  const query = compiled(css, quirksMode);
  currentScope = scope;
  try {
    return selectAll<StaticNode, StaticElement>(query, context, { adapter: parse5CssAdapter });
  } finally {
    currentScope = null;
  }
}

export function cssSelectFirst(css: string, context: StaticNode, scope: StaticNode | null, quirksMode: boolean): StaticElement | null {
  const query = compiled(css, quirksMode);
  currentScope = scope;
  try {
    return selectOne<StaticNode, StaticElement>(query, context, { adapter: parse5CssAdapter });
  } finally {
    currentScope = null;
  }
}
