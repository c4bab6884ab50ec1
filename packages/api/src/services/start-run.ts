import { startRequests, type InputRow, type PageEvaluator } from '@scrapifie/engine';
import { InvalidInputError, type Recipe } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import { launchRun } from './workspace-runs.ts';

function bad(path: string, message: string): never {
  throw new InvalidInputError('INVALID_INPUT', `${path}: ${message}`, [{ path, message }]);
}

/** Checks one caller-supplied URL against the target policy (the SSRF guard); the error names the input field. */
export async function checkTarget(ctx: ApiContext, url: string, path: string): Promise<void> {
  const policy = ctx.services.targetPolicy;
  if (!policy) return;
  try {
    await policy.checkUrl(url);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new InvalidInputError(e.code as 'INVALID_URL', `${path}: ${e.message}`, [{ path, message: e.message }]);
    throw e;
  }
}

/** Checks several URLs, a few at a time. */
export async function checkTargets(ctx: ApiContext, targets: Array<{ url: string; path: string }>): Promise<void> {
  if (!ctx.services.targetPolicy) return;
  const queue = [...targets];
  const worker = async (): Promise<void> => {
    for (let t = queue.shift(); t; t = queue.shift()) await checkTarget(ctx, t.url, t.path);
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
}

export interface StartRecipeRunInput {
  recipe: Recipe;
  inputRows?: InputRow[] | undefined;
  concurrency?: number | undefined;
  evaluate?: PageEvaluator | undefined;
  /** Where the recipe and rows are in the caller's input, for error paths: e.g. "recipe" and "input". */
  recipePath: string;
  rowsPath: string;
}

/** Starts a run of a recipe after checking what the server can do with it: no file inputs, and only permitted start URLs. */
export async function startRecipeRun(ctx: ApiContext, req: StartRecipeRunInput): Promise<string> {
  const { recipe, inputRows } = req;
  const input = recipe.start.input;
  if (inputRows !== undefined && !input) bad(req.rowsPath, `the recipe has no start.input (urlColumn or urlTemplate) to turn rows into URLs; add ${req.recipePath}.start.input`);
  if (input?.file !== undefined && inputRows === undefined) bad(`${req.recipePath}.start.input.file`, `the server does not read files: send the rows in "${req.rowsPath}"`);
  const starts = startRequests(recipe, inputRows ?? input?.rows ?? []);
  if (starts.length === 0) bad(`${req.recipePath}.start`, 'nothing to start from: give start.urls or input rows');
  const fromUrls = recipe.start.urls?.length ?? 0;
  await checkTargets(
    ctx,
    starts.map((s, i) => ({ url: s.url, path: i < fromUrls ? `${req.recipePath}.start.urls[${i}]` : `${req.rowsPath}[${i - fromUrls}]` })),
  );
  const runId = await launchRun(ctx, { recipe, inputRows, concurrency: req.concurrency, evaluate: req.evaluate });
  // Webhooks: the run belongs to the starting caller's workspace (until runs record their workspace themselves).
  if (ctx.principal.workspaceId) ctx.services.webhooks?.watchRun(runId, ctx.principal.workspaceId);
  return runId;
}
