import type { Pagination, Selector } from '@scrapifie/recipe';
import type { PageContext, PlannedRequest } from '../types.ts';
import { toCrawlableUrl } from '../urls.ts';
import { selectNodes, type EvalEnv } from './fields.ts';

/**
 * The link of a matched element: its own href (an <a>, or a <link rel="next">), else the href of the closest
 * enclosing <a href> (the match is a <span> inside the link), else of the first <a href> inside it
 * (the match is an <li class="next"> around the link).
 */
export function linkOf<N>(node: N, env: EvalEnv<N>): string | undefined {
  const own = env.dom.attr(node, 'href');
  if (own !== undefined) return own;
  const [ancestor] = env.dom.selectXPath('ancestor::a[@href][1]', node);
  if (ancestor !== undefined) return env.dom.attr(ancestor, 'href');
  const inner = env.dom.selectFirst('a[href]', node);
  return inner === null ? undefined : env.dom.attr(inner, 'href');
}

/** Crawlable links of every element the selector matches on the page, in document order. */
export function linksOf<N>(sel: Selector, env: EvalEnv<N>): string[] {
  const urls: string[] = [];
  for (const node of selectNodes(sel, env.dom.root(), env, false)) {
    const url = toCrawlableUrl(linkOf(node, env), env.baseUrl);
    if (url !== null) urls.push(url);
  }
  return urls;
}

/** The first crawlable link among the elements the selector matches (looks at the first match alone when it has one). */
function firstLinkOf<N>(sel: Selector, env: EvalEnv<N>): string | undefined {
  const [first] = selectNodes(sel, env.dom.root(), env, true);
  if (first === undefined) return undefined;
  return toCrawlableUrl(linkOf(first, env), env.baseUrl) ?? linksOf(sel, env)[0];
}

/**
 * Pagination requests of a page.
 *  - urlTemplate: only the first page of the chain (no ctx.pageNumber; it is page `startPage`) plans the rest,
 *    pages startPage+1 .. startPage+maxPages-1, each with its pageNumber; the generated pages plan nothing.
 *    A `next` selector given with a template is not used.
 *  - next: the first matched element with a crawlable link gives the next page, numbered
 *    (ctx.pageNumber ?? startPage) + 1; with maxPages, no page beyond startPage+maxPages-1 is planned.
 *  - pager: every link of the numbered pager is planned (page numbers unknown, so maxPages does not apply;
 *    limits.maxPages and maxDepth do); the frontier drops the pages it has seen. Combined with next: both.
 * Pagination requests keep the spec path and pass the page's own parentRow on.
 */
export function planPagination<N>(p: Pagination, specPath: string, ctx: PageContext, env: EvalEnv<N>): PlannedRequest[] {
  const start = p.startPage ?? 1;
  const base: PlannedRequest = { kind: 'pagination', url: '', specPath, depth: ctx.depth + 1 };
  if (ctx.parentRow !== undefined) base.parentRow = ctx.parentRow;
  if (p.urlTemplate !== undefined) {
    if (ctx.pageNumber !== undefined || p.maxPages === undefined) return [];
    const out: PlannedRequest[] = [];
    for (let n = start + 1; n <= start + p.maxPages - 1; n++) {
      const url = toCrawlableUrl(p.urlTemplate.replaceAll('{page}', String(n)), env.baseUrl);
      if (url !== null) out.push({ ...base, url, pageNumber: n });
    }
    return out;
  }
  const pager = p.pager === undefined ? [] : linksOf(p.pager, env).map((url): PlannedRequest => ({ ...base, url }));
  if (p.next === undefined) return pager;
  const pageNumber = (ctx.pageNumber ?? start) + 1;
  if (p.maxPages !== undefined && pageNumber > start + p.maxPages - 1) return pager;
  const url = firstLinkOf(p.next, env);
  return url === undefined ? pager : [{ ...base, url, pageNumber }, ...pager];
}

/** The URLs held by a row's link field: a string, or each string of an array (a `many` field). */
export function urlsInValue(value: unknown, baseUrl: string): string[] {
  const raw = Array.isArray(value) ? value : [value];
  const urls: string[] = [];
  for (const v of raw) {
    const url = toCrawlableUrl(v, baseUrl);
    if (url !== null) urls.push(url);
  }
  return urls;
}

/** Drops requests already planned by this page (same kind, spec, URL and parent row). */
export function dedupeRequests(requests: PlannedRequest[]): PlannedRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    const key = `${r.kind}\u0000${r.specPath}\u0000${r.url}\u0000${r.parentRow === undefined ? '' : JSON.stringify(r.parentRow)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

