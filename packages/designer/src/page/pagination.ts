/**
 * Pagination controls on the page: "next" links (rel=next, Next/›/»/→ texts and labels, next-ish classes), numbered
 * pagers (a block of links whose texts are page numbers) and "load more" buttons, each with a selector and a score.
 * Infinite scroll needs scrolling and waiting: the Node side probes it.
 */
import { boxOf, isPickable, labelOf, normText, tagOf } from './dom.ts';
import { pageCandidates } from './candidates.ts';
import { partsOf } from './parts.ts';
import type { PaginationCandidateResult, SelectorSpec } from './types.ts';

const NEXT_TEXT = /^(next( page)?|next ?[›»>→]|[›»→]|>|>>|more results|older( posts| entries)?|suivant|weiter|siguiente|volgende|avanti|próxima|次へ|下一页)$/i;
const NEXT_LABEL = /\bnext\b/i;
const LOAD_MORE_TEXT = /^(load|show|see|view) more( (results|products|items|posts|stories))?|^more (results|products|items)$/i;

function disabled(el: Element): boolean {
  return el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true' || el.classList.contains('disabled');
}

function clickables(): Element[] {
  return Array.from(document.querySelectorAll('a[href], button, [role="button"], input[type="button"], input[type="submit"]')).filter(isPickable);
}

/** The best selector that matches `el` first and (when possible) alone. */
function bestSelector(el: Element): { selector: SelectorSpec; matches: number } | undefined {
  const c = pageCandidates(el, 6).find((x) => x.exact && !x.generated) ?? pageCandidates(el, 6).find((x) => x.exact);
  return c ? { selector: c.selector, matches: c.matches } : undefined;
}

function candidate(kind: PaginationCandidateResult['kind'], el: Element, score: number, reason: string): PaginationCandidateResult | undefined {
  const best = bestSelector(el);
  if (!best) return undefined;
  const visible = el.getClientRects().length > 0;
  return { kind, selector: best.selector, score, matches: best.matches, text: normText(el.textContent).slice(0, 60), label: labelOf(el), box: visible ? boxOf(el) : null, reason };
}

function nextCandidates(): PaginationCandidateResult[] {
  const out: PaginationCandidateResult[] = [];
  for (const el of clickables()) {
    if (disabled(el)) continue;
    const rel = (el.getAttribute('rel') ?? '').split(/\s+/);
    const text = normText(el.textContent || (el as HTMLInputElement).value);
    const label = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''}`;
    const cls = `${el.id} ${el.className}`.toLowerCase();
    let score = 0;
    let reason = '';
    if (rel.includes('next')) [score, reason] = [95, 'rel="next"'];
    else if (NEXT_TEXT.test(text)) [score, reason] = [80, `text "${text}"`];
    else if (NEXT_LABEL.test(label)) [score, reason] = [75, `label "${label.trim()}"`];
    else if (/(^|[\s_-])next([\s_-]|$)/.test(cls)) [score, reason] = [60, 'a "next" class'];
    if (score === 0) continue;
    if (el.localName !== 'a') score -= 10; // a button "next" works in the browser only
    const c = candidate('next', el, score, reason);
    if (c) out.push(c);
  }
  const link = document.querySelector('link[rel~="next"][href]');
  if (link) out.push({ kind: 'next', selector: { css: 'link[rel="next"]' }, score: 70, matches: 1, text: link.getAttribute('href') ?? '', label: 'link[rel=next] (in <head>)', box: null, reason: '<link rel="next"> in the head' });
  return out;
}

/** A selector naming the pager block alone: a unique stable part of it or of an ancestor, else its path. */
function pagerScope(block: Element): string {
  for (let cur: Element | null = block; cur && cur !== document.body; cur = cur.parentElement) {
    const part = partsOf(cur).find((p) => p.kind !== 'tag' && !p.generated && p.score >= 50 && document.querySelectorAll(p.css).length === 1);
    if (part) return part.css;
  }
  const best = pageCandidates(block, 6).find((c) => c.exact && c.matches === 1 && c.selector.css !== undefined);
  return best?.selector.css ?? tagOf(block);
}

/** The smallest block holding two or more links whose texts are page numbers. */
function pagerCandidates(): PaginationCandidateResult[] {
  const numeric = Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\d{1,5}$/.test(normText(a.textContent)) && isPickable(a));
  const blocks = new Map<Element, Element[]>();
  for (const a of numeric) {
    for (let anc = a.parentElement; anc && anc !== document.body; anc = anc.parentElement) {
      const inside = numeric.filter((n) => anc.contains(n));
      if (inside.length >= 2) {
        blocks.set(anc, inside);
        break;
      }
    }
  }
  const out: PaginationCandidateResult[] = [];
  for (const [block, links] of blocks) {
    const numbers = links.map((l) => Number(normText(l.textContent)));
    const increasing = numbers.every((n, i) => i === 0 || n > (numbers[i - 1] as number));
    if (!increasing) continue;
    const css = `${pagerScope(block)} a[href]`;
    const matches = document.querySelectorAll(css).length;
    const aria = /pag/i.test(`${block.getAttribute('aria-label') ?? ''} ${block.className} ${block.parentElement?.className ?? ''}`);
    out.push({
      kind: 'pager', selector: { css }, score: (aria ? 70 : 55) + Math.min(10, links.length), matches, text: numbers.join(' '),
      label: labelOf(block), box: block.getClientRects().length ? boxOf(block) : null, reason: `${links.length} numbered page links`,
    });
  }
  return out;
}

function loadMoreCandidates(): PaginationCandidateResult[] {
  const out: PaginationCandidateResult[] = [];
  for (const el of clickables()) {
    const text = normText(el.textContent || (el as HTMLInputElement).value);
    if (!LOAD_MORE_TEXT.test(text) || disabled(el)) continue;
    const href = el.getAttribute('href');
    const realLink = href !== null && href !== '#' && !href.startsWith('javascript:');
    const c = candidate('loadMore', el, realLink ? 55 : 72, `text "${text}"`);
    if (c) out.push(c);
  }
  return out;
}

/** Every pagination control found, best first. */
export function detectPaginationControls(): PaginationCandidateResult[] {
  return [...nextCandidates(), ...pagerCandidates(), ...loadMoreCandidates()].sort((a, b) => b.score - a.score);
}

/** The candidate among `candidates` whose element holds the point's element, if any (the user's confirming click). */
export function candidateAt(el: Element, candidates: PaginationCandidateResult[]): number {
  return candidates.findIndex((c) => {
    try {
      const matched = c.selector.css !== undefined ? Array.from(document.querySelectorAll(c.selector.css)) : [];
      return matched.some((m) => m === el || m.contains(el));
    } catch {
      return false;
    }
  });
}
