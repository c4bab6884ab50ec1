import { parseRecipe, type Recipe } from '@scrapifie/recipe';
import type { ScrapeBatchInput, ScrapeInput } from '../schemas/scrape.ts';

/** Recipe names that mark the runs of one-off scrapes and URL batches. */
export const TASK_RECIPE_NAME = 'scrape:task';
export const BATCH_RECIPE_NAME = 'scrape:batch';

type FetchOverrides = ScrapeInput['fetch'];

function fetchOptions(base: Recipe['fetch'] | undefined, o: FetchOverrides): Record<string, unknown> {
  return {
    ...(base ?? {}),
    ...(o?.mode !== undefined ? { mode: o.mode } : {}),
    ...(o?.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o?.impersonate !== undefined ? { impersonate: o.impersonate } : {}),
    ...(o?.headers !== undefined ? { headers: { ...(base?.headers ?? {}), ...o.headers } } : {}),
  };
}

/** The recipe of a one-off scrape: one page, the caller's fields (or the page spec of the caller's recipe), no follow-ups. */
export function taskRecipe(input: ScrapeInput): Recipe {
  const base = input.recipe;
  return parseRecipe({
    version: 1,
    name: TASK_RECIPE_NAME,
    description: base ? `one-off scrape with the page spec of recipe "${base.name}"` : 'one-off scrape',
    start: { urls: [input.url] },
    fetch: fetchOptions(base?.fetch, input.fetch),
    page: base?.page ?? { fields: input.fields ?? {} },
    limits: { maxPages: 1 },
    politeness: { ...(base?.politeness ?? {}), respectRobotsTxt: input.respectRobotsTxt },
  });
}

/** The recipe of a URL batch: each URL once, as a one-off page. The top-level respectRobotsTxt wins over politeness'. */
export function batchRecipe(input: ScrapeBatchInput & { urls: string[] }): Recipe {
  return parseRecipe({
    version: 1,
    name: BATCH_RECIPE_NAME,
    description: `batch of ${input.urls.length} URLs`,
    start: { urls: input.urls },
    fetch: fetchOptions(undefined, input.fetch),
    page: { fields: input.fields ?? {} },
    limits: { maxPages: input.urls.length },
    politeness: { ...(input.politeness ?? {}), respectRobotsTxt: input.respectRobotsTxt },
  });
}
