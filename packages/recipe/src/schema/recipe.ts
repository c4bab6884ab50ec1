import { z } from 'zod';
import { BrowserOptionsSchema } from './browser.ts';
import { PageSpecSchema } from './page.ts';
import { FetchProxySchema } from './proxy.ts';

export const RECIPE_VERSION = 1 as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' });
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const StartSchema = z
  .strictObject({
    urls: z.array(httpUrl).optional(),
    input: z
      .strictObject({
        /** A CSV or JSON file of rows, relative to the recipe file. */
        file: z.string().min(1).optional(),
        /** Or the rows inline. */
        rows: z.array(z.record(z.string(), scalar)).optional(),
        /** The URL of each row: a column holding it ... */
        urlColumn: z.string().min(1).optional(),
        /** ... or a template filled from the row's columns, e.g. "https://example.com/search?q={query}". */
        urlTemplate: z.string().min(1).optional(),
        /** Columns copied into every row extracted from that input. */
        carry: z.array(z.string()).default([]),
      })
      .superRefine((inp, ctx) => {
        if ((inp.file === undefined) === (inp.rows === undefined)) ctx.addIssue({ code: 'custom', message: 'input needs exactly one of "file" or "rows"' });
        if ((inp.urlColumn === undefined) === (inp.urlTemplate === undefined))
          ctx.addIssue({ code: 'custom', message: 'input needs exactly one of "urlColumn" or "urlTemplate"' });
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.urls?.length && !s.input) ctx.addIssue({ code: 'custom', message: 'start needs "urls" or "input"' });
  });

export const FetchModeSchema = z.enum(['auto', 'http', 'browser']);
export type FetchMode = z.infer<typeof FetchModeSchema>;

/** Retry policy for retryable failures (timeouts, connection errors, 429, 5xx). Seed defaults. */
export const RetrySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(20).default(3),
  baseDelayMs: z.number().int().min(0).default(2000),
  maxDelayMs: z.number().int().min(0).default(30_000),
  multiplier: z.number().min(1).default(2),
  /** Fetch mode "auto": after this many failed attempts, each retry runs on the next stronger fetch tier. */
  escalateAfter: z.number().int().min(1).default(1),
});

export const FetchSchema = z.strictObject({
  mode: FetchModeSchema.default('auto'),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  maxBodyBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  impersonate: z.enum(['chrome', 'firefox']).default('chrome'),
  headers: z.record(z.string(), z.string()).default({}),
  retry: RetrySchema.default(RetrySchema.parse({})),
  /** Waits, resource blocking, captures and the login of the browser and stealth tiers. */
  browser: BrowserOptionsSchema.optional(),
  /** Proxy tiers the run may climb (the proxies come from the runtime's pool). Default: direct connections only. */
  proxy: FetchProxySchema.optional(),
});

export const LimitsSchema = z.strictObject({
  /** Stop enqueuing after this many requests in the run. */
  maxPages: z.number().int().min(1).optional(),
  /** Link depth from a start URL (pagination counts as depth too). */
  maxDepth: z.number().int().min(0).optional(),
  maxItems: z.number().int().min(1).optional(),
});

export const PolitenessSchema = z.strictObject({
  respectRobotsTxt: z.boolean().default(true),
  /** Requests in flight for the whole run. */
  maxConcurrency: z.number().int().min(1).max(1000).default(10),
  /** Requests in flight per domain. */
  perDomainConcurrency: z.number().int().min(1).max(1000).default(2),
  /** Token bucket per domain (seed default: 2 requests per 10 s). Slows down on 429/503 and honours Retry-After. */
  rateLimit: z
    .strictObject({
      requests: z.number().int().min(1).default(2),
      perSeconds: z.number().min(0.001).default(10),
      adaptive: z.boolean().default(true),
    })
    .default({ requests: 2, perSeconds: 10, adaptive: true }),
  /** Per-domain circuit breaker over a sliding window (seed: 10 requests, 5 failures, 120 s). */
  circuitBreaker: z
    .strictObject({
      windowSize: z.number().int().min(1).default(10),
      failureThreshold: z.number().int().min(1).default(5),
      cooldownMs: z.number().int().min(0).default(120_000),
    })
    .default({ windowSize: 10, failureThreshold: 5, cooldownMs: 120_000 }),
});

export const RecipeSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(RECIPE_VERSION, { error: `expected recipe version ${RECIPE_VERSION}` }),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  start: StartSchema,
  fetch: FetchSchema.default(FetchSchema.parse({})),
  page: PageSpecSchema,
  limits: LimitsSchema.default({}),
  politeness: PolitenessSchema.default(PolitenessSchema.parse({})),
  /** Field names that identify a row within a run: rows with the same key are stored once. */
  itemKey: z.array(z.string().min(1)).min(1).optional(),
});

export type Recipe = z.infer<typeof RecipeSchema>;
export type RecipeInput = z.input<typeof RecipeSchema>;
export type FetchOptions = Recipe['fetch'];
export type RetryPolicy = Recipe['fetch']['retry'];
export type Politeness = Recipe['politeness'];
export type Limits = Recipe['limits'];
export type StartSpec = Recipe['start'];
