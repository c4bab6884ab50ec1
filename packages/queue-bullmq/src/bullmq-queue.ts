import {
  assertQueueName,
  QUEUE_NAMES,
  silentLogger,
  validateEnqueueOptions,
  type Consumer,
  type ConsumeOptions,
  type FailedJob,
  type JobHandler,
  type Logger,
  type NewJob,
  type Queue,
  type QueueDepth,
  type QueueName,
} from '@scrapifie/engine';
import { ScrapifieError } from '@scrapifie/recipe';
import { Queue as BullQueue, type JobsOptions, type KeepJobs } from 'bullmq';
import type { Redis } from 'ioredis';
import { CancelledRuns } from './cancelled-runs.ts';
import { BullConsumer } from './consumer.ts';
import { bullQueueName, type JobEnvelope } from './names.ts';

export interface BullmqQueueOptions {
  /** Key prefix of every queue key, so several installations (or test runs) share one Redis. Default "scrapifie". */
  prefix?: string | undefined;
  /** Finished jobs kept (BullMQ removeOnComplete / removeOnFail). Default: 1,000 completed for an hour, 10,000 failed for a week. */
  retention?: { completed?: KeepJobs | undefined; failed?: KeepJobs | undefined } | undefined;
  /** Lock of an active job; a worker that died loses its jobs after it (BullMQ's stalled check). Default 30 s. */
  lockDurationMs?: number | undefined;
  /** How often workers look for stalled jobs. Default 30 s. Give every worker the same value: BullMQ spaces its checks by the last checker's. */
  stalledIntervalMs?: number | undefined;
  /** Times a job may stall before it fails for good. Default 3. */
  maxStalledCount?: number | undefined;
  /** How often consumers check whether the runs of their active jobs were cancelled. Default 1 s. */
  cancelPollMs?: number | undefined;
  logger?: Logger | undefined;
}

const DEFAULT_RETENTION = { completed: { count: 1000, age: 3600 }, failed: { count: 10_000, age: 7 * 24 * 3600 } };

/** The Queue port on BullMQ: one BullMQ queue per port queue (scrape:http -> "scrape-http"), Redis only delivers work. */
export class BullmqQueue implements Queue {
  readonly prefix: string;
  private readonly redis: Redis;
  private readonly ownsRedis: boolean;
  private readonly queues = new Map<QueueName, BullQueue<JobEnvelope>>();
  private readonly consumers = new Set<BullConsumer>();
  private readonly cancelled: CancelledRuns;
  private readonly o: BullmqQueueOptions;
  private readonly logger: Logger;
  private closed = false;

  /** `redis` must have maxRetriesPerRequest: null (BullMQ's workers need it); openBullmqQueue makes one. */
  constructor(redis: Redis, opts: BullmqQueueOptions = {}, ownsRedis = false) {
    this.redis = redis;
    this.ownsRedis = ownsRedis;
    this.o = opts;
    this.prefix = opts.prefix ?? 'scrapifie';
    if (!/^[A-Za-z0-9_.-]+$/.test(this.prefix)) throw new ScrapifieError('INVALID_INPUT', `Invalid queue key prefix "${this.prefix}": letters, digits, '.', '_' and '-' only`);
    this.logger = opts.logger ?? silentLogger;
    this.cancelled = new CancelledRuns(redis, this.prefix);
  }

  async enqueue<T>(queue: QueueName, jobs: NewJob<T>[]): Promise<Array<string | null>> {
    this.assertOpen();
    assertQueueName(queue);
    for (const j of jobs) {
      validateEnqueueOptions(j.opts);
      if (j.data === undefined) throw new ScrapifieError('INVALID_INPUT', 'Invalid job: its data must be JSON (got undefined)');
    }
    const runIds = [...new Set(jobs.flatMap((j) => (j.opts?.runId === undefined ? [] : [j.opts.runId])))];
    const cancelled = await this.cancelled.which(runIds);
    const accepted = jobs.filter((j) => j.opts?.runId === undefined || !cancelled.has(j.opts.runId));
    const added = accepted.length === 0 ? [] : await this.bull(queue).addBulk(accepted.map((j) => ({ name: 'job', data: { runId: j.opts?.runId ?? null, data: j.data }, opts: this.jobOptions(j) })));
    let next = 0;
    return jobs.map((j) => (j.opts?.runId !== undefined && cancelled.has(j.opts.runId) ? null : (added[next++]?.id as string)));
  }

