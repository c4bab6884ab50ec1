import type { Database, Statement } from 'better-sqlite3';

/** Every SQL statement of the store, in one place, so another dialect can mirror them one by one. */
export const SQL = {
  insertRun: `INSERT INTO runs (id, recipe_json, recipe_hash, status, summary_json, created_at, updated_at)
              VALUES (@id, @recipeJson, @recipeHash, @status, NULL, @now, @now)`,
  getRun: `SELECT id, recipe_json, recipe_hash, status, summary_json, created_at, updated_at FROM runs WHERE id = ?`,
  listRuns: `SELECT id, recipe_json, recipe_hash, status, summary_json, created_at, updated_at FROM runs
             ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  setRunStatus: `UPDATE runs SET status = @status, summary_json = COALESCE(@summaryJson, summary_json), updated_at = @now WHERE id = @id`,

  // ON CONFLICT (not OR IGNORE): only a known key is skipped; any other constraint still fails loudly.
  insertRequest: `INSERT INTO requests
      (run_id, request_key, url, spec_path, depth, parent_row_json, page_number, priority, status, attempts, not_before, created_at, updated_at)
      VALUES (@runId, @key, @url, @specPath, @depth, @parentRowJson, @pageNumber, @priority, 'pending', 0, 0, @now, @now)
      ON CONFLICT (run_id, request_key) DO NOTHING`,
  // Walks the pending-only index in claim order, skipping requests not yet due: no sort of the frontier.
  // The unary + on the parameters (a no-op on their values) keeps SQLite from re-preparing the statement on every
  // call: compared bare against the partial index's condition, a parameter makes each new binding expire the plan
  // (a claim then costs ~3x the CPU, most of it re-parsing this SQL).
  claimRequests: `UPDATE requests SET status = 'in_flight', updated_at = @now
      WHERE id IN (
        SELECT id FROM requests INDEXED BY requests_claim
        WHERE run_id = +@runId AND status = 'pending' AND not_before <= +@now
        ORDER BY priority, id LIMIT +@limit)
      RETURNING id, request_key, url, spec_path, depth, parent_row_json, page_number, priority, attempts`,
  succeedRequest: `UPDATE requests SET status = 'succeeded', error_code = NULL, error_message = NULL, updated_at = @now
      WHERE id = @id AND run_id = @runId`,
  retryRequest: `UPDATE requests SET status = 'pending', attempts = attempts + 1, not_before = @retryAt,
      error_code = @code, error_message = @message, updated_at = @now WHERE id = @id AND run_id = @runId`,
  failRequest: `UPDATE requests SET status = 'failed', attempts = attempts + 1,
      error_code = @code, error_message = @message, updated_at = @now WHERE id = @id AND run_id = @runId`,
  releaseRequest: `UPDATE requests SET status = 'pending', not_before = MAX(not_before, @notBefore), updated_at = @now
      WHERE id = @id AND run_id = @runId AND status = 'in_flight'`,
  requeueInFlight: `UPDATE requests SET status = 'pending', updated_at = @now WHERE run_id = @runId AND status = 'in_flight'`,
  countRequests: `SELECT status, COUNT(*) AS n FROM requests WHERE run_id = ? GROUP BY status`,
  countResults: `SELECT COUNT(*) AS n FROM results WHERE run_id = ?`,
  failureCounts: `SELECT error_code, COUNT(*) AS n FROM requests WHERE run_id = ? AND status = 'failed' GROUP BY error_code`,
  // + as in claimRequests: without it every call re-prepares the statement.
  nextDueAt: `SELECT MIN(not_before) AS t FROM requests WHERE run_id = +? AND status = 'pending'`,

  results: `SELECT seq, result_key, url, data_json, tier, proxy_tier, attempts, fetched_at FROM results
      WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`,

  loadTierMemory: `SELECT domain, dimension, tier, samples_json FROM tier_memory`,
  saveTierMemory: `INSERT INTO tier_memory (domain, dimension, tier, samples_json, updated_at)
      VALUES (@domain, @dimension, @tier, @samplesJson, @now)
      ON CONFLICT (domain, dimension, tier) DO UPDATE SET samples_json = excluded.samples_json, updated_at = excluded.updated_at`,
  deleteTierMemory: `DELETE FROM tier_memory WHERE domain = @domain AND dimension = @dimension AND tier = @tier`,
  // Entries of domains not crawled for 30 days are forgotten (their outcomes no longer count anyway).
  pruneTierMemory: `DELETE FROM tier_memory WHERE updated_at < ?`,
} as const;

/** Inserts `n` result rows in one statement (known keys skipped), with positional parameters: 8 per row, in the column order. */
export function insertResultsSql(n: number): string {
  const tuple = '(?, ?, ?, ?, ?, ?, ?, ?)';
  return `INSERT INTO results (run_id, result_key, url, data_json, tier, proxy_tier, attempts, fetched_at)
      VALUES ${Array.from({ length: n }, () => tuple).join(', ')}
      ON CONFLICT (run_id, result_key) DO NOTHING`;
}

export type QueryName = keyof typeof SQL;
export type PreparedQueries = { [K in QueryName]: Statement };

export function prepareQueries(db: Database): PreparedQueries {
  const out = {} as Record<QueryName, Statement>;
  for (const name of Object.keys(SQL) as QueryName[]) out[name] = db.prepare(SQL[name]);
  return out;
}

export interface RunRecord {
  id: string;
  recipe_json: string;
  recipe_hash: string;
  status: string;
  summary_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface RequestRecord {
  id: number;
  request_key: string;
  url: string;
  spec_path: string;
  depth: number;
  parent_row_json: string | null;
  page_number: number | null;
  priority: number;
  attempts: number;
}

export interface ResultRecord {
  seq: number;
  result_key: string;
  url: string;
  data_json: string;
  tier: string;
  proxy_tier: string;
  attempts: number;
  fetched_at: number;
}

export interface TierMemoryRecord {
  domain: string;
  dimension: string;
  tier: string;
  samples_json: string;
}
