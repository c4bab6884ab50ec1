import { InvalidInputError } from '@scrapifie/recipe';
import type { SelectorSpec } from '../page/types.ts';

/** A clean { css } or { xpath } (exactly one), as the recipe's Selector; bad input names the problem. */
export function toRecipeSelector(sel: { css?: string | undefined; xpath?: string | undefined }): SelectorSpec {
  const hasCss = typeof sel.css === 'string' && sel.css.trim() !== '';
  const hasXpath = typeof sel.xpath === 'string' && sel.xpath.trim() !== '';
  if (hasCss === hasXpath) throw new InvalidInputError('INVALID_INPUT', 'a selector needs exactly one of "css" or "xpath", not empty');
  return hasCss ? { css: (sel.css as string).trim() } : { xpath: (sel.xpath as string).trim() };
}

/** The selector of a field or selector-like object; null when it has none (the context itself). */
export function selectorOf(f: { css?: string | undefined; xpath?: string | undefined }): SelectorSpec | null {
  if (f.css !== undefined) return { css: f.css };
  if (f.xpath !== undefined) return { xpath: f.xpath };
  return null;
}

export function selectorText(sel: SelectorSpec): string {
  return sel.css ?? `xpath:${sel.xpath}`;
}
