/**
 * Numbered references to elements, so Node can name an element it saw (a hover, a pick, an item) in later calls.
 * Held weakly: an element the page removes is gone, and so is its reference (the page reloading clears them all).
 */
const elements = new Map<number, WeakRef<Element>>();
const refs = new WeakMap<Element, number>();
let next = 1;

export function refFor(el: Element): number {
  let ref = refs.get(el);
  if (ref === undefined) {
    ref = next++;
    refs.set(el, ref);
    elements.set(ref, new WeakRef(el));
  }
  return ref;
}

/** The element of a reference; throws (code STALE_REF) when the page no longer holds it. */
export function elementFor(ref: number): Element {
  const el = elements.get(ref)?.deref();
  if (!el || !el.isConnected) {
    elements.delete(ref);
    throw new Error(`STALE_REF: element #${ref} is no longer on the page (it changed or navigated): pick it again`);
  }
  return el;
}
