import type { Migration } from './migration.ts';

/** Runs, their frontier (requests) and their rows (results). Times are epoch ms unless named *_at in runs (ISO 8601). */
export const init: Migration = {
  version: 1,
  name: 'init',
  up: `
    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      recipe_json TEXT NOT NULL,
      recipe_hash TEXT NOT NULL,
      status TEXT NOT NULL,
      summary_json TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX runs_created ON runs (created_at);

    CREATE TABLE requests (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      request_key TEXT NOT NULL,
      url TEXT NOT NULL,
      spec_path TEXT NOT NULL,
      depth INTEGER NOT NULL,
      parent_row_json TEXT,
      page_number INTEGER,
      priority INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      not_before INTEGER NOT NULL DEFAULT 0,
      error_code TEXT,
      error_message TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (run_id, request_key)
    );
    CREATE INDEX requests_due ON requests (run_id, status, not_before, priority);
    CREATE INDEX requests_claim ON requests (run_id, priority, id, not_before) WHERE status = 'pending';

    CREATE TABLE results (
      seq INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      result_key TEXT NOT NULL,
      url TEXT NOT NULL,
      data_json TEXT NOT NULL,
      tier TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL,
      UNIQUE (run_id, result_key)
    );
    CREATE INDEX results_by_run ON results (run_id, seq);
  `,
  down: `
    DROP TABLE results;
    DROP TABLE requests;
    DROP TABLE runs;
  `,
};
