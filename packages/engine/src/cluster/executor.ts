import { randomUUID } from 'node:crypto';
import { InvalidInputError, ScrapifieError, type Recipe, type RunEvent, type RunStatus } from '@scrapifie/recipe';
import type { BlockDetector } from '../ports/block-detector.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { ClusterStore } from '../ports/cluster-store.ts';
import { silentLogger, type Logger } from '../ports/logger.ts';
import type { ProxyProvider } from '../ports/proxy-provider.ts';
import type { Consumer, JobHandler, Queue, QueueName } from '../ports/queue.ts';
import type { SharedPoliteness } from '../ports/shared-politeness.ts';
import type { CrawlStore } from '../ports/store.ts';
import type { PageEvaluator } from '../crawl/evaluator.ts';
import { recipeHash } from '../crawl/run-crawl.ts';
import { startRequests, type InputRow } from '../crawl/start.ts';
import type { Fetchers } from '../tiers/ladder.ts';
import { BatchStore } from './batch-store.ts';
import { finalizeRun } from './finalize.ts';
import { politeFetchers } from './polite-fetchers.ts';
import { crawlBatch } from './run-batch.ts';
import { freshLanes, laneJob, MAX_BATCH_REQUESTS, queueForRecipe, type LaneJob } from './run-lanes.ts';

/** New work refused because the queue is as deep as allowed. Retry later. */
export class QueueFullError extends ScrapifieError {
  readonly reason = 'QUEUE_FULL';
  constructor(message: string) {
    super('RATE_LIMITED', message, { retryable: true, retryAfterMs: 10_000 });
    this.name = 'QueueFullError';
  }
}

export interface ClusterExecutorOptions {
  store: CrawlStore;
  cluster: ClusterStore;
  queue: Queue;
  /** The fetch tiers of this worker (an API-only node may pass none and only submit and cancel). */
  fetchers?: Fetchers | undefined;
  /** Cluster-wide per-domain rate limit and breaker (Redis); without it each process keeps only its own limits. */
  shared?: SharedPoliteness | undefined;
  blockDetector?: BlockDetector | undefined;
  proxies?: ProxyProvider | undefined;
  evaluate?: PageEvaluator | undefined;
  logger?: Logger | undefined;
  clock?: Clock | undefined;
  /** Requests per batch job (≤ 1,000). Default 1,000. */
  batchSize?: number | undefined;
  /** Batch jobs in parallel per run (lanes): how many workers can share one run. Default 4. */
  lanes?: number | undefined;
  /** Fetches in flight per batch job. Default: the recipe's politeness.maxConcurrency. */
  batchConcurrency?: number | undefined;
  /** A claimed request whose worker stops renewing its lease for this long goes back to pending. Default 30 s. */
  leaseMs?: number | undefined;
  /** Pending plus in-flight requests over all active runs beyond which new runs are refused. Default 1,000,000. */
  maxQueueDepth?: number | undefined;
  onEvent?: ((e: RunEvent, jobId: string) => void) | undefined;
}

export interface SubmitRunInput {
  recipe: Recipe;
  inputRows?: readonly InputRow[] | undefined;
  runId?: string | undefined;
}

const FINAL: ReadonlySet<RunStatus> = new Set(['completed', 'partially_completed', 'failed', 'cancelled']);

/**
 * Runs crawls on a cluster: a run is split into batch jobs (at most 1,000 requests each) delivered by the Queue on the
 * recipe's tier queue; a worker's batch claims requests from the store (the record), crawls them with the engine and
 * enqueues the next batch of its lane. Delivery is at least once: every write is idempotent.
 */
export class ClusterExecutor {
  private readonly o: ClusterExecutorOptions;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly batchSize: number;
  private readonly lanes: number;
  private readonly leaseMs: number;

