/**
 * A field from a click inside an item: which element it reads (the text, the enclosing link, the image, an
 * attribute), selectors relative to the item (what the evaluator runs: the first match inside each item), how many
 * items each selector finds something in, and a name.
 */
import { ancestorsOf, matchesSelector, tagOf, xpathString } from './dom.ts';
import { suggestName } from './names.ts';
import { partsOf, structuralStep } from './parts.ts';
import { elementFor, refFor } from './registry.ts';
import { combineScores } from './stability.ts';
import type { FieldKind, FieldSuggestionResult, SelectorCandidate, SelectorSpec } from './types.ts';

export interface FieldRequest {
  items: SelectorSpec;
  target: number;
  kind?: FieldKind | 'auto';
  attr?: string;
  /** Field names already used (the suggestion avoids them). */
  taken?: string[];
}

function fail(code: string, message: string): never {
  throw new Error(`${code}: ${message}`);
}

/** The element the field reads, and how. */
function resolveTarget(el: Element, item: Element, req: FieldRequest): { f: Element; kind: FieldKind; take: 'text' | 'attr'; attr?: string } {
  const inItem = (x: Element | null): x is Element => x !== null && (x === item || item.contains(x));
  let kind = req.kind ?? 'auto';
  if (kind === 'auto') kind = el.localName === 'img' || (el.textContent?.trim() === '' && el.querySelector('img')) ? 'image' : 'text';
  if (kind === 'text') return { f: el, kind, take: 'text' };
  if (kind === 'link') {
    const a = [el.closest('a[href]'), el.querySelector('a[href]')].find(inItem);
    if (!a) fail('INVALID_INPUT', `there is no link at the ${tagOf(el)} you picked inside the item`);
    return { f: a, kind, take: 'attr', attr: 'href' };
  }
  if (kind === 'image') {
    const img = [el.localName === 'img' ? el : null, el.querySelector('img'), el.closest('picture')?.querySelector('img') ?? null].find(inItem);
    if (!img) fail('INVALID_INPUT', `there is no image at the ${tagOf(el)} you picked inside the item`);
    const src = img.getAttribute('src') ?? '';
    const lazy = ['data-src', 'data-lazy-src', 'data-original'].find((a) => img.hasAttribute(a));
    return { f: img, kind, take: 'attr', attr: (src === '' || src.startsWith('data:')) && lazy ? lazy : 'src' };
  }
  const name = req.attr;
  if (!name) fail('INVALID_INPUT', 'an attribute field needs the attribute name');
  const holder = [el, ...ancestorsOf(el, item.parentElement)].find((x) => x.hasAttribute(name) && inItem(x));
  if (!holder) fail('INVALID_INPUT', `the ${tagOf(el)} you picked (and its parents in the item) has no attribute "${name}"`);
  return { f: holder, kind, take: 'attr', attr: name };
}

interface Draft {
  selector: SelectorSpec;
  kind: SelectorCandidate['kind'];
  stability: number;
  generated: boolean;
}

function drafts(f: Element, item: Element): Draft[] {
  const out: Draft[] = [];
  const own = partsOf(f, { withId: false }).slice(0, 8);
  for (const p of own) out.push({ selector: { css: p.css }, kind: p.kind, stability: p.score, generated: p.generated });
  const ancestors = ancestorsOf(f, item).slice(0, 3);
  for (const [i, anc] of ancestors.entries()) {
    for (const ap of partsOf(anc, { withId: false }).slice(0, 4)) {
      for (const p of own.slice(0, 4)) {
        const join = i === 0 ? ' > ' : ' ';
        out.push({ selector: { css: `${ap.css}${join}${p.css}` }, kind: p.kind === 'tag' && ap.kind === 'tag' ? 'structural' : p.kind, stability: combineScores([ap, p], 0), generated: ap.generated || p.generated });
      }
    }
  }
  // The path from the item down, positional where siblings share a tag.
  const steps: string[] = [];
  const xsteps: string[] = [];
  let positional = 0;
  for (let cur: Element | null = f; cur && cur !== item; cur = cur.parentElement) {
    const s = structuralStep(cur);
    steps.unshift(s.css);
    xsteps.unshift(s.xpath);
    if (s.positional) positional++;
  }
  out.push({ selector: { css: `:scope > ${steps.join(' > ')}` }, kind: 'structural', stability: combineScores(steps.map(() => ({ score: 34, kind: 'tag' })), positional), generated: false });
  out.push({ selector: { xpath: `./${xsteps.join('/')}` }, kind: 'xpath', stability: combineScores(xsteps.map(() => ({ score: 32, kind: 'tag' })), positional), generated: false });
  const last = xsteps.slice(-2).join('/').replace(/\[\d+\]/g, '');
  out.push({ selector: { xpath: `.//${last}` }, kind: 'xpath', stability: combineScores(last.split('/').map(() => ({ score: 30, kind: 'tag' })), 0) - 2, generated: false });
  const text = f.textContent?.trim() ?? '';
  if (f.localName === 'a' && text.length > 0 && text.length <= 30) {
    // Link text is content, not structure: only useful when it is the same in every item ("Details").
    out.push({ selector: { xpath: `.//a[normalize-space()=${xpathString(text)}]` }, kind: 'text', stability: 30, generated: false });
  }
  return out;
}

function firstIn(sel: SelectorSpec, item: Element): Element | null {
  try {
    return matchesSelector(sel, item)[0] ?? null;
  } catch {
    return null;
  }
}

function rank(ds: Draft[], f: Element, item: Element, items: Element[]): SelectorCandidate[] {
  const seen = new Set<string>();
  const out: Array<SelectorCandidate & { order: number }> = [];
  for (const d of ds) {
    const key = d.selector.css ?? `x:${d.selector.xpath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const here = firstIn(d.selector, item);
    if (here === null) continue; // invalid, or finds nothing in this item
    const exact = here === f;
    let covered = 0;
    for (const it of items) {
      const m = firstIn(d.selector, it);
      if (m && m.localName === f.localName) covered++;
    }
    const order = (exact ? 1000 : 0) + (covered / Math.max(1, items.length)) * 40 + d.stability * 0.6 - (d.generated ? 30 : 0);
    out.push({ ...d, matches: covered, exact, order });
  }
  out.sort((a, b) => b.order - a.order || (a.selector.css ?? a.selector.xpath ?? '').length - (b.selector.css ?? b.selector.xpath ?? '').length);
  return out.map(({ order: _o, ...c }) => c);
}

export function suggestField(req: FieldRequest): FieldSuggestionResult {
  const el = elementFor(req.target);
  const items = matchesSelector(req.items, document);
  if (items.length === 0) fail('INVALID_INPUT', 'the item selector matches nothing on the page now');
  const item = items.find((it) => it === el || it.contains(el));
  if (!item) fail('NOT_IN_ITEM', 'the element you picked is not inside one of the selected items: pick inside an item, or add it as a page field');
  const { f, kind, take, attr } = resolveTarget(el, item, req);
  const candidates = f === item ? [] : rank(drafts(f, item), f, item, items).slice(0, 8);
  const best = candidates[0];
  if (f !== item && (!best || !best.exact)) fail('INTERNAL', `no selector finds the picked ${tagOf(f)} inside its item`);
  const attributes: Record<string, string> = {};
  for (const a of Array.from(f.attributes).slice(0, 30)) attributes[a.name] = a.value.slice(0, 200);
  return {
    candidates,
    ref: refFor(f),
    kind,
    take,
    attr,
    name: suggestName(f, item, kind, attr, req.taken ?? []),
    attributes,
    coverage: best ? best.matches : items.length,
    items: items.length,
  };
}
