import type { ErrorCode } from '@scrapifie/recipe';
import type {
  CompleteRequestInput,
  Completion,
  CrawlStore,
  FailRequestInput,
  Inserted,
  InsertBudget,
  NewRequest,
  NewRun,
  RequestCounts,
  RunSummary,
  StoredRequest,
  StoredResult,
  StoredRun,
} from '../ports/store.ts';
import type { Frontier } from '../ports/cluster-store.ts';

export interface BatchStoreOptions {
  /** Requests this batch claims at most (≤ 1,000). */
  budget: number;
  /** Requests held (claimed and not yet finished) at once, so one worker does not hoard the frontier. */
  maxOwned: number;
  /** While nothing is due but other workers have requests in flight, look again this often. */
  pollMs: number;
  /** Pending requests due further away than this end the batch (a follow-up batch is scheduled for them). */
  maxWaitMs: number;
  now: () => number;
  /** The run's frontier in one cheap look (the cluster store's), used when this batch's own claim comes back short. */
  frontier: (runId: string) => Promise<Frontier>;
}

/**
 * The CrawlStore a batch job's crawl loop sees: claims stop at the batch's budget, the requests it holds are tracked
 * (their lease renewed by the executor), and "is there more to do" also waits for work other workers may still add.
 */
export class BatchStore implements CrawlStore {
  private readonly inner: CrawlStore;
  private readonly o: BatchStoreOptions;
  /** Claimed by this batch and not finished. */
  readonly owned = new Set<number>();
  claimed = 0;
  /** Set when the batch ended because its next request is due later: when the follow-up batch should start. */
  followUpAt: number | null = null;

  constructor(inner: CrawlStore, o: BatchStoreOptions) {
    this.inner = inner;
    this.o = o;
  }

  get exhausted(): boolean {
    return this.claimed >= this.o.budget;
  }

  async claimRequests(runId: string, limit: number, now: number): Promise<StoredRequest[]> {
    const n = Math.min(limit, this.o.budget - this.claimed, this.o.maxOwned - this.owned.size);
    if (n <= 0) return [];
    const got = await this.inner.claimRequests(runId, n, now);
    this.claimed += got.length;
    for (const r of got) this.owned.add(r.id);
    return got;
  }

  async nextDueAt(runId: string): Promise<number | null> {
    const now = this.o.now();
    if (this.exhausted) return null;
    if (this.owned.size >= this.o.maxOwned) return now + this.o.pollMs;
    const f = await this.o.frontier(runId);
    if (f.nextDueAt !== null) {
      if (f.nextDueAt <= now + this.o.maxWaitMs) return f.nextDueAt;
      this.followUpAt = f.nextDueAt;
      return null;
    }
    // Nothing pending: requests in flight elsewhere may still add work to the frontier.
    return f.inFlight > this.owned.size ? now + this.o.pollMs : null;
  }

  async completeRequest(runId: string, requestId: number, input: CompleteRequestInput): Promise<Inserted> {
    const r = await this.inner.completeRequest(runId, requestId, input);
    this.owned.delete(requestId);
    return r;
  }

  async completeRequests(runId: string, completions: Completion[], budget?: InsertBudget): Promise<Inserted[]> {
    const r = await this.inner.completeRequests(runId, completions, budget);
    for (const c of completions) this.owned.delete(c.requestId);
    return r;
  }

  async failRequest(runId: string, requestId: number, input: FailRequestInput): Promise<void> {
    await this.inner.failRequest(runId, requestId, input);
    this.owned.delete(requestId);
  }

  async releaseRequests(runId: string, requestIds: number[], notBefore?: number): Promise<void> {
    await this.inner.releaseRequests(runId, requestIds, notBefore);
    for (const id of requestIds) this.owned.delete(id);
  }

  createRun(run: NewRun): Promise<void> {
    return this.inner.createRun(run);
  }
  getRun(id: string): Promise<StoredRun | null> {
    return this.inner.getRun(id);
  }
  listRuns(limit: number): Promise<StoredRun[]> {
    return this.inner.listRuns(limit);
  }
  setRunStatus(id: string, status: StoredRun['status'], summary?: RunSummary): Promise<void> {
    return this.inner.setRunStatus(id, status, summary);
  }
  addRequests(runId: string, reqs: NewRequest[], opts?: { maxNew?: number | undefined }): Promise<number> {
    return this.inner.addRequests(runId, reqs, opts);
  }
  requeueInFlight(runId: string): Promise<number> {
    return this.inner.requeueInFlight(runId);
  }
  counts(runId: string): Promise<RequestCounts> {
    return this.inner.counts(runId);
  }
  failureCounts(runId: string): Promise<Partial<Record<ErrorCode, number>>> {
    return this.inner.failureCounts(runId);
  }
  results(runId: string, page: { afterSeq?: number | undefined; limit: number }): Promise<StoredResult[]> {
    return this.inner.results(runId, page);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
