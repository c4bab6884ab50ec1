import { HTML_NS, isElement, type StaticNode } from './tree.ts';

/**
 * A read-only W3C DOM view of the parse5 tree, just what the `xpath` package walks (nodeType, nodeName, parent,
 * sibling and child links, attributes, compareDocumentPosition). It is built in one pass per document, the first
 * time an XPath runs on it, and kept (weakly) for the document's lifetime.
 *
 * To behave like document.evaluate on an HTML page: node names are lowercase and matched case-insensitively;
 * HTML elements have no namespace here, so an unprefixed name test matches them but not SVG/MathML elements
 * (as in browsers, use //*[local-name()="svg"] for those); the doctype is not a node of the XPath tree; the
 * contents of <template> are not part of the tree.
 */
export class XNode {
  raw: StaticNode;
  nodeType: number;
  nodeName: string;
  localName: string | null;
  prefix: null = null;
  namespaceURI: string | null;
  nodeValue: string | null;
  parentNode: XNode | null;
  childNodes: XNode[] = [];
  firstChild: XNode | null = null;
  lastChild: XNode | null = null;
  nextSibling: XNode | null = null;
  previousSibling: XNode | null = null;
  ownerDocument: XNode | null;
  /** Position in document order. */
  order: number;
  #attributes: (XAttr[] & { item(i: number): XAttr | null }) | undefined;

  constructor(raw: StaticNode, parent: XNode | null, order: number) {
    this.raw = raw;
    this.parentNode = parent;
    this.order = order;
    this.ownerDocument = parent ? (parent.ownerDocument ?? parent) : null;
    if (isElement(raw)) {
      this.nodeType = 1;
      this.localName = raw.tagName;
      this.nodeName = this.localName;
      this.namespaceURI = raw.namespaceURI === HTML_NS ? null : raw.namespaceURI;
      this.nodeValue = null;
    } else if (raw.nodeName === '#text') {
      this.nodeType = 3;
      this.nodeName = '#text';
      this.localName = null;
      this.namespaceURI = null;
      this.nodeValue = (raw as { value: string }).value;
    } else if (raw.nodeName === '#comment') {
      this.nodeType = 8;
      this.nodeName = '#comment';
      this.localName = null;
      this.namespaceURI = null;
      this.nodeValue = (raw as { data: string }).data;
    } else {
      this.nodeType = 9;
      this.nodeName = '#document';
      this.localName = null;
      this.namespaceURI = null;
      this.nodeValue = null;
    }
  }

  get documentElement(): XNode | null {
    return this.childNodes.find((c) => c.nodeType === 1) ?? null;
  }

  /** A NamedNodeMap-like list (indexable, with length and item()). */
  get attributes(): XAttr[] & { item(i: number): XAttr | null } {
    if (!this.#attributes) {
      const raw = this.raw;
      const attrs = isElement(raw) ? raw.attrs : [];
      const list = attrs.map((a, i) => new XAttr(a.prefix ? `${a.prefix}:${a.name}` : a.name, a.name, a.namespace ?? null, a.value, this, (i + 1) / (attrs.length + 1)));
      this.#attributes = Object.assign(list, { item: (i: number) => list[i] ?? null });
    }
    return this.#attributes;
  }

  getAttribute(name: string): string | null {
    const raw = this.raw;
    if (!isElement(raw)) return null;
    return raw.attrs.find((a) => a.name === name.toLowerCase() && !a.prefix)?.value ?? null;
  }

  getAttributeNS(ns: string | null, name: string): string | null {
    const raw = this.raw;
    if (!isElement(raw)) return null;
    return raw.attrs.find((a) => a.name === name && (a.namespace ?? null) === ns)?.value ?? null;
  }

  getElementById(id: string): XNode | null {
    const stack = [...this.childNodes].reverse();
    while (stack.length > 0) {
      const n = stack.pop() as XNode;
      if (n.nodeType === 1 && n.getAttribute('id') === id) return n;
      for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i] as XNode);
    }
    return null;
  }

  /** Only the PRECEDING (2) and FOLLOWING (4) bits, which is what the xpath package reads. */
  compareDocumentPosition(other: XNode | XAttr): number {
    const a = this.order;
    const b = other.order;
    return a === b ? 0 : b < a ? 2 : 4;
  }
}

export class XAttr {
  nodeType = 2;
  nodeName: string;
  name: string;
  localName: string;
  prefix: null = null;
  namespaceURI: string | null;
  value: string;
  nodeValue: string;
  ownerElement: XNode;
  parentNode = null;
  ownerDocument: XNode | null;
  order: number;

  /** `offset` in (0, 1): attributes come after their element and before its first child in document order. */
  constructor(qualifiedName: string, localName: string, ns: string | null, value: string, owner: XNode, offset: number) {
    this.nodeName = qualifiedName;
    this.name = qualifiedName;
    this.localName = localName;
    this.namespaceURI = ns;
    this.value = value;
    this.nodeValue = value;
    this.ownerElement = owner;
    this.ownerDocument = owner.ownerDocument;
    this.order = owner.order + offset;
  }

  compareDocumentPosition(other: XNode | XAttr): number {
    const a = this.order;
    const b = other.order;
    return a === b ? 0 : b < a ? 2 : 4;
  }
}

interface FacadeTree {
  root: XNode;
  byRaw: WeakMap<StaticNode, XNode>;
}

const trees = new WeakMap<StaticNode, FacadeTree>();

function build(rootRaw: StaticNode): FacadeTree {
  const byRaw = new WeakMap<StaticNode, XNode>();
  let order = 0;
  const root = new XNode(rootRaw, null, order++);
  byRaw.set(rootRaw, root);
  const stack: XNode[] = [root];
  // Depth-first, children in order: each node gets its document-order number when created.
  while (stack.length > 0) {
    const parent = stack.pop() as XNode;
    const rawKids = 'childNodes' in parent.raw ? parent.raw.childNodes : [];
    const kids: XNode[] = [];
    for (const raw of rawKids) {
      if (raw.nodeName === '#documentType') continue;
      const node = new XNode(raw, parent, 0);
      byRaw.set(raw, node);
      kids.push(node);
    }
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i] as XNode;
      k.previousSibling = kids[i - 1] ?? null;
      k.nextSibling = kids[i + 1] ?? null;
    }
    parent.childNodes = kids;
    parent.firstChild = kids[0] ?? null;
    parent.lastChild = kids[kids.length - 1] ?? null;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as XNode);
    parent.order = order++;
  }
  return { root, byRaw };
}

/** The facade of a node of a parse5 tree (built for the whole tree on first use). */
export function facadeOf(node: StaticNode): XNode {
  let top: StaticNode = node;
  while ((top as { parentNode?: StaticNode | null }).parentNode) top = (top as { parentNode: StaticNode }).parentNode;
  let tree = trees.get(top);
  if (!tree) {
    tree = build(top);
    trees.set(top, tree);
  }
  const facade = tree.byRaw.get(node);
  if (!facade) throw new Error('internal: node is not part of its document tree');
  return facade;
}

