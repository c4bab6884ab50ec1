import type { Database, Statement } from 'better-sqlite3';
import { backoffDelayMs, type Backoff, type QueueDepth, type QueueName } from '@scrapifie/engine';

/** A job row as the queue reads it. */
export interface JobRecord {
  seq: number;
  id: string;
  queue: string;
  run_id: string | null;
  data_json: string;
  priority: number;
  attempts_made: number;
  max_attempts: number;
  backoff_json: string | null;
  failed_reason: string | null;
}

export interface InsertJob {
  id: string;
  queue: QueueName;
  runId: string | null;
  dataJson: string;
  priority: number;
  maxAttempts: number;
  backoffJson: string | null;
  dueAt: number;
}

const JOB_COLUMNS = 'seq, id, queue, run_id, data_json, priority, attempts_made, max_attempts, backoff_json, failed_reason';

const SQL = {
  insert: `INSERT INTO queue_jobs (id, queue, run_id, data_json, priority, state, max_attempts, backoff_json, due_at, created_at)
    VALUES (@id, @queue, @runId, @dataJson, @priority, 'waiting', @maxAttempts, @backoffJson, @dueAt, @now)
    ON CONFLICT (id) DO NOTHING`,
  isCancelled: `SELECT 1 FROM queue_cancelled_runs WHERE run_id = ?`,
  cancel: `INSERT INTO queue_cancelled_runs (run_id, cancelled_at) VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING`,
  dropQueued: `DELETE FROM queue_jobs WHERE run_id = ? AND state = 'waiting'`,
  cancelledSince: `SELECT run_id FROM queue_cancelled_runs WHERE cancelled_at >= ?`,
  // Walks the waiting-only index in delivery order, skipping jobs not yet due.
  claim: `UPDATE queue_jobs SET state = 'active', lock_token = @token, locked_until = @lockedUntil
    WHERE seq IN (SELECT seq FROM queue_jobs INDEXED BY queue_jobs_next
      WHERE queue = @queue AND state = 'waiting' AND due_at <= @now ORDER BY priority, seq LIMIT @limit)
    RETURNING ${JOB_COLUMNS}`,
  nextDue: `SELECT MIN(due_at) AS t FROM queue_jobs WHERE queue = ? AND state = 'waiting'`,
  ack: `DELETE FROM queue_jobs WHERE seq = ? AND lock_token = ?`,
  get: `SELECT ${JOB_COLUMNS} FROM queue_jobs WHERE seq = ? AND lock_token = ? AND state = 'active'`,
  retry: `UPDATE queue_jobs SET state = 'waiting', attempts_made = attempts_made + 1, due_at = @dueAt, failed_reason = @reason,
    lock_token = NULL, locked_until = NULL WHERE seq = @seq`,
  failForGood: `UPDATE queue_jobs SET state = 'failed', attempts_made = attempts_made + 1, failed_reason = @reason, finished_at = @now,
    lock_token = NULL, locked_until = NULL WHERE seq = @seq`,
  remove: `DELETE FROM queue_jobs WHERE seq = ?`,
  handBack: `UPDATE queue_jobs SET state = 'waiting', lock_token = NULL, locked_until = NULL WHERE seq = ? AND lock_token = ?`,
  renew: `UPDATE queue_jobs SET locked_until = ? WHERE state = 'active' AND lock_token = ?`,
  stalledBack: `UPDATE queue_jobs SET state = 'waiting', stalls = stalls + 1, lock_token = NULL, locked_until = NULL
    WHERE state = 'active' AND locked_until < @now AND stalls < @maxStalls`,
  stalledFail: `UPDATE queue_jobs SET state = 'failed', stalls = stalls + 1, failed_reason = 'the job stalled too often (its consumer stopped while handling it)',
    finished_at = @now, lock_token = NULL, locked_until = NULL WHERE state = 'active' AND locked_until < @now AND stalls >= @maxStalls`,
  depth: `SELECT
      COALESCE(SUM(state = 'waiting' AND due_at <= @now), 0) AS waiting,
      COALESCE(SUM(state = 'waiting' AND due_at > @now), 0) AS delayed,
      COALESCE(SUM(state = 'active'), 0) AS active,
      COALESCE(SUM(state = 'failed'), 0) AS failed
    FROM queue_jobs WHERE queue = @queue`,
  failed: `SELECT ${JOB_COLUMNS} FROM queue_jobs WHERE queue = ? AND state = 'failed' ORDER BY finished_at DESC, seq DESC LIMIT ?`,
  pruneFailed: `DELETE FROM queue_jobs WHERE queue = @queue AND state = 'failed' AND seq NOT IN (
    SELECT seq FROM queue_jobs WHERE queue = @queue AND state = 'failed' ORDER BY finished_at DESC, seq DESC LIMIT @keep)`,
} as const;

