import { z } from 'zod';
import { PAGES_METRIC, monthOf } from '../metering/quotas.ts';
import { RunStatusSchema, TierCountsSchema } from '../schemas/common.ts';
import { runScopeOf, visibleRuns } from '../services/workspace-runs.ts';
import { router, viewerProcedure } from '../trpc.ts';

/** How many runs the usage sums read (the store has no aggregate query yet). */
const MAX_RUNS_SUMMED = 100_000;
/** In a workspace, runs are read one by one: fewer. */
const MAX_WORKSPACE_RUNS_SUMMED = 10_000;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const UsagePeriodSchema = z.object({ period: z.string(), pagesByTier: TierCountsSchema, pages: z.number(), bytes: z.number(), browserSeconds: z.number() });
const QuotaStateSchema = z.object({ limit: z.number(), used: z.number(), remaining: z.number(), period: z.string() });

export const usageRouter = router({
  get: viewerProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/usage',
        tags: ['usage'],
        summary: 'Usage: pages by tier, bytes, runs; metered usage and quotas of the workspace',
        description:
          "`pages`, `bytes` and `runs` are summed from the store over the caller's runs (live progress for active ones). With an application store, " +
          '`workspace` has the metered usage of the workspace by day or month (pages by tier, bytes, browser seconds) and its quotas; null without one.',
      },
    })
    .input(z.strictObject({ granularity: z.enum(['day', 'month']).default('month'), from: Day.optional(), to: Day.optional() }))
    .output(
      z.object({
        pages: TierCountsSchema.extend({ total: z.number() }),
        bytes: z.number(),
        runs: z.object({ total: z.number(), byStatus: z.partialRecord(RunStatusSchema, z.number()) }),
        workspace: z
          .object({
            workspaceId: z.string(),
            granularity: z.enum(['day', 'month']),
            periods: z.array(UsagePeriodSchema),
            quotas: z.object({ pagesPerMonth: QuotaStateSchema.nullable() }),
          })
          .nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { launcher, app, quotas, clock } = ctx.services;
      const runs = await visibleRuns(ctx, runScopeOf(ctx) === null ? MAX_RUNS_SUMMED : MAX_WORKSPACE_RUNS_SUMMED);
      const pages = { http: 0, browser: 0, stealth: 0, total: 0 };
      let bytes = 0;
      const byStatus: Partial<Record<z.infer<typeof RunStatusSchema>, number>> = {};
      for (const run of runs) {
        byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
        const p = launcher.progress(run.id) ?? run.summary?.progress;
        if (!p) continue;
        pages.http += p.byTier.http;
        pages.browser += p.byTier.browser;
        pages.stealth += p.byTier.stealth;
        bytes += p.bytes;
      }
      pages.total = pages.http + pages.browser + pages.stealth;
      const workspaceId = ctx.principal.workspaceId;
      let workspace = null;
      if (app && workspaceId) {
        const periods = await app.usage(workspaceId, { granularity: input.granularity, from: input.from, to: input.to });
        let pagesPerMonth = null;
        if (quotas?.pagesPerMonth !== undefined) {
          const period = monthOf(clock.now());
          const used = await app.quotaUsed(workspaceId, PAGES_METRIC, period);
          pagesPerMonth = { limit: quotas.pagesPerMonth, used, remaining: Math.max(0, quotas.pagesPerMonth - used), period };
        }
        workspace = { workspaceId, granularity: input.granularity, periods, quotas: { pagesPerMonth } };
      }
      return { pages, bytes, runs: { total: runs.length, byStatus }, workspace };
    }),
});
