/** Small DOM helpers of the in-page picker. */
import type { Box, SelectorSpec } from './types.ts';

export const OVERLAY_TAG = 'scrapifie-designer-overlay';

export function cssEscape(value: string): string {
  return CSS.escape(value);
}

/** A double-quoted CSS string. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

/** An XPath 1.0 string literal (concat() when the value holds both quote kinds). */
export function xpathString(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `concat(${value.split('"').map((p) => `"${p}"`).join(`, '"', `)})`;
}

export const tagOf = (el: Element): string => el.localName.toLowerCase();

export function normText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

export function boxOf(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height) };
}

export function classesOf(el: Element): string[] {
  return Array.from(el.classList).filter((c) => c.length > 0 && c.length <= 80);
}

/** "a.product-title 240×18", for hover labels. */
export function labelOf(el: Element): string {
  const r = el.getBoundingClientRect();
  const id = el.id && el.id.length <= 40 ? `#${el.id}` : '';
  const cls = classesOf(el).slice(0, 2).map((c) => `.${c}`).join('');
  return `${tagOf(el)}${id}${cls} ${Math.round(r.width)}×${Math.round(r.height)}`;
}

/** Never the designer's own overlay, nor html/head: the element a user can mean. */
export function isPickable(el: Element | null): el is Element {
  if (!el || el.localName === OVERLAY_TAG) return false;
  return el !== document.documentElement && el !== document.head && !document.head.contains(el);
}

/** The element under a viewport point, descending into open shadow roots is not done (selectors cannot reach them). */
export function elementAtPoint(x: number, y: number): Element | null {
  const el = document.elementFromPoint(x, y);
  return isPickable(el) ? el : null;
}

export function matchesSelector(sel: SelectorSpec, root: ParentNode & Node): Element[] {
  if (sel.css !== undefined) return Array.from(root.querySelectorAll(sel.css));
  const result = document.evaluate(sel.xpath, root, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  const out: Element[] = [];
  for (let i = 0; i < result.snapshotLength; i++) {
    const n = result.snapshotItem(i);
    if (n && n.nodeType === Node.ELEMENT_NODE) out.push(n as Element);
  }
  return out;
}

/** The first element the selector picks in `root`, as the evaluator would (null when none or invalid). */
export function firstMatch(sel: SelectorSpec, root: ParentNode & Node): Element | null {
  try {
    if (sel.css !== undefined) return root.querySelector(sel.css);
    return matchesSelector(sel, root)[0] ?? null;
  } catch {
    return null;
  }
}

export function countMatches(sel: SelectorSpec, root: ParentNode & Node = document): number {
  try {
    return matchesSelector(sel, root).length;
  } catch {
    return 0;
  }
}

/** Ancestors of `el` up to (not including) `stop`, nearest first. */
export function ancestorsOf(el: Element, stop: Element | null = null): Element[] {
  const out: Element[] = [];
  for (let p = el.parentElement; p && p !== stop && p !== document.documentElement; p = p.parentElement) out.push(p);
  return out;
}

export function absoluteUrl(raw: string | null): string | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  try {
    return new URL(raw.trim(), document.baseURI).href;
  } catch {
    return undefined;
  }
}
