/** A field name from what the element says it is: itemprop, semantic classes, the tag, the attribute. */
import { ancestorsOf, classesOf } from './dom.ts';
import { isGeneratedToken, isStateClass, isUtilityClass } from './stability.ts';
import type { FieldKind } from './types.ts';

const KNOWN = [
  'title', 'name', 'price', 'rating', 'category', 'brand', 'sku', 'description', 'summary', 'date', 'author', 'image',
  'stock', 'availability', 'reviews', 'location', 'address', 'phone', 'email', 'tags', 'status', 'score', 'votes',
  'comments', 'company', 'salary', 'duration', 'size', 'color', 'colour', 'discount', 'subtitle', 'excerpt', 'time',
] as const;
const SYNONYMS: Record<string, string> = { headline: 'title', heading: 'title', cost: 'price', amount: 'price', stars: 'rating', img: 'image', thumb: 'image', thumbnail: 'image', photo: 'image', desc: 'description', byline: 'author', vendor: 'brand', maker: 'brand' };

export function camelCase(raw: string): string {
  const words = raw.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join('');
  return /^[a-z_]/.test(name) ? name : `f${name}`;
}

/** The known word a token names ("product-title" -> "title", "stars" -> "rating"). */
function knownWord(token: string): string | undefined {
  const words = token.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  for (const w of words.reverse()) {
    if ((KNOWN as readonly string[]).includes(w)) return w;
    if (SYNONYMS[w]) return SYNONYMS[w];
  }
  return undefined;
}

function semanticTokens(el: Element): string[] {
  return classesOf(el).filter((c) => !isGeneratedToken(c) && !isUtilityClass(c) && !isStateClass(c));
}

function baseName(f: Element, item: Element, kind: FieldKind, attr: string | undefined): string {
  if (kind === 'link') return 'url';
  if (kind === 'image') return 'image';
  if (kind === 'attribute' && attr) {
    const stripped = attr.replace(/^(data|aria)-/, '');
    return knownWord(stripped) ?? camelCase(stripped);
  }
  const itemprop = f.getAttribute('itemprop');
  if (itemprop) return knownWord(itemprop) ?? camelCase(itemprop);
  // The element's own classes, then its parents' inside the item (a <span> in .price-box is a price).
  for (const el of [f, ...ancestorsOf(f, item)]) {
    for (const c of semanticTokens(el)) {
      const w = knownWord(c);
      if (w) return w;
    }
  }
  if (/^h[1-6]$/.test(f.localName) || f.closest('h1,h2,h3,h4,h5,h6')) return 'title';
  if (f.localName === 'time') return 'date';
  const aria = f.getAttribute('aria-label');
  if (aria && knownWord(aria)) return knownWord(aria) as string;
  const first = semanticTokens(f)[0];
  if (first) return camelCase(first);
  return nameFromContent(f.textContent ?? '') ?? 'text';
}

/** Last resort: what the text looks like ("$3.99" is a price, "4 stars" a rating, "2024-03-12" a date). */
function nameFromContent(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (/^([$€£¥]|USD|EUR|GBP|CHF)\s?-?\d[\d.,' ]*$|^-?\d[\d.,' ]*\s?([$€£¥]|USD|EUR|GBP|CHF)$/i.test(text)) return 'price';
  if (/^\d(\.\d)?\s*(stars?|\/\s*5|out of 5)/i.test(text)) return 'rating';
  if (/^\d{4}-\d{2}-\d{2}|^\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2},? \d{4}/i.test(text)) return 'date';
  return undefined;
}

export function suggestName(f: Element, item: Element, kind: FieldKind, attr: string | undefined, taken: string[]): string {
  const base = baseName(f, item, kind, attr).slice(0, 40);
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
}
