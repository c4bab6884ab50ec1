/**
 * How stable an id, class or attribute is likely to be across deployments of a site: pure string heuristics,
 * shared by the in-page picker and Node-side unit tests. Scores are 0..100.
 */

const CSS_IN_JS_PREFIX = /^(css|sc|jsx|svelte|emotion|astro|styled|makeStyles|jss|tw|mui|chakra|st)-/i;
const FRAMEWORK_ID = /^(ember|ext-gen|ext-comp|yui_|gwt-|j_id|ctl\d|react-select-|headlessui-|radix-|mui-|downshift-|:r)/i;
const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i;
const STATE_CLASS = /^(is-|has-|js-|ng-|v-|x-|active$|selected$|current$|hover$|focus(ed)?$|open(ed)?$|closed$|disabled$|enabled$|visible$|hidden$|show$|shown$|collapsed?$|expanded$|loaded$|loading$|lazyload(ed)?$|checked$|odd$|even$|first$|last$|clearfix$)/i;
const UTILITY_CLASS =
  /^(-?(m|p)[trblxyse]?-|-?(top|left|right|bottom|inset|gap|space|w|h|min-w|max-w|min-h|max-h|z|order|col|row|basis|grow|shrink|leading|tracking|rounded|border|shadow|opacity|text|font|bg|from|to|via|ring|grid-cols|grid-rows|col-span|row-span|translate|rotate|scale|duration|ease|delay)-|flex$|grid$|block$|inline$|inline-block$|inline-flex$|hidden$|relative$|absolute$|fixed$|sticky$|static$|container$|truncate$|underline$|uppercase$|lowercase$|capitalize$|italic$|items-|justify-|content-|self-|place-|overflow-|cursor-|select-|pointer-events-|whitespace-|break-|sr-only$|d-|float-|align-|visually-hidden$)/;

/** A name segment that reads like a hash: letters and digits interleaved, hex runs, or random case. */
function hashLikeSegment(seg: string): boolean {
  if (seg.length < 4) return false;
  const digits = (seg.match(/\d/g) ?? []).length;
  const letters = (seg.match(/[a-z]/gi) ?? []).length;
  // A trailing number is a counter or a size (item3, col12, h2): not a hash. Interleaving is.
  const interleaved = /[a-z]\d+[a-z]/i.test(seg) || /^\d+[a-z]+\d/i.test(seg);
  if (digits >= 1 && letters >= 1 && interleaved) return true;
  if (seg.length >= 6 && digits >= 2 && /^[0-9a-f]+$/i.test(seg)) return true;
  let caseChanges = 0;
  for (let i = 1; i < seg.length; i++) {
    const a = seg[i - 1] as string;
    const b = seg[i] as string;
    if (/[a-z]/.test(a) && /[A-Z]/.test(b)) caseChanges++;
  }
  if (seg.length >= 5 && caseChanges >= 2 && caseChanges * 4 >= seg.length - 1) return true;
  if (seg.length >= 7 && !/[aeiouy]/i.test(seg) && letters >= 5) return true;
  return false;
}

/** A class or id that a build tool generated (css-1x2y3z, sc-bdfBwQ, Card_title__3xYz1, a8f3k2, :r1:, a UUID). */
export function isGeneratedToken(token: string): boolean {
  if (token.length === 0) return false;
  if (/[:[\]{}()]/.test(token) && !UTILITY_VARIANT.test(token)) return true;
  if (UUID.test(token) || FRAMEWORK_ID.test(token)) return true;
  if (CSS_IN_JS_PREFIX.test(token)) {
    const rest = token.replace(CSS_IN_JS_PREFIX, '');
    if (/^\d+$/.test(rest) || (rest.length >= 4 && (/\d/.test(rest) || hashLikeSegment(rest) || /[A-Z]/.test(rest)))) return true;
  }
  // CSS modules: Card_title__3xYz1, _title_1x2y3_12, title--a8f3k
  if (/(__|--)[A-Za-z0-9]{5,}$/.test(token) && /\d/.test(token.slice(-8))) return true;
  if (/^_[a-z0-9]{4,}_?/i.test(token) && /\d/.test(token)) return true;
  return token.split(/[-_]+/).some((seg) => hashLikeSegment(seg));
}

