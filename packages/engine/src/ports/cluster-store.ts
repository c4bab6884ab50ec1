import type { RunStatus } from '@scrapifie/recipe';

export interface Frontier {
  nextDueAt: number | null;
  inFlight: number;
}

/** What the cluster needs from the store beyond CrawlStore: leases on claimed requests and stalled-run detection. */
export interface ClusterStore {
  /**
   * Renews the lease of requests this worker holds in flight (and marks the run alive). Returns the run's status, so
   * a worker notices a cancellation even when the queue lost it.
   */
  heartbeat(runId: string, requestIds: number[]): Promise<RunStatus | null>;
  /** In-flight requests whose lease was not renewed for `leaseMs` (their worker died) go back to pending. Returns how many. */
  requeueExpired(leaseMs: number): Promise<number>;
  /**
   * Runs still queued or running with no sign of life for `staleMs` and work that nobody is doing (in-flight requests,
   * or pending ones due for `staleMs`). Each returned run is marked alive in the same statement, so of several
   * reconcilers exactly one gets it.
   */
  claimStalledRuns(staleMs: number, limit: number): Promise<string[]>;
  /**
   * The run's frontier in one look: when its earliest pending request is due (null: none pending) and how many of its
   * requests are in flight (on any worker). A batch asks this whenever its own claim comes back short, so it must be cheap.
   */
  frontier(runId: string): Promise<Frontier>;
  /** Requests pending or in flight over every queued or running run: the queue depth that admission control caps. */
  openRequests(): Promise<number>;
  /** Deletes runs that finished (any final status) more than `olderThanMs` ago, with their requests and rows. Returns how many. */
  deleteFinishedRuns(olderThanMs: number): Promise<number>;
  /** queued -> running (a run that was cancelled meanwhile stays cancelled). */
  markRunning(runId: string): Promise<void>;
  /** Sets a final status and summary only while the run is queued or running (never overwrites a cancellation); true when it did. */
  setFinalStatusIfActive(runId: string, status: RunStatus, summaryJson: string): Promise<boolean>;
}
