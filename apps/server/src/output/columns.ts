import type { PageSpec, Recipe } from '@scrapifie/recipe';

/** The columns a recipe's rows can have, in a stable order: carried input columns, page fields, item fields, merged detail fields. */
export function recipeColumns(recipe: Recipe): string[] {
  const cols = new Set<string>(recipe.start.input?.carry ?? []);
  const visit = (page: PageSpec, merged: boolean): void => {
    if (!merged && page !== recipe.page) return;
    for (const name of Object.keys(page.fields ?? {})) cols.add(name);
    for (const name of Object.keys(page.items?.fields ?? {})) cols.add(name);
    for (const f of page.follow ?? []) visit(f.page, f.mode === 'merge');
  };
  visit(recipe.page, true);
  return [...cols];
}

/** Columns of every row shape the recipe emits, including detail pages followed in "rows" mode. */
export function allRecipeColumns(recipe: Recipe): string[] {
  const cols = new Set(recipeColumns(recipe));
  const visit = (page: PageSpec): void => {
    for (const name of Object.keys(page.fields ?? {})) cols.add(name);
    for (const name of Object.keys(page.items?.fields ?? {})) cols.add(name);
    for (const f of page.follow ?? []) visit(f.page);
  };
  visit(recipe.page);
  return [...cols];
}