type Statements = { -readonly [K in keyof typeof SQL]: Statement };

/** The queue's SQL, prepared once per connection, and its multi-statement operations as transactions. */
export class QueueTables {
  private readonly s: Statements;
  readonly enqueueMany: (jobs: InsertJob[]) => Array<string | null>;
  readonly cancelRun: (runId: string) => number;
  readonly fail: (seq: number, token: string, reason: string, permanent: boolean) => void;
  readonly recoverStalled: (maxStalls: number) => number;

  constructor(db: Database) {
    const s = {} as Statements;
    for (const k of Object.keys(SQL) as Array<keyof typeof SQL>) s[k] = db.prepare(SQL[k]);
    this.s = s;
    // Checking the cancelled runs and adding in one transaction: a job of a cancelled run never slips in.
    this.enqueueMany = db.transaction((jobs: InsertJob[]) => {
      const now = Date.now();
      return jobs.map((j) => {
        if (j.runId !== null && s.isCancelled.get(j.runId)) return null;
        s.insert.run({ ...j, now });
        return j.id;
      });
    });
    this.cancelRun = db.transaction((runId: string) => {
      s.cancel.run(runId, Date.now());
      return s.dropQueued.run(runId).changes;
    });
    this.fail = db.transaction((seq: number, token: string, reason: string, permanent: boolean) => {
      const job = s.get.get(seq, token) as JobRecord | undefined;
      if (!job) return; // the lease ran out and the job went back (or elsewhere): its new holder decides
      const now = Date.now();
      if (job.run_id !== null && s.isCancelled.get(job.run_id)) {
        s.remove.run(seq);
      } else if (permanent || job.attempts_made + 1 >= job.max_attempts) {
        s.failForGood.run({ seq, reason, now });
      } else {
        const backoff = job.backoff_json === null ? undefined : (JSON.parse(job.backoff_json) as Backoff);
        s.retry.run({ seq, reason, dueAt: now + backoffDelayMs(backoff, job.attempts_made + 1) });
      }
    });
    this.recoverStalled = db.transaction((maxStalls: number) => {
      const now = Date.now();
      return s.stalledBack.run({ now, maxStalls }).changes + s.stalledFail.run({ now, maxStalls }).changes;
    });
  }

  claim(queue: QueueName, limit: number, token: string, lockMs: number): JobRecord[] {
    const now = Date.now();
    const rows = this.s.claim.all({ queue, now, limit, token, lockedUntil: now + lockMs }) as JobRecord[];
    return rows.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
  }

  /** Epoch ms of the earliest waiting job of the queue, or null. */
  nextDue(queue: QueueName): number | null {
    return (this.s.nextDue.get(queue) as { t: number | null }).t;
  }

  ack(seq: number, token: string): void {
    this.s.ack.run(seq, token);
  }

  /** Back to waiting without counting a try: the consumer stopped before the handler finished. */
  handBack(seq: number, token: string): void {
    this.s.handBack.run(seq, token);
  }

  renew(token: string, lockedUntil: number): void {
    this.s.renew.run(lockedUntil, token);
  }

  cancelledSince(since: number): string[] {
    return (this.s.cancelledSince.all(since) as Array<{ run_id: string }>).map((r) => r.run_id);
  }

  depth(queue: QueueName): QueueDepth {
    return this.s.depth.get({ queue, now: Date.now() }) as QueueDepth;
  }

  failed(queue: QueueName, limit: number): JobRecord[] {
    return this.s.failed.all(queue, limit) as JobRecord[];
  }

  pruneFailed(queue: QueueName, keep: number): void {
    this.s.pruneFailed.run({ queue, keep });
  }
}