/** Tailwind-style variants (md:flex, hover:underline, w-[20px]) are utilities, not generated names. */
const UTILITY_VARIANT = /^([a-z-]+:)+[a-z0-9-]+(\[[^\]]*\])?$|^[a-z-]+-\[[^\]]+\]$/;

export function isUtilityClass(token: string): boolean {
  return UTILITY_VARIANT.test(token) || UTILITY_CLASS.test(token);
}

export function isStateClass(token: string): boolean {
  return STATE_CLASS.test(token);
}

/** 0..100 for a class name used in a selector. */
export function classScore(name: string): number {
  if (isGeneratedToken(name)) return 5;
  if (isStateClass(name)) return 20;
  if (isUtilityClass(name)) return 35;
  if (name.length <= 2) return 40;
  if (/\d{3,}/.test(name)) return 30; // product-12345: one record, not a kind of element
  return 72;
}

/** 0..100 for an id used in a selector. */
export function idScore(id: string): number {
  if (isGeneratedToken(id)) return 5;
  if (/\d{3,}/.test(id)) return 35;
  if (/\d/.test(id)) return 60;
  return 95;
}

const TEST_ATTRIBUTES = new Set(['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'data-automation-id', 'data-e2e']);

/** 0..100 for an attribute test; `withValue` false means a presence test ([data-sku]). */
export function attributeScore(name: string, value: string, withValue: boolean): number {
  if (TEST_ATTRIBUTES.has(name)) return withValue && isGeneratedToken(value) ? 20 : 96;
  if (name === 'itemprop' || name === 'itemtype' || name === 'itemscope') return 90;
  if (name === 'name') return withValue ? 86 : 50;
  if (name === 'rel') return 82;
  if (name === 'role') return 74;
  if (name === 'aria-label' || name === 'title' || name === 'alt' || name === 'placeholder') return withValue ? (value.length > 40 ? 45 : 68) : 45;
  if (name === 'type') return 62;
  if (name === 'href' || name === 'src' || name === 'action') return withValue ? 38 : 48;
  if (name.startsWith('data-')) {
    if (!withValue) return 70;
    if (value.length > 40 || isGeneratedToken(value) || /\d{3,}/.test(value)) return 25;
    return 76;
  }
  if (name.startsWith('aria-')) return withValue ? 55 : 45;
  return withValue ? 50 : 40;
}

/** Attributes worth offering in selectors (not styling, events or long free text). */
export function isSelectorAttribute(name: string): boolean {
  if (name === 'id' || name === 'class' || name === 'style' || name.startsWith('on')) return false;
  if (name.startsWith('data-') || name.startsWith('aria-')) return name !== 'aria-hidden' && name !== 'aria-expanded' && name !== 'aria-selected';
  return ['itemprop', 'itemtype', 'itemscope', 'name', 'rel', 'role', 'title', 'alt', 'type', 'placeholder', 'href', 'for'].includes(name);
}

/** One simple selector of a compound selector: its score, and whether it is a bare tag name. */
export interface ScoredPart {
  score: number;
  kind: string;
}

/**
 * A selector's stability from its parts. Named parts (ids, classes, attributes) carry it: the weakest of them, less a
 * little per extra step. Bare tags only refine (".product-title a" is as stable as its class); a chain of bare tags is
 * a little better than one tag, never great. Every positional step (:nth-of-type) costs a lot.
 */
export function combineScores(parts: ScoredPart[], positional: number): number {
  const named = parts.filter((p) => p.kind !== 'tag');
  const extra = Math.max(0, parts.length - 1);
  const base = named.length > 0 ? Math.min(...named.map((p) => p.score)) - 3 * extra : Math.min(58, Math.max(0, ...parts.map((p) => p.score)) + 4 * extra);
  return Math.max(0, Math.min(100, Math.round(base - 12 * positional)));
}
