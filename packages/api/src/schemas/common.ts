import { z } from 'zod';
import { ERROR_CODES } from '@scrapifie/recipe';

export const RunIdSchema = z.string().min(1, 'a run id is required').max(100).regex(/^[A-Za-z0-9_.-]+$/, 'a run id is letters, digits, "_", "." and "-"');

export const RunStatusSchema = z.enum(['queued', 'running', 'completed', 'partially_completed', 'failed', 'cancelled']);
export const FetchTierSchema = z.enum(['http', 'browser', 'stealth']);
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const TierCountsSchema = z.object({ http: z.number(), browser: z.number(), stealth: z.number() });

export const RunProgressSchema = z.object({
  pagesDone: z.number(),
  pagesFailed: z.number(),
  pagesQueued: z.number(),
  pagesInFlight: z.number(),
  items: z.number(),
  bytes: z.number(),
  elapsedMs: z.number(),
  pagesPerSecond: z.number(),
  etaMs: z.number().nullable(),
  byTier: TierCountsSchema,
});

export const RequestCountsSchema = z.object({
  pending: z.number(),
  inFlight: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  results: z.number(),
});

/** Failed requests by error code. */
export const FailuresSchema = z.partialRecord(ErrorCodeSchema, z.number());

export const IssueSchema = z.object({ path: z.string(), message: z.string() });

/** One input row: column name to a scalar. */
export const InputRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const RowDataSchema = z.record(z.string(), z.unknown());

export const ResultItemSchema = z.object({
  seq: z.number().int(),
  key: z.string(),
  url: z.string(),
  data: RowDataSchema,
  tier: FetchTierSchema,
  attempts: z.number().int(),
  fetchedAt: z.string(),
});

/** Whole number from a query string or JSON. */
export const limitSchema = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run.started'), runId: z.string(), recipeName: z.string(), resumed: z.boolean(), robotsTxt: z.enum(['respected', 'ignored']) }),
  z.object({ type: z.literal('page.fetched'), runId: z.string(), url: z.string(), status: z.number(), bytes: z.number(), ms: z.number(), tier: FetchTierSchema, attempt: z.number() }),
  z.object({ type: z.literal('items.extracted'), runId: z.string(), url: z.string(), count: z.number(), dropped: z.number() }),
  z.object({ type: z.literal('request.failed'), runId: z.string(), url: z.string(), code: ErrorCodeSchema, message: z.string(), attempt: z.number(), willRetry: z.boolean() }),
  z.object({ type: z.literal('progress'), runId: z.string(), progress: RunProgressSchema }),
  z.object({ type: z.literal('run.finished'), runId: z.string(), status: RunStatusSchema, progress: RunProgressSchema }),
]);
