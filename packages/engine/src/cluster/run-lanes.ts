import type { Recipe } from '@scrapifie/recipe';
import { priorityForSize, type NewJob, type QueueName } from '../ports/queue.ts';

/** A batch job: one link of a lane, a chain of batches that together crawl a run (several lanes share a run). */
export interface LaneJob {
  runId: string;
  lane: string;
  /** The link in the lane's chain (0, 1, ...): with the run and lane, the job's idempotent id. */
  gen: number;
}

/** Requests one batch job claims at most. */
export const MAX_BATCH_REQUESTS = 1000;

/** The tier queue of a run: rendering recipes go to workers with browsers. */
export function queueForRecipe(recipe: Recipe): QueueName {
  const mode: string = recipe.fetch.mode;
  return mode === 'browser' ? 'scrape:browser' : mode === 'stealth' ? 'scrape:stealth' : 'scrape:http';
}

export function laneJobId(j: LaneJob): string {
  return `${j.runId}.${j.lane}.${j.gen}`;
}

/** The job of a lane link: retried with backoff when a worker's handler fails, idempotent by its id. */
export function laneJob(j: LaneJob, opts: { delayMs?: number | undefined; size?: number | undefined } = {}): NewJob<LaneJob> {
  return {
    data: j,
    opts: {
      jobId: laneJobId(j),
      runId: j.runId,
      priority: priorityForSize(opts.size ?? 0),
      attempts: 5,
      backoff: { type: 'exponential', delayMs: 1000, jitter: 0.5 },
      delayMs: opts.delayMs && opts.delayMs > 0 ? Math.ceil(opts.delayMs) : undefined,
    },
  };
}

/** `count` fresh lanes for a run, named with `tag` so a reconciler's lanes never collide with earlier ones. */
export function freshLanes(runId: string, count: number, tag: string, size: number): NewJob<LaneJob>[] {
  return Array.from({ length: count }, (_, i) => laneJob({ runId, lane: `${tag}${i}`, gen: 0 }, { size }));
}
