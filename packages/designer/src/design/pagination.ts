import { InvalidInputError, type BrowserAction } from '@scrapifie/recipe';
import type { PaginationCandidateResult, SelectorSpec } from '../page/types.ts';
import type { DesignerSession } from '../session/designer-session.ts';
import { probeInfiniteScroll } from './scroll-probe.ts';

export type PaginationKind = 'next' | 'pager' | 'loadMore' | 'infiniteScroll';

/** What the recipe gets when an option is chosen. */
export interface PaginationRecipePart {
  pagination?: { next: SelectorSpec } | { pager: SelectorSpec };
  /** Browser steps (load more, infinite scroll): they need the item selector. */
  actions?: BrowserAction[];
}

export interface PaginationOption extends Omit<PaginationCandidateResult, 'kind' | 'selector'> {
  kind: PaginationKind;
  /** The control (none for infinite scroll). */
  selector?: SelectorSpec | undefined;
  recipe: PaginationRecipePart;
}

export interface PaginationProposal {
  /** The option the designer proposes (the highest score), or null when the page shows none. */
  best: PaginationOption | null;
  options: PaginationOption[];
}

export interface DetectPaginationOptions {
  /** The list's item selector: infinite scroll and "load more" steps count items with it. */
  items?: SelectorSpec;
  /** Scroll to the bottom to see whether more items load: "auto" (default) only when no control was found. */
  probeScroll?: 'auto' | 'always' | 'never';
  /** How long to wait for items after scrolling (default 2500 ms). */
  idleMs?: number;
}

function target(sel: SelectorSpec): { css: string } | { xpath: string } {
  return sel.css !== undefined ? { css: sel.css } : { xpath: sel.xpath };
}

function recipeFor(kind: PaginationKind, selector: SelectorSpec | undefined, items: SelectorSpec | undefined): PaginationRecipePart {
  if (kind === 'next' && selector) return { pagination: { next: selector } };
  if (kind === 'pager' && selector) return { pagination: { pager: selector } };
  if (!items) return {}; // load more and infinite scroll count items: known once the list is selected
  if (kind === 'loadMore' && selector) return { actions: [{ action: 'loadMore', ...target(selector), items }] as BrowserAction[] };
  return { actions: [{ action: 'infiniteScroll', items }] as BrowserAction[] };
}

function option(c: PaginationCandidateResult, items: SelectorSpec | undefined): PaginationOption {
  return { ...c, recipe: recipeFor(c.kind, c.selector, items) };
}

/**
 * Finds how the list goes on: next links, numbered pagers, "load more" buttons (from the page's controls) and
 * infinite scroll (by scrolling to the bottom and watching for new items), and proposes the best.
 */
export async function detectPagination(session: DesignerSession, opts: DetectPaginationOptions = {}): Promise<PaginationProposal> {
  const found = await session.inPage('detectPagination');
  const options = found.map((c) => option(c, opts.items));
  const probe = opts.probeScroll ?? 'auto';
  if (probe === 'always' || (probe === 'auto' && options.length === 0)) {
    const grew = await probeInfiniteScroll(session, opts.items, opts.idleMs ?? 2500);
    if (grew.grew) {
      options.push({
        kind: 'infiniteScroll', selector: undefined, score: 65, matches: grew.after, text: '', label: 'infinite scroll', box: null,
        reason: `scrolling to the bottom loaded more (${grew.what} ${grew.before} -> ${grew.after})`, recipe: recipeFor('infiniteScroll', undefined, opts.items),
      });
    }
  }
  options.sort((a, b) => b.score - a.score);
  if (options[0]) await session.inPage('highlight', 'pagination', options[0].selector ?? null, null);
  return { best: options[0] ?? null, options };
}

/**
 * The user's confirming click: the proposed option whose control holds the clicked element, or, when the click is
 * on another control, that control taught as the next link (a link) or the "load more" button (anything else).
 */
export async function confirmPagination(session: DesignerSession, proposal: PaginationProposal, x: number, y: number, opts: { items?: SelectorSpec } = {}): Promise<PaginationOption> {
  const withControls = proposal.options.filter((o): o is PaginationOption & { selector: SelectorSpec } => o.selector !== undefined);
  const asCandidates: PaginationCandidateResult[] = withControls.map((o) => ({ ...o, kind: o.kind === 'infiniteScroll' ? 'next' : o.kind }));
  const index = await session.inPage('paginationAt', x, y, asCandidates);
  let chosen: PaginationOption;
  if (index >= 0) {
    chosen = withControls[index] as PaginationOption;
  } else {
    const t = await session.inPage('clickTargetAt', x, y);
    if (!t) throw new InvalidInputError('INVALID_INPUT', `there is nothing at (${x}, ${y}) to use as pagination`);
    const kind: PaginationKind = t.tag === 'a' ? 'next' : 'loadMore';
    const described = await session.inPage('describeRef', t.ref);
    chosen = {
      kind, selector: t.selector, score: 50, matches: 1, text: described.text.slice(0, 60), label: described.label, box: described.box,
      reason: 'you clicked it', recipe: {},
    };
  }
  const items = opts.items;
  chosen = { ...chosen, recipe: recipeFor(chosen.kind, chosen.selector, items) };
  await session.inPage('highlight', 'pagination', chosen.selector ?? null, null);
  return chosen;
}
