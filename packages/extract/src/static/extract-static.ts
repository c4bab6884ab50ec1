import type { PageSpec } from '@scrapifie/recipe';
import { evaluatePage } from '../evaluate/evaluate-page.ts';
import type { PageContext, PageOutcome } from '../types.ts';
import { parseHtml } from './parse-html.ts';
import { createStaticAdapter } from './static-adapter.ts';

export interface StaticPageContext extends PageContext {
  /** The Content-Type response header, for its charset. */
  contentType?: string | undefined;
  /** Larger bodies are refused with BODY_TOO_LARGE. Default 10 MB. */
  maxBytes?: number | undefined;
}

/** One page of the HTTP tier: decode, parse and evaluate the spec. What the engine calls per fetched page. */
export function extractStatic(spec: PageSpec, specPath: string, body: Uint8Array | string, ctx: StaticPageContext): PageOutcome {
  const doc = parseHtml(body, { url: ctx.url, contentType: ctx.contentType, maxBytes: ctx.maxBytes });
  const { contentType: _contentType, maxBytes: _maxBytes, ...pageContext } = ctx;
  return evaluatePage(spec, specPath, createStaticAdapter(doc), pageContext);
}
