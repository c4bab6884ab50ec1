import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** 16 URL-safe characters (96 bits) of SHA-1: short, and collision-free at any crawl size we meet. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/**
 * Identifies a request within a run: the page spec, the normalised URL and the parent row (if any).
 * The same listing URL is therefore crawled once, while one detail URL followed from two parent rows
 * ("merge") is two requests, one per row it completes.
 */
export function requestKey(specPath: string, normalizedUrl: string, parentRow?: Record<string, unknown>): string {
  const parent = parentRow && Object.keys(parentRow).length > 0 ? stableStringify(parentRow) : '';
  return shortHash(`${specPath}\n${normalizedUrl}\n${parent}`);
}

/** A row's key within the run: the hash of its itemKey fields when the recipe names them, else its place on its page. */
export function rowKey(itemKey: readonly string[] | undefined, row: Record<string, unknown>, reqKey: string, index: number): string {
  if (!itemKey?.length) return `${reqKey}#${index}`;
  return `k:${shortHash(stableStringify(itemKey.map((f) => row[f] ?? null)))}`;
}
