import { fileURLToPath } from 'node:url';
import { startTestSite } from '@scrapifie/testsite';
import type { Logger } from '@scrapifie/engine';
import type { Recipe, RunEvent } from '@scrapifie/recipe';
import { exitCodeForStatus } from './exit-codes.ts';
import { readRecipeFile } from './recipe-file.ts';
import { runCommand } from './run-command.ts';

/** The bundled example recipe; its start URL points at the demo site's default address and is re-based onto the live one. */
export const EXAMPLE_RECIPE_PATH = fileURLToPath(new URL('../../../../examples/products.recipe.json', import.meta.url));

export function rebaseRecipe(recipe: Recipe, siteUrl: string): Recipe {
  const urls = (recipe.start.urls ?? []).map((u) => {
    const url = new URL(u);
    return new URL(url.pathname + url.search, siteUrl).toString();
  });
  return { ...recipe, start: { ...recipe.start, urls } };
}

export interface DemoOptions {
  dbPath: string;
  logger: Logger;
  onEvent: (e: RunEvent) => void;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
  pages: number;
}

/** `scrapifie demo`: starts the bundled demo site, runs the example recipe on it and prints the rows. */
export async function demoCommand(opts: DemoOptions): Promise<number> {
  const site = await startTestSite({ pages: opts.pages });
  try {
    opts.stderr.write(`Demo site running at ${site.url} (${opts.pages} listing pages). Recipe: ${EXAMPLE_RECIPE_PATH}\n`);
    const recipe = rebaseRecipe(await readRecipeFile(EXAMPLE_RECIPE_PATH), site.url);
    const { summary, rowsWritten } = await runCommand({ ...opts, recipe, recipePath: EXAMPLE_RECIPE_PATH });
    opts.stderr.write(`${rowsWritten} rows printed above (run ${summary.runId}, ${summary.status}).\n`);
    return exitCodeForStatus(summary.status);
  } finally {
    await site.close();
  }
}
