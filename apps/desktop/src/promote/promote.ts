import { InvalidInputError, parseRecipe, ScrapifieError, type Recipe } from '@scrapifie/recipe';

export interface PromoteResult {
  /** The recipe's id in the server's library, when the server says. */
  id: string | null;
  serverUrl: string;
}

export interface PromoteOptions {
  url: string;
  apiKey: string;
  /** The recipe document; validated here before anything is sent. */
  recipe: unknown;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * "Promote to team server": pushes a recipe into the server's recipe library through its REST API,
 * POST <url>/api/v1/recipes with `Authorization: Bearer <API key>` and { name, recipe } (the library's
 * `recipes.create`; plain REST keeps the desktop independent of the server's version of the router).
 * The server's error message is passed on; the key never appears in one.
 */
export async function promoteRecipe(opts: PromoteOptions): Promise<PromoteResult> {
  let recipe: Recipe;
  try {
    recipe = parseRecipe(opts.recipe);
  } catch (e) {
    throw new InvalidInputError('INVALID_RECIPE', `The recipe cannot be promoted: ${(e as Error).message}`, (e as InvalidInputError).issues ?? []);
  }
  const endpoint = `${opts.url}/api/v1/recipes`;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${opts.apiKey}` },
      body: JSON.stringify({ name: recipe.name, recipe }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      redirect: 'error',
    });
  } catch (e) {
    throw new ScrapifieError('CONNECTION_ERROR', `Could not reach the team server at ${opts.url}: ${(e as Error).message}`);
  }
  const text = await res.text();
  let body: { success?: boolean; data?: { id?: unknown } | null; error?: { code?: string; message?: string } | null } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  if (!res.ok || body?.success === false) {
    const why = body?.error?.message ?? (text.slice(0, 200) || res.statusText);
    if (res.status === 401 || res.status === 403) throw new ScrapifieError('HTTP_ERROR', `The team server refused the API key (HTTP ${res.status}): ${why}. Check the key in the team server settings.`);
    if (res.status === 404) throw new ScrapifieError('HTTP_ERROR', `The team server at ${opts.url} has no recipe library (HTTP 404 on POST /api/v1/recipes): is it a Scrapifie server of this version?`);
    throw new ScrapifieError('HTTP_ERROR', `The team server did not take the recipe (HTTP ${res.status}): ${why}`);
  }
  const id = body?.data && typeof body.data.id === 'string' ? body.data.id : null;
  return { id, serverUrl: opts.url };
}