  consume<T>(queue: QueueName, handler: JobHandler<T>, opts: ConsumeOptions): Consumer {
    this.assertOpen();
    assertQueueName(queue);
    if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
      throw new ScrapifieError('INVALID_INPUT', `consume: concurrency must be a whole number >= 1, got ${opts.concurrency}`);
    }
    const consumer = new BullConsumer(handler as JobHandler<unknown>, {
      queue,
      concurrency: opts.concurrency,
      redis: this.redis,
      prefix: this.prefix,
      lockDurationMs: this.o.lockDurationMs ?? 30_000,
      stalledIntervalMs: this.o.stalledIntervalMs ?? 30_000,
      maxStalledCount: this.o.maxStalledCount ?? 3,
      cancelPollMs: this.o.cancelPollMs ?? 1000,
      cancelled: this.cancelled,
      logger: this.logger.child({ queue }),
    });
    this.consumers.add(consumer);
    return {
      close: async (closeOpts) => {
        this.consumers.delete(consumer);
        await consumer.close(closeOpts);
      },
    };
  }

  async cancelRun(runId: string): Promise<number> {
    this.assertOpen();
    await this.cancelled.add(runId);
    let dropped = 0;
    for (const name of QUEUE_NAMES) {
      const q = this.bull(name);
      // The run's queued jobs, found by scanning the queued states (cancelling is rare; queues are bounded per workspace).
      const ids: string[] = [];
      for (const state of ['wait', 'prioritized', 'delayed'] as const) {
        for (let start = 0; ; start += 1000) {
          const jobs = await q.getJobs([state], start, start + 999, true);
          for (const j of jobs) if (j?.data?.runId === runId) ids.push(j.id as string);
          if (jobs.length < 1000) break;
        }
      }
      for (const id of ids) {
        // A job that became active meanwhile cannot be removed (it is locked): its consumer skips or aborts it.
        if ((await q.remove(id).catch(() => 0)) === 1) dropped++;
      }
    }
    // Last, so a consumer freed by the abort does not take a queued job of the run first (it would skip it anyway).
    const runs = new Set([runId]);
    for (const c of this.consumers) c.abortRuns(runs);
    return dropped;
  }

  async depth(queue: QueueName): Promise<QueueDepth> {
    this.assertOpen();
    assertQueueName(queue);
    const c = await this.bull(queue).getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed');
    return { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 };
  }

  async failed<T = unknown>(queue: QueueName, limit: number): Promise<FailedJob<T>[]> {
    this.assertOpen();
    assertQueueName(queue);
    if (limit <= 0) return [];
    const jobs = await this.bull(queue).getFailed(0, limit - 1);
    return jobs.map((j) => ({
      id: j.id as string,
      data: j.data.data as T,
      runId: j.data.runId ?? undefined,
      attempts: j.attemptsMade,
      reason: j.failedReason ?? '',
    }));
  }

  /** Closes the consumers (in-flight jobs are aborted and handed back), the BullMQ queues, and Redis if the queue opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.close({ abort: true })));
    this.consumers.clear();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    if (this.ownsRedis) await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private bull(queue: QueueName): BullQueue<JobEnvelope> {
    let q = this.queues.get(queue);
    if (!q) {
      q = new BullQueue<JobEnvelope>(bullQueueName(queue), { connection: this.redis, prefix: this.prefix });
      q.on('error', (e) => this.logger.error('BullMQ queue error', { queue, error: e.message }));
      this.queues.set(queue, q);
    }
    return q;
  }

  private jobOptions(j: NewJob<unknown>): JobsOptions {
    const o = j.opts ?? {};
    return {
      // BullMQ's priority 0 means "none" (served before every prioritised job), so every job gets 1 + ours.
      priority: (o.priority ?? 0) + 1,
      attempts: o.attempts ?? 1,
      ...(o.backoff ? { backoff: { type: o.backoff.type, delay: o.backoff.delayMs, ...(o.backoff.jitter ? { jitter: o.backoff.jitter } : {}) } } : {}),
      ...(o.delayMs ? { delay: Math.round(o.delayMs) } : {}),
      ...(o.jobId === undefined ? {} : { jobId: o.jobId }),
      removeOnComplete: this.o.retention?.completed ?? DEFAULT_RETENTION.completed,
      removeOnFail: this.o.retention?.failed ?? DEFAULT_RETENTION.failed,
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new ScrapifieError('INTERNAL', 'the BullMQ queue is closed');
  }
}
