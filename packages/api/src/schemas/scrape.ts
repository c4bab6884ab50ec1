import { z } from 'zod';
import { FetchModeSchema, FieldsSchema, PolitenessSchema, RecipeSchema } from '@scrapifie/recipe';
import { DEFAULT_LIMITS } from '../limits.ts';
import { CONTENT_FORMATS } from '../scrape/content.ts';
import { FailuresSchema, InputRowSchema, RequestCountsSchema, RunIdSchema, RunProgressSchema, RunStatusSchema, IssueSchema, ErrorCodeSchema, FetchTierSchema } from './common.ts';

export const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' });

export const ScrapeFetchSchema = z.strictObject({
  /** auto: the HTTP tier (escalation comes with the browser tiers); http; browser (needs a browser tier on the server). */
  mode: FetchModeSchema.optional(),
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  impersonate: z.enum(['chrome', 'firefox']).optional(),
});

const scrapeOptions = {
  /** The page content returned: markdown (default), html, or text. */
  format: z.enum(CONTENT_FORMATS).default('markdown'),
  /** Page fields to extract (the recipe field syntax), returned as `data`. */
  fields: FieldsSchema.optional(),
  fetch: ScrapeFetchSchema.optional(),
  respectRobotsTxt: z.boolean().default(true),
};

const oneOfFieldsOrRecipe = (v: { fields?: unknown; recipe?: unknown }, ctx: z.RefinementCtx): void => {
  if (v.fields !== undefined && v.recipe !== undefined) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'give "fields" or "recipe", not both' });
};

export const ScrapeInputSchema = z
  .strictObject({
    url: HttpUrlSchema,
    ...scrapeOptions,
    /** A recipe whose page spec (items, fields) and fetch options apply to this one URL; its start is ignored. */
    recipe: RecipeSchema.optional(),
  })
  .superRefine(oneOfFieldsOrRecipe);
export type ScrapeInput = z.infer<typeof ScrapeInputSchema>;

export const ScrapeSyncInputSchema = z
  .strictObject({
    url: HttpUrlSchema,
    ...scrapeOptions,
    recipe: RecipeSchema.optional(),
    /** How long to wait (default 60 s); past it the task is cancelled and the call fails with TIMEOUT. */
    timeoutMs: z.number().int().min(1000).max(DEFAULT_LIMITS.maxSyncTimeoutMs).optional(),
  })
  .superRefine(oneOfFieldsOrRecipe);

export const ScrapeBatchInputSchema = z
  .strictObject({
    /** Up to 100 URLs, each scraped as a one-off page ... */
    urls: z.array(HttpUrlSchema).min(1).max(DEFAULT_LIMITS.maxBatchSize).optional(),
    /** ... or a recipe, crawled as a job (over `input` rows when given). */
    recipe: RecipeSchema.optional(),
    /** Rows for the recipe's start.input (its urlColumn or urlTemplate makes the URLs). */
    input: z.array(InputRowSchema).min(1).max(DEFAULT_LIMITS.maxBatchSize).optional(),
    ...scrapeOptions,
    /** Politeness for a URL batch (default: 2 requests per 10 s per domain, robots.txt respected). */
    politeness: PolitenessSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.urls === undefined) === (v.recipe === undefined)) ctx.addIssue({ code: 'custom', path: ['urls'], message: 'give "urls" or "recipe" (exactly one)' });
    if (v.input !== undefined && v.recipe === undefined) ctx.addIssue({ code: 'custom', path: ['input'], message: '"input" rows go with a "recipe"' });
    if (v.recipe !== undefined && v.fields !== undefined) ctx.addIssue({ code: 'custom', path: ['fields'], message: '"fields" go with "urls"; a recipe has its own' });
    if (v.recipe !== undefined && v.politeness !== undefined) ctx.addIssue({ code: 'custom', path: ['politeness'], message: '"politeness" goes with "urls"; a recipe has its own' });
  });
export type ScrapeBatchInput = z.infer<typeof ScrapeBatchInputSchema>;

export const TaskIdInputSchema = z.strictObject({ taskId: RunIdSchema });
export const JobIdInputSchema = z.strictObject({ jobId: RunIdSchema });

export const ScrapeResultSchema = z.object({
  url: z.string(),
  title: z.string().nullable(),
  format: z.enum(CONTENT_FORMATS),
  content: z.string(),
  data: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]).nullable(),
  dropped: z.array(z.string()),
  tier: FetchTierSchema,
  fetchedAt: z.string(),
});

export const TaskErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });

export const ScrapeTaskSchema = z.object({
  taskId: z.string(),
  url: z.string(),
  status: RunStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  result: ScrapeResultSchema.nullable(),
  error: TaskErrorSchema.nullable(),
});

export const TaskAcceptedSchema = z.object({ taskId: z.string(), status: RunStatusSchema, statusUrl: z.string() });
export const JobAcceptedSchema = z.object({ jobId: z.string(), status: RunStatusSchema, statusUrl: z.string(), resultsUrl: z.string() });

export const JobSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  status: RunStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: RequestCountsSchema,
  progress: RunProgressSchema.nullable(),
  failures: FailuresSchema,
});

export const JobCancelSchema = z.object({ jobId: z.string(), cancelled: z.boolean(), status: RunStatusSchema });

export { IssueSchema, RunIdSchema };
