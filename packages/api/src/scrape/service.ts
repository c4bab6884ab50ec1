import { InvalidInputError, ScrapifieError, type ErrorCode, type FetchTier, type RunStatus } from '@scrapifie/recipe';
import type { ApiContext } from '../context.ts';
import type { ScrapeBatchInput, ScrapeInput } from '../schemas/scrape.ts';
import { getRunOrThrow, listItem } from '../services/run-views.ts';
import { checkTarget, checkTargets, startRecipeRun } from '../services/start-run.ts';
import { launchRun } from '../services/workspace-runs.ts';
import { captureEvaluator, type ScrapeRow } from './capture.ts';
import { BATCH_RECIPE_NAME, TASK_RECIPE_NAME, batchRecipe, taskRecipe } from './recipes.ts';

export interface ScrapeTaskView {
  taskId: string;
  url: string;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  result: (ScrapeRow & { tier: FetchTier; fetchedAt: string }) | null;
  error: { code: ErrorCode; message: string } | null;
}

/** Starts a one-off scrape as a run of one page; returns the task id (the run id). */
export async function startTask(ctx: ApiContext, input: ScrapeInput): Promise<string> {
  await checkTarget(ctx, input.url, 'url');
  const recipe = taskRecipe(input);
  return launchRun(ctx, { recipe, evaluate: captureEvaluator(input.format) });
}

/** Why a finished task has no result: the page's failure as the journal saw it, else the stored failure counts. */
async function taskError(ctx: ApiContext, taskId: string, status: string): Promise<ScrapeTaskView['error']> {
  if (status === 'completed' || status === 'running' || status === 'queued') return null;
  if (status === 'cancelled') return { code: 'CANCELLED', message: 'The task was cancelled' };
  const failed = ctx.services.launcher
    .recentEvents(taskId, 50)
    .map((l) => l.event)
    .filter((e) => e.type === 'request.failed' && !e.willRetry)
    .pop();
  if (failed?.type === 'request.failed') return { code: failed.code, message: failed.message };
  const failures = await ctx.services.store.failureCounts(taskId);
  const code = (Object.keys(failures)[0] as ErrorCode | undefined) ?? 'INTERNAL';
  return { code, message: `The page could not be scraped (${code})` };
}

export async function taskView(ctx: ApiContext, taskId: string): Promise<ScrapeTaskView> {
  const run = await getRunOrThrow(ctx, taskId, 'scrape task');
  if (run.recipe.name !== TASK_RECIPE_NAME) throw new ScrapifieError('NOT_FOUND', `No scrape task "${taskId}" (it is a run or job: see /runs/${taskId} or /scrape/jobs/${taskId})`);
  const [row] = await ctx.services.store.results(taskId, { limit: 1 });
  const status = listItem(ctx, run).status;
  return {
    taskId,
    url: run.recipe.start.urls?.[0] ?? '',
    status,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    result: row ? { ...(row.data as unknown as ScrapeRow), tier: row.tier, fetchedAt: row.fetchedAt } : null,
    error: row ? null : await taskError(ctx, taskId, status),
  };
}

/**
 * Starts a one-off scrape and waits for it. Past the timeout (or when the caller goes away) the task is cancelled
 * and the call fails with TIMEOUT at once; a failed page fails with the page's error code.
 */
export async function scrapeAndWait(ctx: ApiContext, input: ScrapeInput, timeoutMs: number | undefined, callerSignal?: AbortSignal): Promise<ScrapeTaskView> {
  const wait = timeoutMs ?? ctx.limits.syncTimeoutMs;
  if (wait > ctx.limits.maxSyncTimeoutMs) {
    throw new InvalidInputError('INVALID_INPUT', `timeoutMs: at most ${ctx.limits.maxSyncTimeoutMs} on this server`, [{ path: 'timeoutMs', message: `at most ${ctx.limits.maxSyncTimeoutMs}` }]);
  }
  const taskId = await startTask(ctx, input);
  const { launcher } = ctx.services;
  const deadline = AbortSignal.timeout(wait);
  await launcher.waitUntilDone(taskId, callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline);
  if (launcher.isActive(taskId)) {
    // Nothing new starts; a fetch in flight may still finish and store its page (GET /scrape/{taskId} shows it).
    await launcher.cancel(taskId);
    if (callerSignal?.aborted) throw new ScrapifieError('CANCELLED', `The caller went away; task ${taskId} was cancelled`);
    throw new ScrapifieError('TIMEOUT', `The scrape did not finish within ${wait} ms and was cancelled (task ${taskId})`);
  }
  const view = await taskView(ctx, taskId);
  if (view.error) throw new ScrapifieError(view.error.code, `${view.error.message} (task ${taskId})`);
  return view;
}

/** Starts a batch job: a URL list scraped page by page, or a recipe crawled over input rows. Returns the job id (the run id). */
export async function startBatch(ctx: ApiContext, input: ScrapeBatchInput): Promise<string> {
  if (input.urls) {
    if (input.urls.length > ctx.limits.maxBatchSize) {
      throw new InvalidInputError('INVALID_INPUT', `urls: at most ${ctx.limits.maxBatchSize} per batch`, [{ path: 'urls', message: `at most ${ctx.limits.maxBatchSize}` }]);
    }
    await checkTargets(ctx, input.urls.map((url, i) => ({ url, path: `urls[${i}]` })));
    const recipe = batchRecipe({ ...input, urls: input.urls });
    return launchRun(ctx, { recipe, evaluate: captureEvaluator(input.format) });
  }
  if (input.input && input.input.length > ctx.limits.maxBatchSize) {
    throw new InvalidInputError('INVALID_INPUT', `input: at most ${ctx.limits.maxBatchSize} rows per batch`, [{ path: 'input', message: `at most ${ctx.limits.maxBatchSize}` }]);
  }
  return startRecipeRun(ctx, { recipe: input.recipe!, inputRows: input.input, recipePath: 'recipe', rowsPath: 'input' });
}

export { BATCH_RECIPE_NAME };
