import { z } from 'zod';
import { RunStatusSchema, TierCountsSchema } from '../schemas/common.ts';
import { procedure, router } from '../trpc.ts';

/** How many runs the usage sums read (the store has no aggregate query yet). */
const MAX_RUNS_SUMMED = 100_000;

export const usageRouter = router({
  get: procedure
    .meta({ openapi: { method: 'GET', path: '/usage', tags: ['usage'], summary: 'Usage: pages by tier, bytes, runs', description: 'Summed from the store over all runs (live progress for active ones). Per-workspace metering and quotas come with authentication.' } })
    .input(z.strictObject({}))
    .output(
      z.object({
        pages: TierCountsSchema.extend({ total: z.number() }),
        bytes: z.number(),
        runs: z.object({ total: z.number(), byStatus: z.partialRecord(RunStatusSchema, z.number()) }),
      }),
    )
    .query(async ({ ctx }) => {
      const { store, launcher } = ctx.services;
      const runs = await store.listRuns(MAX_RUNS_SUMMED);
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
      return { pages, bytes, runs: { total: runs.length, byStatus } };
    }),
});
