import type { RunProgress, RunStatus } from '@scrapifie/recipe';
import type { ClusterStore } from '../ports/cluster-store.ts';
import type { CrawlStore, RequestCounts, RunSummary } from '../ports/store.ts';

function statusOf(c: RequestCounts): RunStatus {
  if (c.failed === 0) return 'completed';
  return c.succeeded > 0 ? 'partially_completed' : 'failed';
}

async function progressOf(store: CrawlStore, runId: string, createdAt: string, now: number): Promise<RunProgress> {
  const c = await store.counts(runId);
  const elapsedMs = Math.max(0, now - Date.parse(createdAt));
  return {
    pagesDone: c.succeeded,
    pagesFailed: c.failed,
    pagesQueued: c.pending,
    pagesInFlight: c.inFlight,
    items: c.results,
    bytes: 0,
    elapsedMs,
    pagesPerSecond: elapsedMs > 0 ? (c.succeeded * 1000) / elapsedMs : 0,
    etaMs: null,
    byTier: { http: 0, browser: 0, stealth: 0 },
  };
}

/** Ends a run whose frontier is done: completed, partially_completed or failed by its requests; never overwrites a final status. */
export async function finalizeRun(store: CrawlStore, cluster: ClusterStore, runId: string, now: number): Promise<RunStatus | null> {
  const run = await store.getRun(runId);
  if (!run) return null;
  const c = await store.counts(runId);
  const status = statusOf(c);
  const summary: RunSummary = { runId, status, progress: await progressOf(store, runId, run.createdAt, now), failures: await store.failureCounts(runId) };
  return (await cluster.setFinalStatusIfActive(runId, status, JSON.stringify(summary))) ? status : null;
}
finalizeRun.progressOf = progressOf;
