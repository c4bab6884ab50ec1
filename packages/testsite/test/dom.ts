import { selectAll, selectOne } from 'css-select';
import { parseDocument, DomUtils } from 'htmlparser2';

type AnyNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/** Minimal DOM helpers for checking served HTML independently of the product's extractor. */
export function parse(html: string): AnyNode[] {
  return parseDocument(html).children;
}

export function all(root: AnyNode[] | AnyNode, css: string): Element[] {
  return selectAll<AnyNode, Element>(css, root);
}

export function one(root: AnyNode[] | AnyNode, css: string): Element {
  const el = selectOne<AnyNode, Element>(css, root);
  if (!el) throw new Error(`nothing matches ${css}`);
  return el;
}

export function text(el: AnyNode): string {
  return DomUtils.textContent(el);
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

export async function get(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: string; bytes: Uint8Array }> {
  const r = await fetch(url, { redirect: 'manual', ...init });
  const bytes = new Uint8Array(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body: new TextDecoder().decode(bytes), bytes };
}
