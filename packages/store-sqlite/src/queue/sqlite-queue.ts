import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertQueueName,
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
import { migrate } from '../migrations/index.ts';
import { SqliteConsumer } from './consumer.ts';
import { QueueTables, type InsertJob } from './queue-tables.ts';

export interface SqliteQueueOptions {
  /** Lease of an active job; a consumer renews it every third of it. A killed process's jobs come back after it. Default 30 s. */
  lockMs?: number;
  /** How often idle consumers look for jobs added by other processes, and for cancellations. Default 250 ms. */
  pollMs?: number;
  /** Times a job may come back from a dead consumer before it fails for good. Default 3. */
  maxStalls?: number;
  /** Failed jobs kept per queue (newest). Default 1,000. */
  keepFailed?: number;
  logger?: Logger;
}

/**
 * The durable local Queue in SQLite (desktop and single node): jobs survive a killed process, and a
 * job leased to a process that died goes back to waiting when its lease runs out. Several processes
 * may share the file: each claim is one transaction.
 */
export class SqliteQueue implements Queue {
  readonly db: Database.Database;
  private readonly tables: QueueTables;
  private readonly consumers = new Set<SqliteConsumer>();
  private readonly o: Required<Omit<SqliteQueueOptions, 'logger'>> & { logger: Logger };
  private readonly ownsDb: boolean;
  private closed = false;

  /** On an open database (e.g. the SqliteCrawlStore's `db`); migrates it. The queue closes it only when `ownsDb`. */
  constructor(db: Database.Database, opts: SqliteQueueOptions = {}, ownsDb = false) {
    this.db = db;
    this.ownsDb = ownsDb;
    this.o = { lockMs: 30_000, pollMs: 250, maxStalls: 3, keepFailed: 1000, logger: silentLogger, ...opts };
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    this.tables = new QueueTables(db);
  }

  async enqueue<T>(queue: QueueName, jobs: NewJob<T>[]): Promise<Array<string | null>> {
    this.assertOpen();
    assertQueueName(queue);
    const now = Date.now();
    const rows: InsertJob[] = jobs.map((j) => {
      const o = j.opts ?? {};
      validateEnqueueOptions(o);
      const dataJson = JSON.stringify(j.data);
      if (dataJson === undefined) throw new ScrapifieError('INVALID_INPUT', 'Invalid job: its data must be JSON (got undefined)');
      return {
        id: o.jobId ?? randomUUID(),
        queue,
        runId: o.runId ?? null,
        dataJson,
        priority: o.priority ?? 0,
        maxAttempts: o.attempts ?? 1,
        backoffJson: o.backoff ? JSON.stringify(o.backoff) : null,
        dueAt: now + Math.round(o.delayMs ?? 0),
      };
    });
    const ids = this.tables.enqueueMany(rows);
    for (const c of this.consumers) c.wake();
    return ids;
  }

  consume<T>(queue: QueueName, handler: JobHandler<T>, opts: ConsumeOptions): Consumer {
    this.assertOpen();
    assertQueueName(queue);
    if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
      throw new ScrapifieError('INVALID_INPUT', `consume: concurrency must be a whole number >= 1, got ${opts.concurrency}`);
    }
    const consumer = new SqliteConsumer(this.tables, handler as JobHandler<unknown>, {
      queue,
      concurrency: opts.concurrency,
      lockMs: this.o.lockMs,
      pollMs: this.o.pollMs,
      maxStalls: this.o.maxStalls,
      keepFailed: this.o.keepFailed,
      logger: this.o.logger.child({ queue }),
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
    const dropped = this.tables.cancelRun(runId);
    const runs = new Set([runId]);
    for (const c of this.consumers) c.abortRuns(runs);
    return dropped;
  }

  async depth(queue: QueueName): Promise<QueueDepth> {
    this.assertOpen();
    assertQueueName(queue);
    return this.tables.depth(queue);
  }

  async failed<T = unknown>(queue: QueueName, limit: number): Promise<FailedJob<T>[]> {
    this.assertOpen();
    assertQueueName(queue);
    return this.tables.failed(queue, limit).map((r) => ({
      id: r.id,
      data: JSON.parse(r.data_json) as T,
      runId: r.run_id ?? undefined,
      attempts: r.attempts_made,
      reason: r.failed_reason ?? '',
    }));
  }

  /** Stops the consumers (in-flight jobs are aborted and handed back) and closes the database if the queue opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.close({ abort: true })));
    this.consumers.clear();
    if (this.ownsDb) this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new ScrapifieError('INTERNAL', 'the local queue is closed');
  }
}

/** Opens (creating it and its folder when missing) the queue's SQLite file; the queue closes it. */
export function openSqliteQueue(path: string, opts: SqliteQueueOptions = {}): SqliteQueue {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  return new SqliteQueue(new Database(path), opts, true);
}
