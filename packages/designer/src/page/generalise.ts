/**
 * List generalisation: from example clicks (and counter-examples) to the item selector. The first example is lifted
 * to its repeating item; more examples widen the target (their similar elements join it), counter-examples narrow it
 * (they, and the elements more like them than like the examples, leave it). Candidate selectors are built from what
 * the examples share (tag, stable classes, attributes, parent, a stable ancestor, tag paths, XPath) and ranked by
 * how well their matches fit the target, then by stability.
 */
import { cssString, labelOf } from './dom.ts';
import { partsOf, type Part } from './parts.ts';
import { elementFor, refFor } from './registry.ts';
import { liftToItem, repeatingLevels, similarGroup, similarity } from './similarity.ts';
import { combineScores } from './stability.ts';
import type { ListSelectionResult, SelectorCandidate } from './types.ts';

/** The element among `x` and its ancestors most like `model` (same tag), or x lifted on its own. */
function liftLike(x: Element, model: Element): Element {
  let best: Element | undefined;
  let bestSim = -1;
  for (let cur: Element | null = x; cur && cur !== document.body; cur = cur.parentElement) {
    if (cur.localName !== model.localName || cur.contains(model) || model.contains(cur)) continue;
    const sim = similarity(cur, model);
    if (sim > bestSim) [best, bestSim] = [cur, sim];
  }
  return best ?? liftToItem(x).el;
}

/** Parts every element of `els` satisfies. */
function commonParts(els: Element[], opts: { withId: boolean }): Part[] {
  const first = els[0];
  if (!first) return [];
  return partsOf(first, { withId: opts.withId }).filter((p) => els.every((e) => safeMatches(e, p.css)));
}

function safeMatches(el: Element, css: string): boolean {
  try {
    return el.matches(css);
  } catch {
    return false;
  }
}

interface Draft {
  css?: string;
  xpath?: string;
  kind: SelectorCandidate['kind'];
  stability: number;
  generated: boolean;
}

function drafts(items: Element[], rejected: Element[]): Draft[] {
  const out: Draft[] = [];
  const own = commonParts(items, { withId: false });
  for (const p of own) out.push({ css: p.css, kind: p.kind, stability: p.score, generated: p.generated });
  const parents = items.map((e) => e.parentElement).filter((p): p is HTMLElement => p !== null);
  const parentParts = parents.length === items.length ? commonParts(parents, { withId: true }).slice(0, 4) : [];
  for (const pp of parentParts) {
    for (const p of own.slice(0, 4)) out.push({ css: `${pp.css} > ${p.css}`, kind: p.kind === 'tag' ? 'structural' : p.kind, stability: combineScores([pp, p], 0), generated: pp.generated || p.generated });
  }
  // Tag paths: the last resort where every class is generated.
  const tag = items[0]?.localName;
  if (tag && items.every((e) => e.localName === tag)) {
    let chain = tag;
    let anc: Element | null = items[0]?.parentElement ?? null;
    for (let depth = 1; depth <= 3 && anc && anc !== document.documentElement; depth++, anc = anc.parentElement) {
      chain = `${anc.localName} > ${chain}`;
      out.push({ css: chain, kind: 'structural', stability: combineScores(Array(depth + 1).fill({ score: 30, kind: 'tag' }), 0), generated: false });
    }
    const parentTag = items[0]?.parentElement?.localName;
    const childTags = items[0] ? Array.from(items[0].children).map((c) => c.localName) : [];
    const shared = childTags.find((t) => items.every((e) => Array.from(e.children).some((c) => c.localName === t)));
    if (parentTag) out.push({ xpath: `//${parentTag}/${tag}${shared ? `[${shared}]` : ''}`, kind: 'xpath', stability: 40, generated: false });
  }
  // Counter-examples: what they have and no example has.
  for (const r of rejected) {
    const extra: Draft[] = [];
    for (const c of Array.from(r.classList)) {
      if (items.some((e) => e.classList.contains(c))) continue;
      for (const d of out.slice(0, 6)) if (d.css) extra.push({ ...d, css: `${d.css}:not(.${CSS.escape(c)})`, stability: d.stability - 6 });
    }
    for (const a of Array.from(r.attributes)) {
      if (!a.name.startsWith('data-') || items.some((e) => e.getAttribute(a.name) === a.value)) continue;
      const not = items.every((e) => !e.hasAttribute(a.name)) ? `:not([${CSS.escape(a.name)}])` : `:not([${CSS.escape(a.name)}=${cssString(a.value)}])`;
      for (const d of out.slice(0, 6)) if (d.css) extra.push({ ...d, css: `${d.css}${not}`, stability: d.stability - 8 });
    }
    out.push(...extra);
  }
  return out;
}

