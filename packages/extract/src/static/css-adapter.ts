import type { Options } from 'css-select';
import { attributeExact, childrenOf, HTML_NS, isElement, textContent, type StaticElement, type StaticNode } from './tree.ts';

type Adapter<N, E extends N> = NonNullable<Options<N, E>['adapter']>;

function contains(ancestor: StaticNode, node: StaticNode): boolean {
  for (let p = (node as { parentNode?: StaticNode | null }).parentNode ?? null; p; p = (p as { parentNode?: StaticNode | null }).parentNode ?? null) if (p === ancestor) return true;
  return false;
}

/** css-select over the parse5 tree. Tag names of foreign (SVG, MathML) elements are compared lowercased, like selectors. */
export const parse5CssAdapter: Adapter<StaticNode, StaticElement> = {
  isTag: isElement,
  // css-select lowercases attribute names of the selector itself (HTML documents).
  getAttributeValue: attributeExact,
  hasAttrib: (el, name) => attributeExact(el, name) !== undefined,
  getChildren: childrenOf,
  getName: (el) => (el.namespaceURI === HTML_NS ? el.tagName : el.tagName.toLowerCase()),
  getParent: (el) => el.parentNode as StaticNode | null,
  getSiblings: (node) => {
    const parent = (node as { parentNode?: StaticNode | null }).parentNode;
    return parent ? childrenOf(parent) : [node];
  },
  prevElementSibling: (node) => {
    const parent = (node as { parentNode?: StaticNode | null }).parentNode;
    if (!parent) return null;
    const siblings = childrenOf(parent);
    for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
      const s = siblings[i] as StaticNode;
      if (isElement(s)) return s;
    }
    return null;
  },
  getText: textContent,
  removeSubsets: (nodes) => {
    const unique = [...new Set(nodes)];
    return unique.filter((n) => !unique.some((other) => other !== n && contains(other, n)));
  },
};
