/**
 * The in-page entry of the picker bundle (dist/designer.picker.js, an IIFE): defines
 * globalThis.__scrapifieDesigner. Every function takes and returns plain JSON (it is called through
 * page.evaluate); elements are named by numbered references. Errors are thrown as "CODE: message".
 */
import { clickTargetAt, describeTarget, focusedTarget, uniqueSelector } from './action-target.ts';
import { pageCandidates } from './candidates.ts';
import { absoluteUrl, boxOf, countMatches, elementAtPoint, labelOf, matchesSelector, normText, tagOf } from './dom.ts';
import { suggestField, type FieldRequest } from './fields.ts';
import { generaliseList } from './generalise.ts';
import { clearAll, drawnBoxes, showLayer, type Layer } from './overlay.ts';
import { candidateAt, detectPaginationControls } from './pagination.ts';
import { elementFor, refFor } from './registry.ts';
import type { ElementDescriptor, HoverReport, PaginationCandidateResult, SelectorSpec } from './types.ts';

export const PICKER_VERSION = 1;

function hoverReport(el: Element): HoverReport {
  return { ref: refFor(el), tag: tagOf(el), label: labelOf(el), box: boxOf(el) };
}

function describe(el: Element): ElementDescriptor {
  const attributes: Record<string, string> = {};
  for (const a of Array.from(el.attributes).slice(0, 30)) attributes[a.name] = a.value.slice(0, 200);
  const link = el.closest('a[href]') ?? el.querySelector('a[href]');
  const img = el.localName === 'img' ? el : el.querySelector('img');
  return {
    ...hoverReport(el),
    text: normText(el.textContent).slice(0, 200),
    attributes,
    href: link ? absoluteUrl(link.getAttribute('href')) : undefined,
    src: img ? absoluteUrl(img.getAttribute('src')) : undefined,
    candidates: pageCandidates(el),
  };
}

function point(x: number, y: number): Element {
  const el = elementAtPoint(x, y);
  if (!el) throw new Error(`NOTHING_THERE: no element of the page at (${x}, ${y})`);
  return el;
}

function within(contextRef: number | null): ParentNode & Node {
  return contextRef === null ? document : elementFor(contextRef);
}

const api = {
  version: PICKER_VERSION,
  /** Highlights the element under the point and reports it (null over nothing). */
  hover(x: number, y: number): HoverReport | null {
    const el = elementAtPoint(x, y);
    showLayer('hover', el ? [el] : []);
    return el ? hoverReport(el) : null;
  },
  describeAt: (x: number, y: number): ElementDescriptor => describe(point(x, y)),
  describeRef: (ref: number): ElementDescriptor => describe(elementFor(ref)),
  refAt: (x: number, y: number): number => refFor(point(x, y)),
  /** Live match count of a selector (in the document, or inside the referenced element). */
  count: (sel: SelectorSpec, contextRef: number | null = null): number => countMatches(sel, within(contextRef)),
  /** Per item: how many items the relative selector finds something in, and the total matches. */
  countInItems(items: SelectorSpec, sel: SelectorSpec | null): { items: number; covered: number } {
    const all = matchesSelector(items, document);
    if (sel === null) return { items: all.length, covered: all.length };
    let covered = 0;
    for (const it of all) if (countMatches(sel, it) > 0) covered++;
    return { items: all.length, covered };
  },
  generaliseList,
  suggestField: (req: FieldRequest) => suggestField(req),
  detectPagination: (): PaginationCandidateResult[] => detectPaginationControls(),
  paginationAt: (x: number, y: number, candidates: PaginationCandidateResult[]): number => candidateAt(point(x, y), candidates),
  clickTargetAt,
  focusedTarget,
  targetOf: (ref: number) => describeTarget(elementFor(ref)),
  uniqueSelectorOf: (ref: number): SelectorSpec => uniqueSelector(elementFor(ref)),
  /** Draws a layer: the matches of a selector (optionally relative to the matches of `items`), or nothing. */
  highlight(layer: Layer, sel: SelectorSpec | SelectorSpec[] | null, items: SelectorSpec | null = null): number {
    const sels = sel === null ? [] : Array.isArray(sel) ? sel : [sel];
    const roots: Array<ParentNode & Node> = items ? matchesSelector(items, document) : [document];
    const els: Element[] = [];
    for (const r of sels.length ? roots : []) {
      for (const s of sels) {
        const found = matchesSelector(s, r);
        // Relative to items, a field reads the first match only: show that one.
        if (items) {
          if (found[0]) els.push(found[0]);
        } else els.push(...found);
      }
    }
    showLayer(layer, els);
    return els.length;
  },
  highlightRefs: (layer: Layer, refs: number[]): void => showLayer(layer, refs.map(elementFor)),
  clearHighlights: clearAll,
  drawnBoxes,
  /** Scroll metrics, for the infinite-scroll probe. */
  scrollState: () => ({ scrollY: Math.round(scrollY), scrollHeight: document.documentElement.scrollHeight, innerHeight, elements: document.getElementsByTagName('*').length }),
};

export type DesignerInPage = typeof api;

(globalThis as unknown as { __scrapifieDesigner: DesignerInPage }).__scrapifieDesigner = api;
