import { FieldSchema, type Field } from '@scrapifie/recipe';
import type { FieldKind, FieldSuggestionResult, SelectorCandidate } from '../page/types.ts';
import { toRecipeSelector } from './selectors.ts';

export interface DesignedField {
  name: string;
  /** The recipe field: the best selector, its runners-up in `fallbacks`, take/attr and transforms. */
  field: Field;
  kind: FieldKind;
  /** Every candidate with its live count (items in which it finds something), best first. */
  candidates: SelectorCandidate[];
  /** Items in which the field's selector finds something, of `items`. */
  coverage: number;
  items: number;
  /** The element's attributes, to offer attribute fields. */
  attributes: Record<string, string>;
}

/** The recipe field for a suggestion: links and images become absolute URLs. */
export function fieldFromSuggestion(s: FieldSuggestionResult, name?: string): DesignedField {
  const best = s.candidates[0];
  const fallbacks = best
    ? s.candidates.slice(1).filter((c) => c.exact && c.matches === best.matches && !c.generated).slice(0, 2).map((c) => toRecipeSelector(c.selector))
    : [];
  const field = FieldSchema.parse({
    ...(best ? toRecipeSelector(best.selector) : {}),
    ...(fallbacks.length ? { fallbacks } : {}),
    take: s.take,
    ...(s.take === 'attr' ? { attr: s.attr } : {}),
    ...(s.kind === 'link' || s.kind === 'image' ? { transforms: ['absoluteUrl'] } : {}),
  });
  return { name: name ?? s.name, field, kind: s.kind, candidates: s.candidates, coverage: s.coverage, items: s.items, attributes: s.attributes };
}