function matchAll(d: Draft): Element[] | undefined {
  try {
    if (d.css !== undefined) return Array.from(document.querySelectorAll(d.css));
    const snap = document.evaluate(d.xpath ?? '', document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    const els: Element[] = [];
    for (let i = 0; i < snap.snapshotLength; i++) els.push(snap.snapshotItem(i) as Element);
    return els;
  } catch {
    return undefined;
  }
}

function rank(ds: Draft[], items: Element[], rejected: Element[], target: Set<Element>): SelectorCandidate[] {
  const seen = new Set<string>();
  const scored: Array<SelectorCandidate & { order: number }> = [];
  for (const d of ds) {
    const key = d.css ?? `x:${d.xpath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const matched = matchAll(d);
    if (!matched) continue;
    const set = new Set(matched);
    const exact = items.every((e) => set.has(e)) && rejected.every((r) => !set.has(r));
    let hit = 0;
    for (const m of matched) if (target.has(m)) hit++;
    const fit = matched.length + target.size === 0 ? 0 : (2 * hit) / (matched.length + target.size);
    const selector = d.css !== undefined ? { css: d.css } : { xpath: d.xpath as string };
    const order = (exact ? 1000 : 0) + fit * 60 + d.stability * 0.4 - (d.generated ? 25 : 0);
    scored.push({ selector, kind: d.kind, stability: d.stability, generated: d.generated, matches: matched.length, exact, fit: Math.round(fit * 1000) / 1000, order });
  }
  scored.sort((a, b) => b.order - a.order || (a.selector.css ?? a.selector.xpath ?? '').length - (b.selector.css ?? b.selector.xpath ?? '').length);
  return scored.map(({ order: _order, ...c }) => c);
}

/** The item selector for the examples (element refs of clicks) and counter-examples. */
export function generaliseList(exampleRefs: number[], rejectionRefs: number[], opts: { lift?: boolean } = {}): ListSelectionResult {
  const clicks = exampleRefs.map(elementFor);
  const first = clicks[0];
  if (!first) throw new Error('INVALID_INPUT: a list needs at least one example');
  // lift false: the first example is the item itself (the user chose a level), only its similar elements are found.
  const lifted = opts.lift === false ? { el: first, group: similarGroup(first) } : liftToItem(first);
  const items: Element[] = [lifted.el];
  const target = new Set<Element>(lifted.group);
  for (const x of clicks.slice(1)) {
    const holder = items.find((it) => it.contains(x));
    if (holder) continue;
    const y = liftLike(x, lifted.el);
    items.push(y);
    for (const s of similarGroup(y)) target.add(s);
  }
  const rejected: Element[] = [];
  for (const r of rejectionRefs.map(elementFor)) {
    const item = [...target].find((t) => t === r || t.contains(r)) ?? liftLike(r, lifted.el);
    if (items.includes(item)) throw new Error('INVALID_INPUT: a counter-example cannot be one of the examples');
    rejected.push(item);
  }
  if (rejected.length > 0) {
    for (const t of [...target]) {
      const toExample = Math.max(...items.map((e) => similarity(t, e)));
      const toRejected = Math.max(...rejected.map((r) => similarity(t, r)));
      if (rejected.includes(t) || toRejected > toExample + 0.05) target.delete(t);
    }
  }
  const candidates = rank(drafts(items, rejected), items, rejected, target).slice(0, 12);
  const best = candidates[0];
  return {
    candidates,
    count: best?.matches ?? 0,
    itemRefs: items.map(refFor),
    targetCount: target.size,
    levels: repeatingLevels(first).map((l) => ({ ref: refFor(l.el), label: labelOf(l.el), count: l.group.length })),
  };
}
