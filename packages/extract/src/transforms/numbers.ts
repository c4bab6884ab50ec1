/**
 * Numbers out of human text, the same in Node and in the browser (no locale APIs involved).
 *
 * The number is the FIRST numeric token of the text: digits, optionally grouped and with one decimal part, e.g.
 * "1,299.99", "1.299,99", "1 299,99" (space, no-break space or thin space between groups of three), "1'299.00".
 * Text around it is ignored ("Price: $12.99 (save 3.00)" -> 12.99). It is negative when a minus sign stands
 * right before it, with at most a currency symbol between ("-$5", "$-5", "USD -5", "−5"), but not after a
 * letter or digit ("SKU-123" -> 123).
 */

// Groups of exactly three digits may follow a space-like or apostrophe separator; "." and "," take any digits.
const TOKEN = /\d+(?:[.,]\d+|[ \u00a0\u202f\u2009'\u2019]\d{3}(?!\d))*/u;
const NEGATIVE_PREFIX = /(?:^|[^\p{L}\p{N}])[-\u2212\u2012\u2013]\s*\p{Sc}?\s*$/u;
const SPACE_GROUPS = /[ \u00a0\u202f\u2009'\u2019]/g;

interface NumericToken {
  digits: string;
  negative: boolean;
}

function findToken(text: string): NumericToken | null {
  const m = TOKEN.exec(text);
  if (!m) return null;
  return { digits: m[0].replace(SPACE_GROUPS, ''), negative: NEGATIVE_PREFIX.test(text.slice(0, m.index)) };
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function finish(token: NumericToken, digitsWithDotDecimal: string): number | null {
  const n = Number(digitsWithDotDecimal);
  if (!Number.isFinite(n)) return null;
  return token.negative && n !== 0 ? -n : n;
}

/**
 * `number`: the decimal separator is given ("." by default, "," for "1.234,56"); the other of "." and "," and
 * spaces are thousands separators and are dropped. A second decimal separator, or a thousands separator after
 * the decimal one, makes the text not a number (null) rather than a wrong number.
 */
export function parseNumber(text: string, decimal: '.' | ',' = '.'): number | null {
  const token = findToken(text);
  if (!token) return null;
  const group = decimal === '.' ? ',' : '.';
  const { digits } = token;
  const at = digits.indexOf(decimal);
  if (at !== -1 && (digits.indexOf(decimal, at + 1) !== -1 || digits.indexOf(group, at) !== -1)) return null;
  return finish(token, digits.split(group).join('').replace(decimal, '.'));
}

/** `integer`: as `number` with "." as decimal separator, then truncated toward zero ("12.99" -> 12). */
export function parseInteger(text: string): number | null {
  const n = parseNumber(text, '.');
  return n === null ? null : Math.trunc(n) || 0;
}

/**
 * `price`: the decimal separator is detected.
 *  - Both "." and "," present: the one that comes last is the decimal separator ("1,299.99", "1.299,99").
 *  - Only one of them, several times: thousands separators ("1,299,000", "1.299.000").
 *  - Only one of them, once: a thousands separator when exactly three digits follow and the part before is
 *    1-3 digits and not "0" ("1,299" and "1.299" -> 1299); otherwise the decimal separator ("12,99", "0.125").
 *  - Spaces and apostrophes between groups of three are thousands separators ("1 299,99", "1'299.00").
 * Null when the text holds no number or the separators contradict each other ("1.2.3,4,5").
 */
export function parsePrice(text: string): number | null {
  const token = findToken(text);
  if (!token) return null;
  const { digits } = token;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return finish(token, digits);
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ',';
    if (count(digits, decimal) > 1) return null;
    const group = decimal === '.' ? ',' : '.';
    if (!validGroups(digits.slice(0, digits.indexOf(decimal)).split(group))) return null;
    return finish(token, digits.split(group).join('').replace(decimal, '.'));
  }
  const sep = lastDot !== -1 ? '.' : ',';
  const parts = digits.split(sep);
  if (parts.length > 2) return validGroups(parts) ? finish(token, parts.join('')) : null;
  const [before = '', after = ''] = parts;
  const isGrouping = after.length === 3 && before.length <= 3 && before !== '0';
  return finish(token, isGrouping ? before + after : `${before}.${after}`);
}

/** "1", "234", "567": a leading group of 1-3 digits, then groups of exactly three. */
function validGroups(parts: string[]): boolean {
  return parts.every((p, i) => (i === 0 ? p.length >= 1 && p.length <= 3 : p.length === 3));
}
