import type { PageSpec } from '@scrapifie/recipe';

export type Row = Record<string, unknown>;

/** What the evaluator needs to know about the page it is looking at. */
export interface PageContext {
  /** The final URL of the page (after redirects); relative links resolve against it (or its <base href>). */
  url: string;
  /** Link depth of this page from its start URL. */
  depth: number;
  /** Values merged into every row of this page: input columns carried from the start, or the parent row of a "merge" follow. */
  parentRow?: Row | undefined;
  /** The page number of this page in a pagination chain: set on pages planned by a URL template or by a "next" link
   *  (the first page of a chain has none and counts as `startPage`). */
  pageNumber?: number | undefined;
}

/** A request the page asks the crawler to make next. */
export interface PlannedRequest {
  url: string;
  /** Which PageSpec of the recipe applies to the target, as a path: "page", "page.follow[0].page", ... */
  specPath: string;
  depth: number;
  kind: 'pagination' | 'follow';
  /** Rows to merge into the target page's rows ("merge" follows; pagination passes its own parentRow on). */
  parentRow?: Row | undefined;
  pageNumber?: number | undefined;
}

export interface DroppedRow {
  index: number;
  /** e.g. 'required field "price" is empty' */
  reason: string;
}

export interface PageOutcome {
  /** Rows ready to store, in document order. Rows waiting on a "merge" follow are not here: they come back with the detail page. */
  rows: Row[];
  dropped: DroppedRow[];
  requests: PlannedRequest[];
}

/** The document operations the evaluator needs: implemented over htmlparser2 (static HTML) and over the live DOM (in the page). */
export interface DomAdapter<N> {
  root(): N;
  /** CSS selection with querySelectorAll semantics: the context node's descendants that match the selector
   *  (ancestors outside the context may satisfy combinators; ":scope" is the context node, or the root element
   *  when the context is the document). An invalid or unsupported selector throws an InvalidInputError. */
  selectAll(css: string, context: N): N[];
  /** The first node selectAll would return, without collecting the rest. */
  selectFirst(css: string, context: N): N | null;
  /** XPath 1.0 relative to the context node, results in document order. Only elements: an expression that selects
   *  text or attribute nodes, or yields a string/number/boolean, throws an InvalidInputError saying what to use instead. */
  selectXPath(xpath: string, context: N): N[];
  /** textContent of the node (the evaluator normalises whitespace); for the document, its root element's. */
  text(node: N): string;
  /** The node's own direct text children, concatenated. */
  ownText(node: N): string;
  attr(node: N, name: string): string | undefined;
  /** outerHTML as a browser serialises it; for the document, its root element's. */
  outerHtml(node: N): string;
  innerHtml(node: N): string;
  /** The document's base URL: <base href> resolved against the page URL, else the page URL. */
  baseUrl(pageUrl: string): string;
}

export type { PageSpec };
