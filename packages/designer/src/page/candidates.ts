/**
 * Selector candidates for one element of the page (a "next" link, a button to record, a picked element): stable ids,
 * test/data/itemprop/aria attributes, semantic classes, those scoped by a stable ancestor, a structural path and
 * XPath (by attribute, by text, by position), each with its live match count, ranked by stability.
 */
import { ancestorsOf, normText, tagOf, xpathString } from './dom.ts';
import { partsOf, structuralStep, type Part } from './parts.ts';
import { combineScores } from './stability.ts';
import type { SelectorCandidate, SelectorSpec } from './types.ts';

const TAG_STEP = { score: 30, kind: 'tag' };

interface Draft {
  selector: SelectorSpec;
  kind: SelectorCandidate['kind'];
  stability: number;
  generated: boolean;
}

function evaluateDraft(d: Draft, el: Element): SelectorCandidate | undefined {
  try {
    if (d.selector.css !== undefined) {
      const all = document.querySelectorAll(d.selector.css);
      return { ...d, matches: all.length, exact: all[0] === el };
    }
    const snap = document.evaluate(d.selector.xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    return { ...d, matches: snap.snapshotLength, exact: snap.snapshotItem(0) === el };
  } catch {
    return undefined; // a selector the browser rejects is no candidate
  }
}

/** Unique and exact first, then exact, then by stability, then shorter. */
export function rankCandidates(list: SelectorCandidate[]): SelectorCandidate[] {
  const tier = (c: SelectorCandidate): number => (c.exact && c.matches === 1 ? 2 : c.exact ? 1 : 0);
  const text = (c: SelectorCandidate): string => c.selector.css ?? c.selector.xpath ?? '';
  return list.sort((a, b) => tier(b) - tier(a) || b.stability - a.stability || text(a).length - text(b).length);
}

/** A stable ancestor to scope with: an id, or a unique well-scored part. */
function anchorsOf(el: Element): Part[] {
  const out: Part[] = [];
  for (const anc of ancestorsOf(el).slice(0, 8)) {
    for (const p of partsOf(anc).slice(0, 3)) {
      if (p.score < 60 || p.kind === 'tag') continue;
      let n = 0;
      try {
        n = document.querySelectorAll(p.css).length;
      } catch {
        continue;
      }
      if (n === 1) out.push(p);
    }
    if (out.length >= 3) break;
  }
  return out;
}

function structuralPath(el: Element): Draft {
  const steps: string[] = [];
  const xsteps: string[] = [];
  let positional = 0;
  let cur: Element | null = el;
  let rooted = '';
  while (cur && cur !== document.documentElement) {
    if (cur !== el && cur.id && partsOf(cur)[0]?.kind === 'id' && (partsOf(cur)[0]?.score ?? 0) >= 60) {
      rooted = cur.id;
      break;
    }
    const step = structuralStep(cur);
    steps.unshift(step.css);
    xsteps.unshift(step.xpath);
    if (step.positional) positional++;
    cur = cur.parentElement;
  }
  const css = rooted ? `#${CSS.escape(rooted)} > ${steps.join(' > ')}` : steps.join(' > ');
  return { selector: { css }, kind: 'structural', stability: combineScores(steps.map(() => TAG_STEP), positional), generated: false };
}

function xpathDrafts(el: Element, parts: Part[]): Draft[] {
  const tag = tagOf(el);
  const out: Draft[] = [];
  const text = normText(el.textContent);
  if (text.length > 0 && text.length <= 40 && el.children.length <= 2) {
    out.push({ selector: { xpath: `//${tag}[normalize-space()=${xpathString(text)}]` }, kind: 'text', stability: 58, generated: false });
  }
  const attr = parts.find((p) => p.attr !== undefined && /^[\w-]+$/.test(p.attr.name));
  if (attr?.attr) {
    out.push({ selector: { xpath: `//${tag}[@${attr.attr.name}=${xpathString(attr.attr.value)}]` }, kind: 'xpath', stability: attr.score - 3, generated: attr.generated });
  }
  const abs: string[] = [];
  let positional = 0;
  for (let cur: Element | null = el; cur && cur !== document.documentElement; cur = cur.parentElement) {
    const s = structuralStep(cur);
    abs.unshift(s.xpath);
    if (s.positional) positional++;
  }
  out.push({ selector: { xpath: `/html/${abs.join('/')}` }, kind: 'xpath', stability: combineScores(abs.map(() => TAG_STEP), positional) - 10, generated: false });
  return out;
}

/** Page-level candidates for `el`, best first (at most `max`). */
export function pageCandidates(el: Element, max = 12): SelectorCandidate[] {
  const parts = partsOf(el);
  const drafts: Draft[] = parts.map((p) => ({ selector: { css: p.css }, kind: p.kind, stability: p.score, generated: p.generated }));
  const simple = parts.filter((p) => p.kind !== 'id').slice(0, 5);
  for (const anchor of anchorsOf(el)) {
    for (const p of simple) {
      drafts.push({ selector: { css: `${anchor.css} ${p.css}` }, kind: p.kind === 'tag' ? 'structural' : p.kind, stability: combineScores([anchor, p], 0), generated: anchor.generated || p.generated });
    }
  }
  drafts.push(structuralPath(el), ...xpathDrafts(el, parts));
  const seen = new Set<string>();
  const out: SelectorCandidate[] = [];
  for (const d of drafts) {
    const key = d.selector.css ?? `x:${d.selector.xpath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = evaluateDraft(d, el);
    if (c) out.push(c);
  }
  return rankCandidates(out).slice(0, max);
}
