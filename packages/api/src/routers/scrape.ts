import { z } from 'zod';
import { ResultsPageSchema } from './results.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { pageResults } from '../results/query.ts';
import { limitSchema, RunIdSchema } from '../schemas/common.ts';
import {
  JobAcceptedSchema, JobCancelSchema, JobIdInputSchema, JobSchema, ScrapeBatchInputSchema, ScrapeInputSchema, ScrapeSyncInputSchema, ScrapeTaskSchema,
  TaskAcceptedSchema, TaskIdInputSchema,
} from '../schemas/scrape.ts';
import { getRunOrThrow, runView } from '../services/run-views.ts';
import { scrapeAndWait, startBatch, startTask, taskView } from '../scrape/service.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';

const CANCEL_WAIT_MS = 10_000;

export const scrapeRouter = router({
  start: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/scrape', tags: ['scrape'], summary: 'Scrape one page (async)', description: 'Starts a one-off scrape and answers 202 with a task id; poll GET /scrape/{taskId}.' }, successStatus: 202 })
    .input(ScrapeInputSchema)
    .output(TaskAcceptedSchema)
    .mutation(async ({ ctx, input }) => {
      const taskId = await startTask(ctx, input);
      return { taskId, status: 'running' as const, statusUrl: `/api/v1/scrape/${taskId}` };
    }),

  sync: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/scrape/sync', tags: ['scrape'], summary: 'Scrape one page and wait', description: 'Scrapes one page and answers with its content (markdown, html or text) and extracted data. Waits up to timeoutMs (default 60 s): past it the task is cancelled and the call fails with TIMEOUT (504).' } })
    .input(ScrapeSyncInputSchema)
    .output(ScrapeTaskSchema)
    .mutation(async ({ ctx, input, signal }) => {
      const { timeoutMs, ...scrape } = input;
      return scrapeAndWait(ctx, scrape, timeoutMs, signal);
    }),

  task: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/scrape/{taskId}', tags: ['scrape'], summary: 'A scrape task: status, and the result once done' } })
    .input(TaskIdInputSchema)
    .output(ScrapeTaskSchema)
    .query(({ ctx, input }) => taskView(ctx, input.taskId)),

  batch: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/scrape/batch', tags: ['scrape'], summary: 'Start a batch job', description: `Up to ${DEFAULT_LIMITS.maxBatchSize} URLs (each scraped as a one-off page), or a recipe over an input list. Answers 202 with a job id.` }, successStatus: 202 })
    .input(ScrapeBatchInputSchema)
    .output(JobAcceptedSchema)
    .mutation(async ({ ctx, input }) => {
      const jobId = await startBatch(ctx, input);
      return { jobId, status: 'running' as const, statusUrl: `/api/v1/scrape/jobs/${jobId}`, resultsUrl: `/api/v1/scrape/jobs/${jobId}/results` };
    }),

  job: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/scrape/jobs/{jobId}', tags: ['scrape'], summary: 'A job: status, counts, progress' } })
    .input(JobIdInputSchema)
    .output(JobSchema)
    .query(async ({ ctx, input }) => {
      const v = await runView(ctx, await getRunOrThrow(ctx, input.jobId, 'job'));
      return { jobId: v.runId, name: v.name, status: v.status, createdAt: v.createdAt, updatedAt: v.updatedAt, counts: v.counts, progress: v.progress, failures: v.failures };
    }),

  jobResults: viewerProcedure
    .meta({ openapi: { method: 'GET', path: '/scrape/jobs/{jobId}/results', tags: ['scrape'], summary: "A page of a job's rows", description: 'Cursor paging, as GET /runs/{runId}/results.' } })
    .input(z.strictObject({ jobId: RunIdSchema, cursor: z.string().max(500).optional(), limit: limitSchema(DEFAULT_LIMITS.maxPageSize, 100) }))
    .output(ResultsPageSchema)
    .query(async ({ ctx, input }) => {
      await getRunOrThrow(ctx, input.jobId, 'job');
      return pageResults(ctx.services.store, input.jobId, { cursor: input.cursor, limit: input.limit }, ctx.limits.maxScanRows);
    }),

  cancelJob: editorProcedure
    .meta({ openapi: { method: 'POST', path: '/scrape/jobs/{jobId}/cancel', tags: ['scrape'], summary: 'Cancel a job', description: 'Nothing new starts; fetches in flight finish; the job ends "cancelled" (waits up to 10 s).' } })
    .input(JobIdInputSchema)
    .output(JobCancelSchema)
    .mutation(async ({ ctx, input }) => {
      await getRunOrThrow(ctx, input.jobId, 'job');
      const cancelled = await ctx.services.launcher.cancel(input.jobId);
      if (cancelled) await ctx.services.launcher.waitUntilDone(input.jobId, AbortSignal.timeout(CANCEL_WAIT_MS));
      const run = await getRunOrThrow(ctx, input.jobId, 'job');
      return { jobId: run.id, cancelled, status: run.status };
    }),
});
