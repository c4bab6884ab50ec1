import type { DefaultTreeAdapterMap } from 'parse5';

/** Nodes of the parse5 tree the static path works on (the WHATWG HTML tree, as browsers build it). */
export type StaticNode = DefaultTreeAdapterMap['node'];
export type StaticElement = DefaultTreeAdapterMap['element'];
export type StaticDocumentNode = DefaultTreeAdapterMap['document'];
export type StaticParent = DefaultTreeAdapterMap['parentNode'];
export type StaticText = DefaultTreeAdapterMap['textNode'];

export const HTML_NS = 'http://www.w3.org/1999/xhtml';

export function isElement(node: StaticNode): node is StaticElement {
  return 'tagName' in node;
}

export function isDocument(node: StaticNode): node is StaticDocumentNode {
  return node.nodeName === '#document';
}

export function childrenOf(node: StaticNode): StaticNode[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** textContent: the text of every descendant text node, in document order (comments excluded). */
export function textContent(node: StaticNode): string {
  if (node.nodeName === '#text') return (node as StaticText).value;
  let out = '';
  const stack: StaticNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as StaticNode;
    if (n.nodeName === '#text') {
      out += (n as StaticText).value;
      continue;
    }
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as StaticNode);
  }
  return out;
}

export function ownText(node: StaticNode): string {
  let out = '';
  for (const child of childrenOf(node)) if (child.nodeName === '#text') out += (child as StaticText).value;
  return out;
}

/** An attribute by name, as getAttribute does: names of attributes on HTML elements are matched lowercased. */
export function attribute(el: StaticElement, name: string): string | undefined {
  return attributeExact(el, el.namespaceURI === HTML_NS ? name.toLowerCase() : name);
}

/** An attribute by its exact (already lowercased) name: the hot path of CSS matching. */
export function attributeExact(el: StaticElement, name: string): string | undefined {
  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i] as (typeof attrs)[number];
    if (a.name === name && !a.prefix) return a.value;
  }
  return undefined;
}

/** The document's root element (<html>). */
export function documentElement(doc: StaticDocumentNode): StaticElement | null {
  for (const child of doc.childNodes) if (isElement(child)) return child;
  return null;
}

/** The first element, in tree order, for which `test` is true. */
export function findElement(root: StaticNode, test: (el: StaticElement) => boolean): StaticElement | null {
  const stack: StaticNode[] = [...childrenOf(root)].reverse();
  while (stack.length > 0) {
    const n = stack.pop() as StaticNode;
    if (isElement(n)) {
      if (test(n)) return n;
      const kids = n.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as StaticNode);
    }
  }
  return null;
}
