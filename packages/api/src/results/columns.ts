import type { PageSpec, Recipe } from '@scrapifie/recipe';

/** Columns of the one-off scrape's rows (see scrape/capture.ts). */
export const SCRAPE_COLUMNS = ['url', 'title', 'format', 'content', 'data', 'dropped'];

/** Every column a recipe's rows can have, in a stable order: carried input columns, then page, item and detail fields. */
export function exportColumns(recipe: Recipe): string[] {
  const cols = new Set<string>(recipe.start.input?.carry ?? []);
  const visit = (page: PageSpec): void => {
    for (const name of Object.keys(page.fields ?? {})) cols.add(name);
    for (const name of Object.keys(page.items?.fields ?? {})) cols.add(name);
    for (const f of page.follow ?? []) visit(f.page);
  };
  visit(recipe.page);
  return cols.size > 0 ? [...cols] : SCRAPE_COLUMNS;
}
