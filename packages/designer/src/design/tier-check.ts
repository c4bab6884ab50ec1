import type { Fetcher } from '@scrapifie/engine';
import { extractStatic, type PageOutcome } from '@scrapifie/extract';
import { evaluateInPage } from '@scrapifie/fetch-browser';
import { InvalidInputError, PageSpecSchema, type Field, type PageSpec } from '@scrapifie/recipe';
import type { DesignerSession } from '../session/designer-session.ts';

export type FieldTier = 'http' | 'browser' | 'empty';

export interface FieldTierResult {
  field: string;
  scope: 'item' | 'page';
  /** "http": works without a browser (the static HTML gives the same values); "browser": needs a browser;
   *  "empty": finds nothing on the live page either (a broken field, not a tier question). */
  tier: FieldTier;
  label: 'works without a browser' | 'needs a browser' | 'finds nothing';
  reason: string;
  /** Non-empty values on the live page and in the static HTML. */
  live: number;
  static: number;
}

export interface TierReport {
  url: string;
  /** HTTP status of the static fetch. */
  status: number;
  items: { live: number; static: number };
  fields: FieldTierResult[];
  pagination?: { tier: 'http' | 'browser'; reason: string } | undefined;
  /** The cheapest fetch mode that gives the same rows: "http" when every field and the pagination work statically. */
  mode: 'http' | 'browser';
  reason: string;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The spec with no field required: each field is judged on its own, no row is dropped for another's sake. */
function relaxed(spec: PageSpec): PageSpec {
  const free = (fields: Record<string, Field> | undefined): Record<string, Field> | undefined =>
    fields && Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, { ...f, required: false, ...(f.fields ? { fields: free(f.fields) } : {}) }]));
  return { ...spec, follow: undefined, actions: undefined, fields: free(spec.fields), items: spec.items && { ...spec.items, fields: free(spec.items.fields) } };
}

function compare(name: string, scope: 'item' | 'page', live: PageOutcome, stat: PageOutcome): FieldTierResult {
  const lv = live.rows.map((r) => r[name]);
  const sv = stat.rows.map((r) => r[name]);
  const liveN = lv.filter((v) => !isEmpty(v)).length;
  const statN = sv.filter((v) => !isEmpty(v)).length;
  const base = { field: name, scope, live: liveN, static: statN };
  if (liveN === 0) return { ...base, tier: 'empty', label: 'finds nothing', reason: 'the field finds nothing on the live page' };
  if (lv.length !== sv.length) {
    return { ...base, tier: 'browser', label: 'needs a browser', reason: `the static HTML has ${sv.length} ${scope === 'item' ? 'items' : 'rows'}, the live page ${lv.length}` };
  }
  const differ = lv.findIndex((v, i) => JSON.stringify(v) !== JSON.stringify(sv[i]));
  if (differ >= 0) {
    const count = lv.filter((v, i) => JSON.stringify(v) !== JSON.stringify(sv[i])).length;
    return { ...base, tier: 'browser', label: 'needs a browser', reason: `${count} of ${lv.length} values differ without a browser (row ${differ + 1}: ${JSON.stringify(sv[differ]).slice(0, 80)} instead of ${JSON.stringify(lv[differ]).slice(0, 80)})` };
  }
  return { ...base, tier: 'http', label: 'works without a browser', reason: `the static HTML gives the same ${lv.length} values` };
}

function paginationUrls(o: PageOutcome): string[] {
  return o.requests.filter((r) => r.kind === 'pagination').map((r) => r.url).sort();
}

/**
 * Runs every field of the draft on the live page and on the HTTP tier's static HTML of the same URL (fetched with
 * `fetcher`, no browser and none of the session's cookies, as a run would), and says which fields work without a
 * browser and which fetch mode the recipe needs.
 */
export async function checkTiers(session: DesignerSession, draft: unknown, fetcher: Fetcher, opts: { url?: string; timeoutMs?: number } = {}): Promise<TierReport> {
  const parsed = PageSpecSchema.safeParse(draft);
  if (!parsed.success) throw new InvalidInputError('INVALID_RECIPE', `the draft is not a valid page spec: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const spec = relaxed(parsed.data);
  const url = opts.url ?? session.url;
  const live = await evaluateInPage(session.page, spec, 'page', { url: session.url, depth: 0 });
  const res = await fetcher.fetch({ url, timeoutMs: opts.timeoutMs ?? 30_000, maxRedirects: 5, maxBodyBytes: 10 * 1024 * 1024, impersonate: 'chrome' });
  const ok = res.status < 400;
  const stat: PageOutcome = ok
    ? extractStatic(spec, 'page', res.body, { url: res.url, depth: 0, contentType: res.headers['content-type'] })
    : { rows: [], dropped: [], requests: [] };
  const fields: FieldTierResult[] = [
    ...Object.keys(spec.items?.fields ?? {}).map((n) => compare(n, 'item', live, stat)),
    ...Object.keys(spec.fields ?? {}).filter((n) => !(n in (spec.items?.fields ?? {}))).map((n) => compare(n, 'page', live, stat)),
  ];
  if (!ok) for (const f of fields) if (f.tier === 'http') Object.assign(f, { tier: 'browser', label: 'needs a browser', reason: `the HTTP tier gets status ${res.status}` });
  let pagination: TierReport['pagination'];
  if (spec.pagination) {
    const [lp, sp] = [paginationUrls(live), paginationUrls(stat)];
    const same = lp.length > 0 && JSON.stringify(lp) === JSON.stringify(sp);
    pagination = same
      ? { tier: 'http', reason: `the static HTML plans the same ${lp.length} page${lp.length > 1 ? 's' : ''}` }
      : { tier: 'browser', reason: lp.length === 0 ? 'the pagination finds no next page on the live page' : `the static HTML plans ${sp.length} pages, the live page ${lp.length}` };
  }
  const needs = fields.filter((f) => f.tier === 'browser').map((f) => f.field);
  const actions = (parsed.data.actions ?? []).length > 0;
  const mode = !actions && needs.length === 0 && pagination?.tier !== 'browser' && fields.some((f) => f.tier === 'http') ? 'http' : 'browser';
  const reason = actions
    ? 'the page runs browser actions'
    : needs.length
      ? `${needs.map((n) => `"${n}"`).join(', ')} need${needs.length === 1 ? 's' : ''} a browser`
      : pagination?.tier === 'browser'
        ? `the pagination needs a browser: ${pagination.reason}`
        : mode === 'http'
          ? 'every field works without a browser'
          : 'no field finds anything yet';
  return { url, status: res.status, items: { live: live.rows.length, static: stat.rows.length }, fields, pagination, mode, reason };
}
