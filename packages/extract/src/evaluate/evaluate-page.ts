import { InvalidInputError, type PageSpec } from '@scrapifie/recipe';
import type { DomAdapter, DroppedRow, PageContext, PageOutcome, PlannedRequest, Row } from '../types.ts';
import { isEmptyValue } from '../text.ts';
import { evaluateFields, selectNodes, type EvalEnv } from './fields.ts';
import { dedupeRequests, linksOf, planPagination, urlsInValue } from './links.ts';

interface Candidate {
  index: number;
  row: Row;
}

function droppedReason(missing: string[]): string {
  return missing.length === 1 ? `required field "${missing[0]}" is empty` : `required fields ${missing.map((m) => `"${m}"`).join(', ')} are empty`;
}

/**
 * Evaluates one page of a recipe: rows, rows dropped for an empty required field, and the requests to make next.
 * Pure: everything it knows comes from the DomAdapter and the context, so the static path (HTTP tier) and the
 * in-page path (browser tier, designer preview) give the same outcome for the same document.
 *
 * Rows: one per `items` match, with the page-level `fields` merged in (item fields win); without `items`, one row
 * of the page fields. `ctx.parentRow` is merged under every row (row values win, null included).
 * Follows (`${specPath}.follow[i].page`, depth + 1), then pagination (see planPagination); duplicates within the
 * page are planned once. A "merge" follow holds its row back and sends it with the request as parentRow; the row
 * is emitted as is when it has no crawlable link.
 */
export function evaluatePage<N>(spec: PageSpec, specPath: string, dom: DomAdapter<N>, ctx: PageContext): PageOutcome {
  const env: EvalEnv<N> = { dom, baseUrl: dom.baseUrl(ctx.url) };
  const root = dom.root();
  const parent = ctx.parentRow ?? {};
  const page = spec.fields ? evaluateFields(spec.fields, root, env) : { values: {}, missing: [] };
  const candidates: Candidate[] = [];
  const dropped: DroppedRow[] = [];
  const consider = (index: number, row: Row, itemMissing: string[]): void => {
    const missing = [...itemMissing, ...page.missing.filter((name) => !itemMissing.includes(name) && isEmptyValue(row[name]))];
    if (missing.length > 0) dropped.push({ index, reason: droppedReason(missing) });
    else candidates.push({ index, row });
  };

  if (spec.items) {
    const itemFields = spec.items.fields ?? {};
    selectNodes(spec.items, root, env, false).forEach((node, index) => {
      const item = evaluateFields(itemFields, node, env);
      consider(index, { ...parent, ...page.values, ...item.values }, item.missing);
    });
  } else if (spec.fields && Object.keys(spec.fields).length > 0) {
    consider(0, { ...parent, ...page.values }, []);
  }

  const requests: PlannedRequest[] = [];
  const heldBack = new Set<Candidate>();
  (spec.follow ?? []).forEach((follow, i) => {
    const base: PlannedRequest = { kind: 'follow', url: '', specPath: `${specPath}.follow[${i}].page`, depth: ctx.depth + 1 };
    if (follow.field !== undefined) {
      const merge = (follow.mode ?? 'merge') === 'merge';
      for (const c of candidates) {
        for (const url of urlsInValue(c.row[follow.field], env.baseUrl)) {
          requests.push(merge ? { ...base, url, parentRow: c.row } : { ...base, url });
          if (merge) heldBack.add(c);
        }
      }
      return;
    }
    if (follow.mode === 'merge')
      throw new InvalidInputError('INVALID_RECIPE', `${specPath}.follow[${i}]: mode "merge" needs "field" (a per-item link); use mode "rows" for page-level links`);
    const sel = follow.css !== undefined ? { css: follow.css } : follow.xpath !== undefined ? { xpath: follow.xpath } : undefined;
    if (!sel) throw new InvalidInputError('INVALID_RECIPE', `${specPath}.follow[${i}]: follow needs exactly one of "field", "css" or "xpath"`);
    for (const url of linksOf(sel, env)) requests.push({ ...base, url });
  });
  if (spec.pagination) requests.push(...planPagination(spec.pagination, specPath, ctx, env));

  return {
    rows: candidates.filter((c) => !heldBack.has(c)).map((c) => c.row),
    dropped,
    requests: dedupeRequests(requests),
  };
}