  constructor(o: ClusterExecutorOptions) {
    this.o = o;
    this.logger = o.logger ?? silentLogger;
    this.clock = o.clock ?? systemClock;
    this.batchSize = o.batchSize ?? MAX_BATCH_REQUESTS;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > MAX_BATCH_REQUESTS) {
      throw new InvalidInputError('INVALID_INPUT', `batchSize must be a whole number from 1 to ${MAX_BATCH_REQUESTS}, got ${this.batchSize}`);
    }
    this.lanes = o.lanes ?? 4;
    if (!Number.isInteger(this.lanes) || this.lanes < 1) throw new InvalidInputError('INVALID_INPUT', `lanes must be a whole number >= 1, got ${this.lanes}`);
    this.leaseMs = o.leaseMs ?? 30_000;
  }

  /** Stores the run (queued) with its first requests and enqueues its lanes. Refuses with QueueFullError past maxQueueDepth. */
  async submit(input: SubmitRunInput): Promise<string> {
    const { recipe } = input;
    const runId = input.runId ?? randomUUID();
    const starts = startRequests(recipe, input.inputRows ?? recipe.start.input?.rows ?? []);
    if (starts.length === 0) throw new InvalidInputError('INVALID_INPUT', 'The run has nothing to start from: give start.urls or input rows');
    const max = this.o.maxQueueDepth ?? 1_000_000;
    const open = await this.o.cluster.openRequests();
    if (open + starts.length > max) {
      throw new QueueFullError(`The queue holds ${open} open requests; ${starts.length} more would pass the limit of ${max} (maxQueueDepth): try again when runs have finished`);
    }
    const requests = recipe.limits.maxPages === undefined ? starts : starts.slice(0, recipe.limits.maxPages);
    await this.o.store.createRun({ id: runId, recipe, recipeHash: recipeHash(recipe), status: 'queued', requests });
    await this.o.queue.enqueue(queueForRecipe(recipe), freshLanes(runId, this.lanes, 'l', requests.length));
    this.logger.info('run submitted', { runId, requests: requests.length, queue: queueForRecipe(recipe) });
    return runId;
  }

  /** Cancels a run: its queued batches are dropped, running batches stop starting fetches within about a second. */
  async cancel(runId: string): Promise<boolean> {
    const run = await this.o.store.getRun(runId);
    if (!run) throw new ScrapifieError('NOT_FOUND', `No run "${runId}"`);
    if (FINAL.has(run.status)) return false;
    await this.o.store.setRunStatus(runId, 'cancelled', {
      runId,
      status: 'cancelled',
      progress: (await finalizeRun.progressOf(this.o.store, runId, run.createdAt, this.clock.now())),
      failures: await this.o.store.failureCounts(runId),
    });
    await this.o.queue.cancelRun(runId);
    this.logger.info('run cancelled', { runId });
    return true;
  }

  /** Re-enqueues fresh lanes for a run whose batches were lost (a Redis restart, jobs failed for good). */
  async revive(runId: string): Promise<void> {
    const run = await this.o.store.getRun(runId);
    if (!run || FINAL.has(run.status)) return;
    const c = await this.o.store.counts(runId);
    if (c.pending + c.inFlight === 0) {
      await finalizeRun(this.o.store, this.o.cluster, runId, this.clock.now());
      return;
    }
    const tag = `r${this.clock.now().toString(36)}x`;
    await this.o.queue.enqueue(queueForRecipe(run.recipe), freshLanes(runId, this.lanes, tag, c.pending));
    this.logger.warn('re-enqueued a stalled run', { runId, pending: c.pending, inFlight: c.inFlight });
  }

  /** Consumes the given tier queues with `concurrency` batch jobs at once on each. */
  consume(queues: QueueName[], concurrency: number): Consumer[] {
    return queues.map((q) => this.o.queue.consume<LaneJob>(q, this.handle, { concurrency }));
  }

  /** Handles one batch job. */
  readonly handle: JobHandler<LaneJob> = async (job, signal) => {
    const { runId } = job.data;
    const run = await this.o.store.getRun(runId);
    if (!run || FINAL.has(run.status)) return;
    const fetchers = this.o.fetchers;
    if (!fetchers) throw new ScrapifieError('TIER_UNAVAILABLE', 'This node has no fetchers: it cannot work on batch jobs');
    const logger = this.logger.child({ jobId: job.id, runId, lane: job.data.lane, gen: job.data.gen, attempt: job.attempt });
    if (run.status === 'queued') await this.o.cluster.markRunning(runId);
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const batch = new BatchStore(this.o.store, { budget: this.batchSize, maxOwned: 8 + 2 * (this.o.batchConcurrency ?? run.recipe.politeness.maxConcurrency), pollMs: 250, maxWaitMs: 2000, now: () => this.clock.now(), frontier: (id) => this.o.cluster.frontier(id) });
    let cancelled = false;
    const beat = async (): Promise<void> => {
      const status = await this.o.cluster.heartbeat(runId, [...batch.owned]);
      if (status === 'cancelled' || status === null) {
        cancelled = true;
        stop.abort();
      }
    };
    const timer = setInterval(() => beat().catch((e: unknown) => logger.warn('lease renewal failed', { error: (e as Error).message })), Math.min(1000, this.leaseMs / 3));
    const started = this.clock.now();
    let outcome: Awaited<ReturnType<typeof crawlBatch>>;
    try {
      outcome = await crawlBatch({
        runId,
        recipe: run.recipe,
        store: batch,
        fetchers: this.o.shared ? politeFetchers(fetchers, this.o.shared, run.recipe.politeness) : fetchers,
        concurrency: this.o.batchConcurrency ?? run.recipe.politeness.maxConcurrency,
        logger,
        clock: this.clock,
        signal: stop.signal,
        evaluate: this.o.evaluate,
        blockDetector: this.o.blockDetector,
        proxies: this.o.proxies,
        onEvent: this.o.onEvent ? (e) => this.o.onEvent?.(e, job.id) : undefined,
      });
    } finally {
      clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
    }
    logger.info('batch finished', { outcome, claimed: batch.claimed, ms: this.clock.now() - started });
    if (cancelled || (await this.o.store.getRun(runId))?.status === 'cancelled') return;
    if (outcome === 'limit') {
      await finalizeRun(this.o.store, this.o.cluster, runId, this.clock.now());
      return;
    }
    await this.continueLane(job.data, batch, signal.aborted);
  };

  /** After a batch: finish the run when nothing is left, else enqueue the lane's next batch (at once, or when its work is due). */
  private async continueLane(j: LaneJob, batch: BatchStore, shuttingDown: boolean): Promise<void> {
    const c = await this.o.store.counts(j.runId);
    if (c.pending === 0 && c.inFlight === 0) {
      await finalizeRun(this.o.store, this.o.cluster, j.runId, this.clock.now());
      return;
    }
    const now = this.clock.now();
    const delayMs = shuttingDown || batch.exhausted ? 0 : batch.followUpAt !== null ? batch.followUpAt - now : 250;
    const run = await this.o.store.getRun(j.runId);
    if (!run) return;
    await this.o.queue.enqueue(queueForRecipe(run.recipe), [laneJob({ ...j, gen: j.gen + 1 }, { delayMs, size: c.pending })]);
  }
}
