import type { Migration } from './migration.ts';

/**
 * The durable local queue (SqliteQueue): jobs by queue, priority and due time, leased to a consumer
 * while active (a lease that runs out hands the job back), and the runs whose jobs were cancelled.
 */
export const queue: Migration = {
  version: 2,
  name: 'queue',
  up: `
    CREATE TABLE queue_jobs (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      queue TEXT NOT NULL,
      run_id TEXT,
      data_json TEXT NOT NULL,
      priority INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'failed')),
      attempts_made INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      backoff_json TEXT,
      due_at INTEGER NOT NULL,
      lock_token TEXT,
      locked_until INTEGER,
      stalls INTEGER NOT NULL DEFAULT 0,
      failed_reason TEXT,
      created_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE INDEX queue_jobs_next ON queue_jobs (queue, priority, seq) WHERE state = 'waiting';
    CREATE INDEX queue_jobs_due ON queue_jobs (queue, due_at) WHERE state = 'waiting';
    CREATE INDEX queue_jobs_leases ON queue_jobs (locked_until) WHERE state = 'active';
    CREATE INDEX queue_jobs_run ON queue_jobs (run_id) WHERE run_id IS NOT NULL;
    CREATE INDEX queue_jobs_failed ON queue_jobs (queue, finished_at) WHERE state = 'failed';

    CREATE TABLE queue_cancelled_runs (
      run_id TEXT PRIMARY KEY,
      cancelled_at INTEGER NOT NULL
    );
    CREATE INDEX queue_cancelled_runs_at ON queue_cancelled_runs (cancelled_at);
  `,
  down: `
    DROP TABLE queue_cancelled_runs;
    DROP TABLE queue_jobs;
  `,
};
