import type { CrawlStore, RequestCounts, StoredRun } from '@scrapifie/engine';
import type { RunStatus } from '@scrapifie/recipe';

/** Statuses of runs that did not finish: the app was closed or crashed before or during the run (queued, running), or the user stopped it (cancelled). */
export const RESUMABLE_STATUSES: ReadonlySet<RunStatus> = new Set(['queued', 'running', 'cancelled']);

export interface ResumableRun {
  runId: string;
  recipeName: string;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  /** Where it stopped: pages done and left, rows so far. */
  counts: RequestCounts;
}

/**
 * The unfinished runs to offer for resuming at start-up, newest first, among the last `limit` runs.
 * At start-up no worker runs yet, so a run still marked running was interrupted by a quit or a crash;
 * later, `isActive` leaves out the runs a worker is crawling now.
 */
export async function findResumableRuns(store: Pick<CrawlStore, 'listRuns' | 'counts'>, limit = 200, isActive: (runId: string) => boolean = () => false): Promise<ResumableRun[]> {
  const runs: StoredRun[] = (await store.listRuns(limit)).filter((r) => RESUMABLE_STATUSES.has(r.status) && !isActive(r.id));
  const out: ResumableRun[] = [];
  for (const r of runs) {
    out.push({ runId: r.id, recipeName: r.recipe.name, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt, counts: await store.counts(r.id) });
  }
  return out;
}
