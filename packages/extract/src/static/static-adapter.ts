import { serialize, serializeOuter } from 'parse5';
import type { DomAdapter } from '../types.ts';
import { resolveUrl } from '../urls.ts';
import { cssSelectAll, cssSelectFirst } from './css-queries.ts';
import type { StaticDocument } from './parse-html.ts';
import { attribute, documentElement, findElement, isDocument, isElement, ownText, textContent, type StaticNode } from './tree.ts';
import { xpathSelect } from './xpath-queries.ts';

/** The DomAdapter of the static path, over a parsed page. */
export function createStaticAdapter(doc: StaticDocument): DomAdapter<StaticNode> {
  const root = doc.document;
  const rootElement = documentElement(root);
  const scopeOf = (context: StaticNode): StaticNode | null => (isDocument(context) ? rootElement : context);
  // The document's stand-in for text and serialisation: its root element, as document.documentElement.
  const asElement = (node: StaticNode): StaticNode | null => (isDocument(node) ? rootElement : node);
  let baseHref: string | null | undefined;

  return {
    root: () => root,
    selectAll: (css, context) => cssSelectAll(css, context, scopeOf(context), doc.quirksMode),
    selectFirst: (css, context) => cssSelectFirst(css, context, scopeOf(context), doc.quirksMode),
    selectXPath: (xpath, context) => xpathSelect(xpath, context),
    text: (node) => {
      const n = asElement(node);
      return n ? textContent(n) : '';
    },
    ownText: (node) => ownText(node),
    attr: (node, name) => (isElement(node) ? attribute(node, name) : undefined),
    outerHtml: (node) => {
      const n = asElement(node);
      return n ? serializeOuter(n) : '';
    },
    innerHtml: (node) => {
      const n = asElement(node);
      return n && 'childNodes' in n ? serialize(n) : '';
    },
    baseUrl: (pageUrl) => {
      // The first <base> with an href, resolved against the page URL (HTML "document base URL").
      if (baseHref === undefined) {
        const base = findElement(root, (el) => el.tagName === 'base' && attribute(el, 'href') !== undefined);
        baseHref = base ? (attribute(base, 'href') ?? null) : null;
      }
      return baseHref === null ? pageUrl : (resolveUrl(baseHref, pageUrl) ?? pageUrl);
    },
  };
}
