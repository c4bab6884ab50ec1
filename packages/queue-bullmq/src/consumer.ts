import { isPermanentJobError, type Consumer, type JobHandler, type Logger, type QueueName } from '@scrapifie/engine';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CancelledRuns } from './cancelled-runs.ts';
import { bullQueueName, type JobEnvelope } from './names.ts';

export interface BullConsumerSettings {
  queue: QueueName;
  concurrency: number;
  redis: Redis;
  prefix: string;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  cancelPollMs: number;
  cancelled: CancelledRuns;
  logger: Logger;
}

const SHUTDOWN = 'consumer closed';

interface Active {
  runId: string | null;
  controller: AbortController;
}

/** A BullMQ Worker running the port's handler: acks by resolving, retries through BullMQ's attempts and backoff. */
export class BullConsumer implements Consumer {
  private readonly worker: Worker<JobEnvelope, void>;
  private readonly active = new Map<string, Active>();
  private readonly o: BullConsumerSettings;
  private readonly handler: JobHandler<unknown>;
  private readonly cancelTimer: NodeJS.Timeout;
  private closing: Promise<void> | undefined;

  constructor(handler: JobHandler<unknown>, settings: BullConsumerSettings) {
    this.o = settings;
    this.handler = handler;
    this.worker = new Worker<JobEnvelope, void>(bullQueueName(settings.queue), (job, token, signal) => this.process(job, token, signal), {
      connection: settings.redis,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: settings.maxStalledCount,
      autorun: true,
    });
    this.worker.on('error', (e) => settings.logger.error('BullMQ worker error', { queue: settings.queue, error: e.message }));
    this.cancelTimer = setInterval(() => {
      this.checkCancelled().catch((e: unknown) => settings.logger.error('BullMQ consumer: checking cancelled runs failed', { error: (e as Error).message }));
    }, settings.cancelPollMs);
  }

  /** Aborts the active jobs of these runs. */
  abortRuns(runIds: ReadonlySet<string>): void {
    for (const a of this.active.values()) if (a.runId !== null && runIds.has(a.runId)) a.controller.abort(new Error('run cancelled'));
  }

  close(opts: { abort?: boolean } = {}): Promise<void> {
    if (opts.abort) for (const a of this.active.values()) a.controller.abort(new Error(SHUTDOWN));
    this.closing ??= (async () => {
      try {
        await this.worker.close();
      } finally {
        clearInterval(this.cancelTimer);
      }
    })();
    return this.closing;
  }

  private async process(job: Job<JobEnvelope, void>, token: string | undefined, bullSignal: AbortSignal | undefined): Promise<void> {
    const { runId, data } = job.data;
    if (runId !== null && (await this.o.cancelled.has(runId))) return; // its run was cancelled: done, without running it
    const id = job.id as string;
    const controller = new AbortController();
    bullSignal?.addEventListener('abort', () => controller.abort(bullSignal.reason), { once: true });
    this.active.set(id, { runId, controller });
    try {
      await this.handler(
        { id, queue: this.o.queue, data, runId: runId ?? undefined, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 },
        controller.signal,
      );
    } catch (e) {
      if (controller.signal.aborted && (controller.signal.reason as Error | undefined)?.message === SHUTDOWN) {
        // Stopped by a shutdown, not by the job: back to the queue without counting a try.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (runId !== null && (await this.o.cancelled.has(runId))) return; // no retries for a cancelled run
      const message = e instanceof Error ? e.message : String(e);
      if (isPermanentJobError(e)) throw new UnrecoverableError(message);
      throw e instanceof Error ? e : new Error(message);
    } finally {
      this.active.delete(id);
    }
  }

  /** Asks Redis which runs of the active jobs are cancelled (by id, so clocks of other machines do not matter). */
  private async checkCancelled(): Promise<void> {
    const runIds = [...new Set([...this.active.values()].flatMap((a) => (a.runId === null || a.controller.signal.aborted ? [] : [a.runId])))];
    const cancelled = await this.o.cancelled.which(runIds);
    if (cancelled.size) this.abortRuns(cancelled);
  }
}
