import { randomUUID } from 'node:crypto';
import { isPermanentJobError, type Consumer, type JobHandler, type Logger, type QueueName } from '@scrapifie/engine';
import type { JobRecord, QueueTables } from './queue-tables.ts';

export interface ConsumerSettings {
  queue: QueueName;
  concurrency: number;
  /** How long a claimed job stays leased without renewal; a consumer that died loses it after this. */
  lockMs: number;
  /** Idle polling for jobs added by other processes, and for cancellations. */
  pollMs: number;
  maxStalls: number;
  keepFailed: number;
  logger: Logger;
}

interface Active {
  runId: string | null;
  controller: AbortController;
  done: Promise<void>;
}

const SHUTDOWN = 'consumer closed';

/** One consumer of a SqliteQueue: a loop that leases due jobs up to its concurrency and runs the handler on each. */
export class SqliteConsumer implements Consumer {
  private readonly token = randomUUID();
  private readonly active = new Map<number, Active>();
  private closing = false;
  private wakeUp: (() => void) | undefined;
  private readonly loopDone: Promise<void>;
  private readonly renewTimer: NodeJS.Timeout;
  private readonly cancelTimer: NodeJS.Timeout;
  private cancelCheckedAt = Date.now();
  private readonly tables: QueueTables;
  private readonly handler: JobHandler<unknown>;
  private readonly o: ConsumerSettings;

  constructor(tables: QueueTables, handler: JobHandler<unknown>, settings: ConsumerSettings) {
    this.tables = tables;
    this.handler = handler;
    this.o = settings;
    this.renewTimer = setInterval(() => this.guard('renew leases', () => this.tables.renew(this.token, Date.now() + this.o.lockMs)), Math.max(50, this.o.lockMs / 3));
    this.cancelTimer = setInterval(() => this.guard('check cancellations', () => this.checkCancelled()), this.o.pollMs);
    this.loopDone = this.loop();
  }

  /** Wakes the loop now (a job was added, or a run cancelled, in this process). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Aborts the active jobs of these runs (their run was cancelled). */
  abortRuns(runIds: ReadonlySet<string>): void {
    for (const a of this.active.values()) if (a.runId !== null && runIds.has(a.runId)) a.controller.abort(new Error('run cancelled'));
  }

  async close(opts: { abort?: boolean } = {}): Promise<void> {
    this.closing = true;
    if (opts.abort) for (const a of this.active.values()) a.controller.abort(new Error(SHUTDOWN));
    this.wake();
    await this.loopDone;
    await Promise.all([...this.active.values()].map((a) => a.done));
    clearInterval(this.renewTimer);
    clearInterval(this.cancelTimer);
  }

  private async loop(): Promise<void> {
    while (!this.closing) {
      let waitMs = this.o.pollMs;
      try {
        this.tables.recoverStalled(this.o.maxStalls);
        const free = this.o.concurrency - this.active.size;
        if (free > 0) {
          const jobs = this.tables.claim(this.o.queue, free, this.token, this.o.lockMs);
          for (const job of jobs) this.start(job);
          if (jobs.length === free) waitMs = -1; // saturated: wait for a slot
          else {
            const next = this.tables.nextDue(this.o.queue);
            if (next !== null) waitMs = Math.max(1, Math.min(waitMs, next - Date.now()));
          }
        } else waitMs = -1;
      } catch (e) {
        this.o.logger.error('local queue: claiming jobs failed', { queue: this.o.queue, error: (e as Error).message });
      }
      await this.sleep(waitMs);
    }
  }

  /** Sleeps until woken, or `ms` passes (ms < 0: until woken or the poll interval passes). */
  private sleep(ms: number): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms < 0 ? this.o.pollMs : ms);
      const self = this;
      function done(): void {
        clearTimeout(t);
        if (self.wakeUp === done) self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private start(job: JobRecord): void {
    const controller = new AbortController();
    const entry: Active = { runId: job.run_id, controller, done: Promise.resolve() };
    this.active.set(job.seq, entry);
    entry.done = this.handle(job, controller.signal).finally(() => {
      this.active.delete(job.seq);
      this.wake();
    });
  }

  private async handle(job: JobRecord, signal: AbortSignal): Promise<void> {
    let failure: unknown;
    let ok = false;
    try {
      await this.handler(
        {
          id: job.id,
          queue: this.o.queue,
          data: JSON.parse(job.data_json) as unknown,
          runId: job.run_id ?? undefined,
          attempt: job.attempts_made + 1,
          maxAttempts: job.max_attempts,
        },
        signal,
      );
      ok = true;
    } catch (e) {
      failure = e;
    }
    this.guard('record a job outcome', () => {
      if (ok) this.tables.ack(job.seq, this.token);
      else if (signal.aborted && (signal.reason as Error | undefined)?.message === SHUTDOWN) this.tables.handBack(job.seq, this.token);
      else {
        const reason = failure instanceof Error ? failure.message : String(failure);
        this.tables.fail(job.seq, this.token, reason, isPermanentJobError(failure));
        this.tables.pruneFailed(this.o.queue, this.o.keepFailed);
      }
    });
  }

  private checkCancelled(): void {
    if (this.active.size === 0) {
      this.cancelCheckedAt = Date.now();
      return;
    }
    const since = this.cancelCheckedAt - this.o.pollMs; // overlap: a cancel written just before the last check is not missed
    this.cancelCheckedAt = Date.now();
    const runs = this.tables.cancelledSince(since);
    if (runs.length) this.abortRuns(new Set(runs));
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.o.logger.error(`local queue: could not ${what}`, { queue: this.o.queue, error: (e as Error).message });
    }
  }
}
