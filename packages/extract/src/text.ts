/** True for the values `required` rejects and `default` replaces: null, "" and []. */
export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Runs of whitespace (any Unicode space, including no-break spaces) collapse to one space; the ends are trimmed. */
export function normalizeWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
