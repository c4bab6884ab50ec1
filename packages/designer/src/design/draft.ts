import { InvalidInputError, validateRecipe, type BrowserAction, type Login, type PageSpec, type Recipe } from '@scrapifie/recipe';
import type { PaginationRecipePart } from './pagination.ts';

export interface DraftRecipeInput {
  name: string;
  /** The page the design started from: the recipe's start URL. */
  url: string;
  /** The list (ListDesigner.pageSpec()), or any page spec as JSON (validated here). */
  page: PageSpec | Record<string, unknown>;
  /** The chosen pagination option's recipe part. */
  pagination?: PaginationRecipePart | undefined;
  /** Recorded steps to run before extraction (close a banner, choose a sort order). */
  actions?: BrowserAction[] | undefined;
  /** The recorded sign-in (its type steps name credentials): the run signs in with a browser first. */
  login?: Login | undefined;
  /** A CSS selector of what must be on the page before extraction (the list's items): the browser tier waits for it. */
  waitFor?: string | undefined;
  /** From the tier check: "http" when every field works without a browser. Default "auto". */
  fetchMode?: 'auto' | 'http' | 'browser';
}

/** The recipe the designer saves: the same JSON the CLI, the desktop and the server run. */
export function buildRecipe(input: DraftRecipeInput): Recipe {
  const actions = [...(input.actions ?? []), ...(input.pagination?.actions ?? [])];
  const given = input.page as { pagination?: object; actions?: unknown[] };
  const page = {
    ...input.page,
    ...(input.pagination?.pagination ? { pagination: { ...given.pagination, ...input.pagination.pagination } } : {}),
    ...(actions.length ? { actions: [...(given.actions ?? []), ...actions] } : {}),
  };
  const mode = input.login || (actions.length > 0 && input.fetchMode === 'http') ? 'browser' : (input.fetchMode ?? 'auto');
  // A page rendered by script has its items only after its requests: a browser run waits for them.
  const browser = {
    ...(mode === 'browser' && input.waitFor ? { waitForSelector: input.waitFor } : {}),
    ...(input.login ? { login: input.login } : {}),
  };
  const fetch = { mode, ...(Object.keys(browser).length ? { browser } : {}) };
  const result = validateRecipe({ version: 1, name: input.name, start: { urls: [input.url] }, fetch, page });
  if (!result.ok) {
    throw new InvalidInputError('INVALID_RECIPE', `the designed recipe is not valid: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, result.issues);
  }
  return result.recipe;
}
