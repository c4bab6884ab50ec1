import { InvalidInputError, type Transform } from '@scrapifie/recipe';
import { isEmptyValue, normalizeWhitespace } from '../text.ts';
import { resolveUrl } from '../urls.ts';
import { parseDate } from './dates.ts';
import { parseInteger, parseNumber, parsePrice } from './numbers.ts';
import { compileRegex } from './regexes.ts';
import { stripHtml } from './strip-html.ts';

export interface TransformContext {
  /** The document's base URL, for `absoluteUrl`. */
  baseUrl: string;
}

type Scalar = (value: unknown) => unknown;

/** Applies `fn` to strings; other values (numbers, booleans, null, objects of a nested list) pass unchanged. */
const onString =
  (fn: (s: string) => unknown): Scalar =>
  (v) =>
    typeof v === 'string' ? fn(v) : v;

/** For parsers: strings are parsed (null when unreadable), numbers go through `num`, null stays null. */
const parse =
  (fn: (s: string) => unknown, num: (n: number) => unknown = (n) => n): Scalar =>
  (v) =>
    typeof v === 'string' ? fn(v) : typeof v === 'number' ? num(v) : v;

function scalarTransform(t: Exclude<Transform, { split: string } | { join: string } | { default: unknown }>, ctx: TransformContext): Scalar {
  if (typeof t === 'string') {
    switch (t) {
      case 'trim':
        return onString((s) => s.trim());
      case 'normalizeWhitespace':
        return onString(normalizeWhitespace);
      case 'lowercase':
        return onString((s) => s.toLowerCase());
      case 'uppercase':
        return onString((s) => s.toUpperCase());
      case 'number':
        return parse((s) => parseNumber(s, '.'));
      case 'integer':
        return parse(parseInteger, (n) => Math.trunc(n) || 0);
      case 'price':
        return parse(parsePrice);
      case 'date':
        return onString((s) => parseDate(s, 'ymd'));
      case 'absoluteUrl':
        return onString((s) => (s.trim() === '' ? null : resolveUrl(s, ctx.baseUrl)));
      case 'stripHtml':
        return onString(stripHtml);
    }
  }
  if ('regex' in t) {
    const { pattern, flags } = t.regex;
    const group = t.regex.group ?? 1;
    const { re, groups } = compileRegex(t, pattern, flags, false);
    if (groups > 0 && group > groups)
      throw new InvalidInputError('INVALID_RECIPE', `regular expression /${pattern}/ has ${groups} capture group(s), so group ${group} does not exist`);
    // A pattern without groups gives its whole match (the schema's default group is 1).
    const index = groups === 0 ? 0 : group;
    return onString((s) => re.exec(s)?.[index] ?? null);
  }
  if ('replace' in t) {
    const { re } = compileRegex(t, t.replace.pattern, t.replace.flags, true);
    const replacement = t.replace.with;
    return onString((s) => s.replace(re, replacement));
  }
  if ('number' in t) {
    const decimal = t.number.decimal ?? '.';
    return parse((s) => parseNumber(s, decimal));
  }
  if ('date' in t) {
    const order = t.date.order ?? 'ymd';
    return onString((s) => parseDate(s, order));
  }
  throw new InvalidInputError('INVALID_RECIPE', `unknown transform ${JSON.stringify(t)}`);
}

/**
 * Applies the transforms in order. On an array (a `many` field, a nested list) every transform applies to each
 * element, except `split` (splits each string and flattens), `join` and `default`, which see the whole value.
 *  - split: a string becomes its trimmed, non-empty parts around the separator.
 *  - join: an array becomes the string of its non-null elements joined by the separator (null when none).
 *  - default: replaces null, "" and [] by the given value.
 * String transforms leave non-strings unchanged; number, integer, price and date turn unreadable text into null.
 */
export function applyTransforms(value: unknown, transforms: readonly Transform[] | undefined, ctx: TransformContext): unknown {
  if (!transforms || transforms.length === 0) return value;
  let v = value;
  for (const t of transforms) {
    if (typeof t === 'object' && t !== null && 'split' in t) {
      const sep = t.split;
      const splitOne = (s: unknown): unknown[] => (typeof s === 'string' ? s.split(sep).map((p) => p.trim()).filter((p) => p !== '') : [s]);
      v = typeof v === 'string' ? splitOne(v) : Array.isArray(v) ? v.flatMap(splitOne) : v;
    } else if (typeof t === 'object' && t !== null && 'join' in t) {
      if (Array.isArray(v)) {
        const parts = v.filter((p) => p !== null && p !== undefined).map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
        v = parts.length === 0 ? null : parts.join(t.join);
      }
    } else if (typeof t === 'object' && t !== null && 'default' in t) {
      if (isEmptyValue(v)) v = t.default;
    } else {
      const fn = scalarTransform(t, ctx);
      v = Array.isArray(v) ? v.map(fn) : fn(v);
    }
  }
  return v;
}
