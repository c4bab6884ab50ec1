import type { CrawlStore, StoredResult } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';

export const FILTER_OPS = ['eq', 'ne', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'] as const;
type FilterOp = (typeof FILTER_OPS)[number];

export interface Condition {
  field: string;
  op: FilterOp;
  value: string | undefined;
}

export interface ResultsQuery {
  cursor?: string | undefined;
  limit: number;
  /** "field:op:value", all must hold; e.g. "price:gt:10", "category:eq:Books", "sku:exists". */
  filter?: string | string[] | undefined;
  /** A field name, "-field" for descending. */
  sort?: string | undefined;
}

export interface ResultsPage {
  items: StoredResult[];
  /** Pass as `cursor` for the next page; null when there is nothing more. */
  nextCursor: string | null;
}

const META_FIELDS = new Set(['$url', '$key', '$tier', '$fetchedAt', '$seq', '$attempts']);
const SCAN_BATCH = 500;

function bad(path: string, message: string): never {
  throw new InvalidInputError('INVALID_INPUT', `${path}: ${message}`, [{ path, message }]);
}

export function parseFilters(filter: string | string[] | undefined): Condition[] {
  const list = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  return list.map((f, i) => {
    const m = /^([^:]+):([a-z]+)(?::([\s\S]*))?$/.exec(f);
    if (!m) return bad(`filter[${i}]`, `"${f}" is not "field:op:value" (ops: ${FILTER_OPS.join(', ')})`);
    const op = m[2] as FilterOp;
    if (!FILTER_OPS.includes(op)) return bad(`filter[${i}]`, `unknown operator "${m[2]}" (ops: ${FILTER_OPS.join(', ')})`);
    if (op !== 'exists' && op !== 'missing' && m[3] === undefined) return bad(`filter[${i}]`, `"${op}" needs a value: "${m[1]}:${op}:value"`);
    return { field: m[1]!, op, value: m[3] };
  });
}

/** A data field by name ("a.b" descends into objects), or a row property with "$" ("$url", "$fetchedAt", "$seq"). */
export function fieldValue(row: StoredResult, field: string): unknown {
  if (META_FIELDS.has(field)) return row[field.slice(1) as keyof StoredResult];
  let v: unknown = row.data;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Numbers compare as numbers (also numeric strings against a numeric operand), everything else as strings. */
function compare(a: unknown, b: unknown): number {
  const na = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function holds(row: StoredResult, c: Condition): boolean {
  const v = fieldValue(row, c.field);
  switch (c.op) {
    case 'exists':
      return !isEmpty(v);
    case 'missing':
      return isEmpty(v);
    case 'contains':
      return !isEmpty(v) && (typeof v === 'string' ? v : JSON.stringify(v)).toLowerCase().includes(c.value!.toLowerCase());
    case 'eq':
      return !isEmpty(v) && compare(v, c.value) === 0;
    case 'ne':
      return isEmpty(v) || compare(v, c.value) !== 0;
    case 'gt':
      return !isEmpty(v) && compare(v, c.value) > 0;
    case 'gte':
      return !isEmpty(v) && compare(v, c.value) >= 0;
    case 'lt':
      return !isEmpty(v) && compare(v, c.value) < 0;
    case 'lte':
      return !isEmpty(v) && compare(v, c.value) <= 0;
  }
}

type Cursor = { s: number } | { o: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string | undefined, sorted: boolean): Cursor | null {
  if (raw === undefined || raw === '') return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!sorted && Number.isInteger(c.s)) return { s: c.s as number };
    if (sorted && Number.isInteger(c.o)) return { o: c.o as number };
  } catch {
    // fall through
  }
  return bad('cursor', 'not a cursor of this query (use the nextCursor of the previous page, with the same sort)');
}

/**
 * One page of a run's rows. Without sort: in insertion order from the cursor, scanning at most `maxScan` rows (a sparse
 * filter may return a short page with a cursor to go on). With sort: all rows (at most `maxScan`) sorted in memory.
 */
export async function pageResults(store: CrawlStore, runId: string, q: ResultsQuery, maxScan: number): Promise<ResultsPage> {
  const conditions = parseFilters(q.filter);
  const matches = (r: StoredResult): boolean => conditions.every((c) => holds(r, c));
  if (q.sort === undefined || q.sort === '') {
    const cursor = decodeCursor(q.cursor, false) as { s: number } | null;
    let afterSeq = cursor?.s;
    const items: StoredResult[] = [];
    for (let scanned = 0; scanned < maxScan; ) {
      const batch = await store.results(runId, { afterSeq, limit: Math.min(SCAN_BATCH, maxScan - scanned) });
      if (batch.length === 0) return { items, nextCursor: null };
      for (const r of batch) {
        afterSeq = r.seq;
        scanned++;
        if (!matches(r)) continue;
        items.push(r);
        if (items.length === q.limit) return { items, nextCursor: encodeCursor({ s: r.seq }) };
      }
    }
    return { items, nextCursor: afterSeq === undefined ? null : encodeCursor({ s: afterSeq }) };
  }
  const desc = q.sort.startsWith('-');
  const field = desc ? q.sort.slice(1) : q.sort;
  if (!field) bad('sort', 'name a field to sort by, e.g. "price" or "-price"');
  const offset = (decodeCursor(q.cursor, true) as { o: number } | null)?.o ?? 0;
  const all: StoredResult[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const batch = await store.results(runId, { afterSeq, limit: SCAN_BATCH });
    if (batch.length === 0) break;
    for (const r of batch) if (matches(r)) all.push(r);
    afterSeq = batch[batch.length - 1]!.seq;
    if (all.length > maxScan) bad('sort', `sorting holds every matching row in memory, and this run has more than ${maxScan}: filter further, page without sort, or export`);
  }
  all.sort((a, b) => {
    const va = fieldValue(a, field);
    const vb = fieldValue(b, field);
    if (isEmpty(va) !== isEmpty(vb)) return isEmpty(va) ? 1 : -1; // empty values last, either way
    const c = isEmpty(va) ? 0 : compare(va, vb);
    return (desc ? -c : c) || a.seq - b.seq;
  });
  const items = all.slice(offset, offset + q.limit);
  return { items, nextCursor: offset + q.limit < all.length ? encodeCursor({ o: offset + q.limit }) : null };
}
