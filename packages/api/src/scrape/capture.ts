import type { EvaluationContext, PageEvaluator } from '@scrapifie/engine';
import { createStaticAdapter, decodeHtml, evaluatePage, normalizeWhitespace, parseHtml } from '@scrapifie/extract';
import type { PageSpec } from '@scrapifie/recipe';
import { htmlToMarkdown, htmlToText, type ContentFormat } from './content.ts';

/** The row a one-off scrape stores for its page (see results/columns.ts SCRAPE_COLUMNS). */
export interface ScrapeRow {
  url: string;
  title: string | null;
  format: ContentFormat;
  content: string;
  /** The page fields' values (an object), the items (an array) when the spec has items, or null when nothing was asked. */
  data: Record<string, unknown> | Array<Record<string, unknown>> | null;
  /** Why rows were dropped (a required field was empty). */
  dropped: string[];
}

function wantsData(spec: PageSpec): 'items' | 'fields' | null {
  if (spec.items) return 'items';
  return Object.keys(spec.fields ?? {}).length > 0 ? 'fields' : null;
}

/**
 * The one-off scrape's evaluator: one row per page with the page's content in the chosen format and the
 * recipe's extracted data; it plans no further requests (a one-off scrape is one page; batches and runs crawl).
 */
export function captureEvaluator(format: ContentFormat): PageEvaluator {
  return (spec: PageSpec, specPath: string, body: Uint8Array | string, ctx: EvaluationContext) => {
    const doc = parseHtml(body, { url: ctx.url, contentType: ctx.contentType, maxBytes: ctx.maxBytes });
    const adapter = createStaticAdapter(doc);
    const outcome = evaluatePage(spec, specPath, adapter, { url: ctx.url, depth: ctx.depth, parentRow: ctx.parentRow, pageNumber: ctx.pageNumber });
    const root = adapter.root();
    const titleNode = adapter.selectFirst('title', root);
    const bodyNode = adapter.selectFirst('body', root);
    const bodyHtml = bodyNode ? adapter.innerHtml(bodyNode) : adapter.outerHtml(root);
    const content =
      format === 'html'
        ? typeof body === 'string'
          ? body
          : decodeHtml(body, ctx.contentType)
        : format === 'text'
          ? htmlToText(bodyHtml)
          : htmlToMarkdown(bodyHtml, adapter.baseUrl(ctx.url));
    const kind = wantsData(spec);
    const row: ScrapeRow = {
      url: ctx.url,
      title: titleNode ? normalizeWhitespace(adapter.text(titleNode)) : null,
      format,
      content,
      data: kind === 'items' ? (outcome.rows as Array<Record<string, unknown>>) : kind === 'fields' ? ((outcome.rows[0] as Record<string, unknown> | undefined) ?? null) : null,
      dropped: outcome.dropped.map((d) => d.reason),
    };
    return { rows: [row as unknown as Record<string, unknown>], dropped: outcome.dropped, requests: [] };
  };
}
