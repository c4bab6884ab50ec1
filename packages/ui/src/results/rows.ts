/** A result row as the grid holds it: the extracted data plus the row's own properties. */
export interface GridRow {
  seq: number;
  url: string;
  tier: string;
  fetchedAt: string;
  data: Record<string, unknown>;
}

/** The data columns of rows, in first-seen order (looks at the first `sample` rows). */
export function columnsOf(rows: readonly GridRow[], sample = 1000): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < rows.length && i < sample; i++) for (const k of Object.keys(rows[i]!.data)) seen.add(k);
  return [...seen];
}

/** How a value shows in a cell and in text exports: strings as they are, the rest as JSON. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Looks like markup worth showing rendered (in the sandboxed inspector). */
export function looksLikeHtml(s: string): boolean {
  return /<([a-z][a-z0-9-]*)(\s[^>]*)?>/i.test(s);
}
