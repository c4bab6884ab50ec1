/** The element an input lands on, described for a recorded action step. */
import { elementAtPoint, tagOf } from './dom.ts';
import { pageCandidates } from './candidates.ts';
import { refFor } from './registry.ts';
import type { ActionTarget, SelectorSpec } from './types.ts';

const INTERACTIVE = 'a[href], button, input, select, textarea, label, summary, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [role="checkbox"], [onclick], [contenteditable=""], [contenteditable="true"]';
const USERNAME = /user|login|email|e-mail|account|ident/i;

/** The best selector naming `el` alone; a positional path when nothing else does. */
export function uniqueSelector(el: Element): SelectorSpec {
  const cands = pageCandidates(el, 16);
  const unique = cands.find((c) => c.exact && c.matches === 1 && !c.generated) ?? cands.find((c) => c.exact && c.matches === 1) ?? cands.find((c) => c.exact);
  if (!unique) throw new Error(`INTERNAL: no selector names the ${tagOf(el)}`);
  return unique.selector;
}

export function describeTarget(el: Element): ActionTarget {
  const input = el as HTMLInputElement;
  const type = el.localName === 'input' ? (input.type || 'text').toLowerCase() : undefined;
  const isPassword = type === 'password';
  const form = el.closest('form');
  const formHasPassword = !!form?.querySelector('input[type="password"]');
  const hints = `${el.getAttribute('name') ?? ''} ${el.id} ${el.getAttribute('autocomplete') ?? ''} ${type ?? ''}`;
  const editable = el.localName === 'textarea' || (el.localName === 'input' && !['button', 'submit', 'checkbox', 'radio', 'file', 'image', 'reset', 'range', 'color'].includes(type ?? '')) || (el as HTMLElement).isContentEditable;
  return {
    ref: refFor(el),
    tag: tagOf(el),
    selector: uniqueSelector(el),
    inputType: type,
    isPassword,
    isUsername: !isPassword && editable && formHasPassword && USERNAME.test(hints),
    isSelect: el.localName === 'select',
    editable,
  };
}

/** What a click at the point means: the interactive element there (a link, a button, a field), else the element. */
export function clickTargetAt(x: number, y: number): ActionTarget | null {
  const el = elementAtPoint(x, y);
  if (!el) return null;
  return describeTarget(el.closest(INTERACTIVE) ?? el);
}

export function focusedTarget(): ActionTarget | null {
  let el: Element | null = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  return describeTarget(el);
}
