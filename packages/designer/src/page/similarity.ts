/**
 * Structural similarity of elements, for list generalisation: two elements are of a kind when they have the same
 * tag under the same parent tag, share most of their stable classes, and have mostly the same shape (child tags and
 * grandchild tag pairs). Generated-looking classes are ignored: they say nothing about the kind.
 */
import { classesOf } from './dom.ts';
import { classScore } from './stability.ts';

const shapes = new WeakMap<Element, Set<string>>();

function stableClasses(el: Element): Set<string> {
  return new Set(classesOf(el).filter((c) => classScore(c) >= 30));
}

function shapeOf(el: Element): Set<string> {
  let s = shapes.get(el);
  if (!s) {
    s = new Set<string>();
    for (const child of Array.from(el.children)) {
      s.add(child.localName);
      for (const grand of Array.from(child.children)) s.add(`${child.localName}>${grand.localName}`);
    }
    shapes.set(el, s);
  }
  return s;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** 0..1; 0 for different tags. */
export function similarity(a: Element, b: Element): number {
  if (a === b) return 1;
  if (a.localName !== b.localName) return 0;
  return 0.4 * jaccard(stableClasses(a), stableClasses(b)) + 0.6 * jaccard(shapeOf(a), shapeOf(b));
}

/** Same tag, under parents of the same tag and classes, sharing most stable classes and most of the shape. */
export function sameKind(a: Element, b: Element): boolean {
  if (a === b) return true;
  const pa = a.parentElement;
  const pb = b.parentElement;
  if (a.localName !== b.localName || !pa || !pb || pa.localName !== pb.localName) return false;
  if (pa !== pb && jaccard(stableClasses(pa), stableClasses(pb)) < 0.5) return false;
  return jaccard(stableClasses(a), stableClasses(b)) >= 0.5 && jaccard(shapeOf(a), shapeOf(b)) >= 0.5;
}

/** Every element of the document of the same kind as `el` (itself included), in document order. */
export function similarGroup(el: Element): Element[] {
  return Array.from(document.getElementsByTagName(el.localName)).filter((x) => sameKind(el, x));
}

export interface Level {
  el: Element;
  group: Element[];
}

/** `el` and its ancestors (below body) that repeat on the page, innermost first. */
export function repeatingLevels(el: Element): Level[] {
  const out: Level[] = [];
  for (let cur: Element | null = el; cur && cur !== document.body && cur !== document.documentElement; cur = cur.parentElement) {
    const group = similarGroup(cur);
    if (group.length >= 2) out.push({ el: cur, group });
  }
  return out;
}

/** `el` has a sibling of its kind (the parent repeats it). */
function repeatsAmongSiblings(el: Element): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  for (const s of Array.from(parent.children)) if (s !== el && sameKind(el, s)) return true;
  return false;
}

/**
 * The repeating item a click means: the nearest element, from the click up, that its parent repeats (a sibling of
 * the same kind), so a click on a title in a card selects the cards. A table cell means its row. When no ancestor
 * repeats among siblings (every item wrapped alone), the level repeated most often in the document; else the
 * element itself.
 */
export function liftToItem(el: Element): Level {
  for (let cur: Element | null = el; cur && cur !== document.body && cur !== document.documentElement; cur = cur.parentElement) {
    if (!repeatsAmongSiblings(cur)) continue;
    if (cur.localName === 'td' || cur.localName === 'th') {
      const row = cur.closest('tr');
      if (row && repeatsAmongSiblings(row)) return { el: row, group: similarGroup(row) };
    }
    return { el: cur, group: similarGroup(cur) };
  }
  const levels = repeatingLevels(el);
  if (levels.length === 0) return { el, group: [el] };
  const max = Math.max(...levels.map((l) => l.group.length));
  let best = levels[0] as Level;
  for (const l of levels) if (l.group.length === max) best = l;
  return best;
}
