/**
 * The simple selectors that can name one element (tag, id, classes, attributes), each with its stability score:
 * the building blocks that candidates.ts and fields.ts combine into selectors.
 */
import { classesOf, cssEscape, cssString, tagOf } from './dom.ts';
import { attributeScore, classScore, idScore, isGeneratedToken, isSelectorAttribute } from './stability.ts';
import type { CandidateKind } from './types.ts';

export interface Part {
  css: string;
  score: number;
  kind: CandidateKind;
  generated: boolean;
  /** For an attribute test with a value: the attribute (XPath candidates reuse it). */
  attr?: { name: string; value: string } | undefined;
}

const MAX_ATTR_VALUE = 60;

/** Simple selectors for `el`, best first. `withId` false leaves ids out (inside list items they name one record). */
export function partsOf(el: Element, opts: { withId?: boolean; withValues?: boolean } = {}): Part[] {
  const tag = tagOf(el);
  const parts: Part[] = [];
  if (opts.withId !== false && el.id && el.id.length <= 80) {
    parts.push({ css: `#${cssEscape(el.id)}`, score: idScore(el.id), kind: 'id', generated: isGeneratedToken(el.id) });
  }
  for (const a of Array.from(el.attributes)) {
    if (!isSelectorAttribute(a.name)) continue;
    const name = cssEscape(a.name);
    if (opts.withValues !== false && a.value.length > 0 && a.value.length <= MAX_ATTR_VALUE) {
      parts.push({ css: `${tag}[${name}=${cssString(a.value)}]`, score: attributeScore(a.name, a.value, true), kind: 'attribute', generated: isGeneratedToken(a.value) && !a.name.startsWith('aria'), attr: { name: a.name, value: a.value } });
    }
    if (a.name.startsWith('data-') || a.name === 'itemprop' || a.name === 'itemscope' || a.name === 'role') {
      parts.push({ css: `${tag}[${name}]`, score: attributeScore(a.name, a.value, false), kind: 'attribute', generated: false });
    }
  }
  const classes = classesOf(el);
  for (const c of classes) {
    const score = classScore(c);
    parts.push({ css: `${tag}.${cssEscape(c)}`, score: score + 2, kind: 'class', generated: isGeneratedToken(c) });
    parts.push({ css: `.${cssEscape(c)}`, score, kind: 'class', generated: isGeneratedToken(c) });
  }
  const good = classes.filter((c) => classScore(c) >= 60);
  if (good.length >= 2) {
    const [a, b] = good as [string, string];
    parts.push({ css: `${tag}.${cssEscape(a)}.${cssEscape(b)}`, score: Math.min(classScore(a), classScore(b)) - 2, kind: 'class', generated: false });
  }
  parts.push({ css: tag, score: GENERIC_TAGS.has(tag) ? 30 : 55, kind: 'tag', generated: false });
  return parts.sort((x, y) => y.score - x.score);
}

/** Tags that say nothing about what an element is. */
const GENERIC_TAGS = new Set(['div', 'span', 'a', 'li', 'ul', 'p', 'section', 'td', 'tr', 'i', 'b']);

/** "tag" or "tag:nth-of-type(k)" (when siblings share the tag): one step of a structural path. */
export function structuralStep(el: Element): { css: string; positional: boolean; xpath: string } {
  const tag = tagOf(el);
  // XPath name tests match HTML elements only; SVG and MathML need local-name().
  const xtag = el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? tag : `*[local-name()="${el.localName}"]`;
  const parent = el.parentElement;
  if (!parent) return { css: tag, positional: false, xpath: xtag };
  const same = Array.from(parent.children).filter((c) => c.localName === el.localName);
  if (same.length <= 1) return { css: tag, positional: false, xpath: xtag };
  const k = same.indexOf(el) + 1;
  return { css: `${tag}:nth-of-type(${k})`, positional: true, xpath: `${xtag}[${k}]` };
}
