import { z } from 'zod';
import { RecipeSchema, type RunEvent, type RunProgress } from '@scrapifie/recipe';
import { FailuresSchema, InputRowSchema, RequestCountsSchema, RunEventSchema, RunIdSchema, RunProgressSchema, RunStatusSchema, limitSchema } from '../schemas/common.ts';
import { getRunOrThrow, listItem, runView } from '../services/run-views.ts';
import { startRecipeRun } from '../services/start-run.ts';
import { visibleRuns } from '../services/workspace-runs.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';

const RunListItemSchema = z.object({
  runId: z.string(),
  name: z.string(),
  status: RunStatusSchema,
  active: z.boolean().describe('Crawling on this server right now'),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: RunProgressSchema.nullable(),
});
const RunViewSchema = RunListItemSchema.extend({ counts: RequestCountsSchema, failures: FailuresSchema });
const RunIdInput = z.strictObject({ runId: RunIdSchema });

const NO_PROGRESS: RunProgress = { pagesDone: 0, pagesFailed: 0, pagesQueued: 0, pagesInFlight: 0, items: 0, bytes: 0, elapsedMs: 0, pagesPerSecond: 0, etaMs: null, byTier: { http: 0, browser: 0, stealth: 0 } };
const CANCEL_WAIT_MS = 10_000;

export const runsRouter = router({
  start: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/runs', tags: ['runs'], summary: 'Start a run', description: 'Starts crawling with a recipe (over `input` rows when the recipe has start.input). Answers 202 with the run id at once.' }, successStatus: 202 })
    .input(
      z.strictObject({
        recipe: RecipeSchema,
        input: z.array(InputRowSchema).optional().describe("Rows for the recipe's start.input"),
        concurrency: z.number().int().min(1).max(1000).optional().describe('Overrides politeness.maxConcurrency'),
      }),
    )
    .output(z.object({ runId: z.string(), status: RunStatusSchema, statusUrl: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const runId = await startRecipeRun(ctx, { recipe: input.recipe, inputRows: input.input, concurrency: input.concurrency, recipePath: 'recipe', rowsPath: 'input' });
      return { runId, status: 'running' as const, statusUrl: `/api/v1/runs/${runId}` };
    }),

  list: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/runs', tags: ['runs'], summary: 'Recent runs, newest first' } })
    .input(z.strictObject({ limit: limitSchema(200, 50), status: RunStatusSchema.optional() }))
    .output(z.object({ runs: z.array(RunListItemSchema) }))
    .query(async ({ ctx, input }) => {
      const runs = await visibleRuns(ctx, input.status ? 1000 : input.limit);
      const items = runs.map((r) => listItem(ctx, r)).filter((r) => !input.status || r.status === input.status);
      return { runs: items.slice(0, input.limit) };
    }),

  status: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/runs/{runId}', tags: ['runs'], summary: 'A run: status, counts, progress, failures by code' } })
    .input(RunIdInput)
    .output(RunViewSchema)
    .query(async ({ ctx, input }) => runView(ctx, await getRunOrThrow(ctx, input.runId))),

  cancel: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/runs/{runId}/cancel', tags: ['runs'], summary: 'Cancel a run', description: 'Nothing new starts; fetches in flight finish; the run ends "cancelled" (waits up to 10 s for it to stop). Cancelling a finished run changes nothing (cancelled: false).' } })
    .input(RunIdInput)
    .output(z.object({ runId: z.string(), cancelled: z.boolean(), status: RunStatusSchema }))
    .mutation(async ({ ctx, input }) => {
      await getRunOrThrow(ctx, input.runId);
      const { launcher } = ctx.services;
      const cancelled = await launcher.cancel(input.runId);
      if (cancelled) await launcher.waitUntilDone(input.runId, AbortSignal.timeout(CANCEL_WAIT_MS));
      const run = await getRunOrThrow(ctx, input.runId);
      return { runId: run.id, cancelled, status: run.status };
    }),

  logs: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/runs/{runId}/logs', tags: ['runs'], summary: "A run's recent events", description: 'Pages fetched, items extracted, failed requests, start and finish, oldest first; kept in memory for recent runs of this server. `failures` counts failed requests by code from the store.' } })
    .input(z.strictObject({ runId: RunIdSchema, limit: limitSchema(1000, 100) }))
    .output(z.object({ runId: z.string(), entries: z.array(z.object({ at: z.string(), event: RunEventSchema })), failures: FailuresSchema }))
    .query(async ({ ctx, input }) => {
      const run = await getRunOrThrow(ctx, input.runId);
      return { runId: run.id, entries: ctx.services.launcher.recentEvents(run.id, input.limit), failures: await ctx.services.store.failureCounts(run.id) };
    }),

  /** Live events of a run (SSE over HTTP, IPC on the desktop): a progress snapshot first, then every event until run.finished. */
  progress: viewerProcedure.input(RunIdInput).subscription(async function* ({ ctx, input, signal }): AsyncGenerator<RunEvent> {
    await getRunOrThrow(ctx, input.runId);
    const { launcher } = ctx.services;
    const events = launcher.subscribe(input.runId, signal);
    if (!launcher.isActive(input.runId)) {
      const run = await getRunOrThrow(ctx, input.runId);
      yield { type: 'run.finished', runId: run.id, status: run.status, progress: run.summary?.progress ?? NO_PROGRESS };
      return;
    }
    const now = launcher.progress(input.runId);
    if (now) yield { type: 'progress', runId: input.runId, progress: now };
    yield* events;
  }),
});
