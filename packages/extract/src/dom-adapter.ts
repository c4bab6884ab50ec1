import { InvalidInputError } from '@scrapifie/recipe';
import type { DomAdapter } from './types.ts';

/**
 * The DomAdapter over a live DOM (the browser tier and the designer preview), bundled into the page by
 * dist/extract.browser.js. Same semantics as the static adapter: querySelectorAll, document.evaluate,
 * textContent, outerHTML; the document stands for its root element in text and serialisation.
 */
export function createDomAdapter(doc: Document): DomAdapter<Node> {
  const asElement = (node: Node): Element | null => (node.nodeType === Node.DOCUMENT_NODE ? doc.documentElement : (node as Element));
  const query = (node: Node): ParentNode => node as unknown as ParentNode;
  const badSelector = (css: string, e: unknown): InvalidInputError =>
    new InvalidInputError('INVALID_RECIPE', `CSS selector "${css}": not a valid selector (${(e as Error).message})`);

  return {
    root: () => doc,
    selectAll: (css, context) => {
      try {
        return Array.from(query(context).querySelectorAll(css));
      } catch (e) {
        throw badSelector(css, e);
      }
    },
    selectFirst: (css, context) => {
      try {
        return query(context).querySelector(css);
      } catch (e) {
        throw badSelector(css, e);
      }
    },
    selectXPath: (expression, context) => {
      let result: XPathResult;
      try {
        result = doc.evaluate(expression, context, null, XPathResult.ANY_TYPE, null);
      } catch (e) {
        throw new InvalidInputError('INVALID_RECIPE', `XPath "${expression}": not a valid XPath 1.0 expression (${(e as Error).message})`);
      }
      if (result.resultType !== XPathResult.UNORDERED_NODE_ITERATOR_TYPE && result.resultType !== XPathResult.ORDERED_NODE_ITERATOR_TYPE)
        throw new InvalidInputError('INVALID_RECIPE', `XPath "${expression}" selects a value, not nodes: fields need elements; select elements`);
      const nodes: Node[] = [];
      for (let n = result.iterateNext(); n; n = result.iterateNext()) nodes.push(n);
      for (const n of nodes) {
        if (n.nodeType === Node.ELEMENT_NODE) continue;
        const what = n.nodeType === Node.ATTRIBUTE_NODE ? 'attribute' : n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE ? 'text' : 'other node';
        const advice =
          what === 'attribute' ? 'select the element and use take "attr" with the attribute name' : what === 'text' ? 'select the element and use take "text" or "ownText"' : 'select elements';
        throw new InvalidInputError('INVALID_RECIPE', `XPath "${expression}" selects ${what} nodes: fields need elements; ${advice}`);
      }
      // An unordered iterator may not be in document order: sort, as the static path returns document order.
      return nodes.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    },
    text: (node) => asElement(node)?.textContent ?? '',
    ownText: (node) => {
      let out = '';
      for (const child of Array.from(node.childNodes)) if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
      return out;
    },
    attr: (node, name) => (node.nodeType === Node.ELEMENT_NODE ? ((node as Element).getAttribute(name) ?? undefined) : undefined),
    outerHtml: (node) => asElement(node)?.outerHTML ?? '',
    innerHtml: (node) => asElement(node)?.innerHTML ?? '',
    baseUrl: (pageUrl) => {
      const href = doc.querySelector('base[href]')?.getAttribute('href');
      if (href === null || href === undefined) return pageUrl;
      try {
        return new URL(href.trim(), pageUrl).href;
      } catch {
        return pageUrl;
      }
    },
  };
}
