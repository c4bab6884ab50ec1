import type { PageOutcome } from '@scrapifie/extract';
import type { FetchTier, ProxyTierName } from '@scrapifie/recipe';
import type { NewRequest, NewResult } from '../ports/store.ts';
import { requestKey, rowKey } from './keys.ts';
import { PRIORITY_FOLLOW, PRIORITY_LISTING } from './start.ts';
import { urlForms } from './url.ts';

export interface PageOutputContext {
  requestKey: string;
  /** Final URL of the page (rows' `url`). */
  url: string;
  tier: FetchTier;
  proxyTier: ProxyTierName;
  attempt: number;
  itemKey: readonly string[] | undefined;
  maxDepth: number | undefined;
}

/** Turns what the evaluator found on a page into rows and requests to store. Links that are not http(s) or lie too deep are left out. */
export function pageOutput(outcome: PageOutcome, ctx: PageOutputContext): { rows: NewResult[]; requests: NewRequest[]; skippedLinks: number } {
  const rows: NewResult[] = new Array(outcome.rows.length);
  for (let i = 0; i < outcome.rows.length; i++) {
    const data = outcome.rows[i] as Record<string, unknown>;
    rows[i] = { key: rowKey(ctx.itemKey, data, ctx.requestKey, i), url: ctx.url, data, tier: ctx.tier, proxyTier: ctx.proxyTier, attempts: ctx.attempt };
  }
  const requests: NewRequest[] = [];
  let skippedLinks = 0;
  for (const p of outcome.requests) {
    if (ctx.maxDepth !== undefined && p.depth > ctx.maxDepth) continue;
    let forms: { fetchable: string; normalized: string };
    try {
      forms = urlForms(p.url);
    } catch {
      skippedLinks++;
      continue;
    }
    requests.push({
      key: requestKey(p.specPath, forms.normalized, p.parentRow),
      url: forms.fetchable,
      specPath: p.specPath,
      depth: p.depth,
      parentRow: p.parentRow,
      pageNumber: p.pageNumber,
      priority: p.kind === 'pagination' ? PRIORITY_LISTING : PRIORITY_FOLLOW,
    });
  }
  return { rows, requests, skippedLinks };
}
