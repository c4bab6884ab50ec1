import { InvalidInputError } from '@scrapifie/recipe';
import xpath from 'xpath';
import { facadeOf, type XAttr, type XNode } from './xpath-facade.ts';
import type { StaticElement, StaticNode } from './tree.ts';

/** The parts of the `xpath` package used here (its typings do not declare `parse`). */
interface XPathResultValue {
  toArray?: () => Array<XNode | XAttr>;
}
interface ParsedXPath {
  evaluate(options: { node: XNode; isHtml: boolean; allowAnyNamespaceForNoPrefix: boolean }): XPathResultValue;
}
const xpathLib = xpath as unknown as { parse(expression: string): ParsedXPath; XNodeSet: new () => XPathResultValue };

const MAX_CACHED = 2000;
const cache = new Map<string, ParsedXPath>();

function parsed(expression: string): ParsedXPath {
  const hit = cache.get(expression);
  if (hit) return hit;
  let p: ParsedXPath;
  try {
    p = xpathLib.parse(expression);
  } catch (e) {
    throw new InvalidInputError('INVALID_RECIPE', `XPath "${expression}": not a valid XPath 1.0 expression (${(e as Error).message})`);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(expression, p);
  return p;
}

/** Explains what to write instead when an XPath selects something other than elements. */
export function nonElementXPathError(expression: string, what: 'attribute' | 'text' | 'other node' | 'value'): InvalidInputError {
  const advice =
    what === 'attribute'
      ? 'select the element and use take "attr" with the attribute name'
      : what === 'text'
        ? 'select the element and use take "text" or "ownText"'
        : 'select elements';
  return new InvalidInputError('INVALID_RECIPE', `XPath "${expression}" selects ${what === 'value' ? 'a value, not nodes' : `${what} nodes`}: fields need elements; ${advice}`);
}

/** XPath 1.0 over the static tree, relative to `context`, elements in document order. */
export function xpathSelect(expression: string, context: StaticNode): StaticElement[] {
  let result: XPathResultValue;
  try {
    result = parsed(expression).evaluate({ node: facadeOf(context), isHtml: true, allowAnyNamespaceForNoPrefix: false });
  } catch (e) {
    if (e instanceof InvalidInputError) throw e;
    throw new InvalidInputError('INVALID_RECIPE', `XPath "${expression}" cannot be evaluated: ${(e as Error).message}`);
  }
  if (!(result instanceof xpathLib.XNodeSet) || !result.toArray) throw nonElementXPathError(expression, 'value');
  const out: StaticElement[] = [];
  for (const n of result.toArray()) {
    if (n.nodeType !== 1) throw nonElementXPathError(expression, n.nodeType === 2 ? 'attribute' : n.nodeType === 3 ? 'text' : 'other node');
    out.push((n as XNode).raw as StaticElement);
  }
  return out;
}
