/** Limits of the API, with the seed documents' defaults. Every one can be overridden in ApiServices.limits. */
export interface ApiLimits {
  /** URLs (or input rows) in one POST /scrape/batch (seed: max 100 targets per batch). */
  maxBatchSize: number;
  /** How long POST /scrape/sync waits by default (seed: 60 s task timeout). */
  syncTimeoutMs: number;
  /** The longest wait a caller may ask of POST /scrape/sync. */
  maxSyncTimeoutMs: number;
  /** Runs active at once in this process; more are refused with QUEUE_FULL (seed: max queue depth 500). */
  maxActiveRuns: number;
  /** Rows in one page of results. */
  maxPageSize: number;
  /** Rows a filtered or sorted page may scan (filtering and sorting run over the stored rows here, not in the store). */
  maxScanRows: number;
  /** Request bodies (seed: bodyLimit 10 MB). */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxBatchSize: 100,
  syncTimeoutMs: 60_000,
  maxSyncTimeoutMs: 300_000,
  maxActiveRuns: 500,
  maxPageSize: 1000,
  maxScanRows: 100_000,
  maxBodyBytes: 10 * 1024 * 1024,
};
