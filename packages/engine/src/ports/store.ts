import type { ErrorCode, FetchTier, ProxyTierName, Recipe, ResultRow, RunProgress, RunStatus } from '@scrapifie/recipe';
import type { TierMemoryEntry } from './tier-memory.ts';

/** What a finished (or stopped) run reports, and what the store keeps as the run's summary. */
export interface RunSummary {
  runId: string;
  status: RunStatus;
  progress: RunProgress;
  /** Failed requests by error code, e.g. { HTTP_ERROR: 3, ROBOTS_DISALLOWED: 1 }. */
  failures: Partial<Record<ErrorCode, number>>;
  /** What each fetch tier and proxy tier cost the run (absent in summaries written before tiers were metered). */
  cost?: RunCost | undefined;
}

/** The work done at one tier: every fetch (blocked ones too), the pages it got, bytes downloaded and time spent fetching. */
export interface TierCost {
  fetches: number;
  pages: number;
  bytes: number;
  ms: number;
}

export interface RunCost {
  byTier: Record<FetchTier, TierCost>;
  byProxyTier: Record<ProxyTierName, TierCost>;
}

export interface StoredRun {
  id: string;
  recipe: Recipe;
  recipeHash: string;
  status: RunStatus;
  summary: RunSummary | null;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

export interface NewRun {
  id: string;
  recipe: Recipe;
  recipeHash: string;
  status: RunStatus;
  /** The run's first requests, stored in the same transaction as the run (a run never exists without them). */
  requests?: NewRequest[] | undefined;
}

/** A request to add to a run's frontier. `key` is unique within the run: adding it again is a no-op. */
export interface NewRequest {
  key: string;
  url: string;
  /** Which PageSpec of the recipe applies: "page", "page.follow[0].page", ... */
  specPath: string;
  depth: number;
  parentRow?: Record<string, unknown> | undefined;
  pageNumber?: number | undefined;
  /** Lower is claimed first; ties go by insertion order. */
  priority: number;
}

export interface StoredRequest extends NewRequest {
  id: number;
  runId: string;
  /** Attempts that have failed so far (the next attempt is attempts + 1). */
  attempts: number;
}

/** A row to store. `key` is unique within the run: storing it again is a no-op. */
export interface NewResult {
  key: string;
  url: string;
  data: Record<string, unknown>;
  tier: FetchTier;
  /** Default "none". */
  proxyTier?: ProxyTierName | undefined;
  /** Fetches it took to get the page, escalations included. */
  attempts: number;
}

export interface StoredResult extends ResultRow {
  /** Insertion order within the store; page through results with `afterSeq`. */
  seq: number;
}

/** Caps on what one write may add (the engine's limits.maxPages and limits.maxItems budgets); what goes past them is dropped. */
export interface InsertBudget {
  maxNewRequests?: number | undefined;
  maxNewRows?: number | undefined;
}

/** A fetched page's outcome: its rows and the requests it found. */
export interface Completion {
  requestId: number;
  rows: NewResult[];
  newRequests: NewRequest[];
}

export interface CompleteRequestInput extends InsertBudget {
  rows: NewResult[];
  newRequests: NewRequest[];
}

export interface Inserted {
  rowsInserted: number;
  requestsInserted: number;
}

export interface FailRequestInput {
  code: ErrorCode;
  message: string;
  /** Epoch ms: with it the request goes back to pending, due at that time; without it the request fails for good. */
  retryAt?: number | undefined;
}

export interface RequestCounts {
  pending: number;
  inFlight: number;
  succeeded: number;
  failed: number;
  /** Rows stored for the run. */
  results: number;
}

/**
 * The durable record of runs, their frontier and their rows. Async so a networked database can
 * implement it. The crash-safety contract: completeRequest is one transaction, so a process killed
 * at any moment either stored a page's rows, its new requests and its success together, or none of them.
 */
export interface CrawlStore {
  /** Creates the run and its first requests (known keys ignored) in one transaction. */
  createRun(run: NewRun): Promise<void>;
  getRun(id: string): Promise<StoredRun | null>;
  /** Newest first. */
  listRuns(limit: number): Promise<StoredRun[]>;
  setRunStatus(id: string, status: RunStatus, summary?: RunSummary): Promise<void>;

  /** Inserts requests whose key is new to the run; returns how many were inserted. */
  addRequests(runId: string, reqs: NewRequest[], opts?: { maxNew?: number | undefined }): Promise<number>;
  /** Marks up to `limit` pending requests due at `now` (epoch ms) as in flight and returns them, by priority then insertion. */
  claimRequests(runId: string, limit: number, now: number): Promise<StoredRequest[]>;
  /** One transaction: store the rows and new requests (ignoring known keys) and mark the request succeeded. */
  completeRequest(runId: string, requestId: number, input: CompleteRequestInput): Promise<Inserted>;
  /**
   * completeRequest for several requests in ONE transaction (a group commit), in order; the budget caps
   * the whole batch. Returns what each completion inserted.
   */
  completeRequests(runId: string, completions: Completion[], budget?: InsertBudget): Promise<Inserted[]>;
  /** With retryAt: back to pending (attempts + 1, due at retryAt). Without: failed for good with the code and message. */
  failRequest(runId: string, requestId: number, input: FailRequestInput): Promise<void>;
  /** Claimed requests that were never started go back to pending, unchanged but for their due time (default: now). */
  releaseRequests(runId: string, requestIds: number[], notBefore?: number): Promise<void>;
  /** After a crash: every in-flight request of the run goes back to pending. Returns how many. */
  requeueInFlight(runId: string): Promise<number>;
  counts(runId: string): Promise<RequestCounts>;
  /** Failed requests of the run by error code. */
  failureCounts(runId: string): Promise<Partial<Record<ErrorCode, number>>>;
  /** The earliest due time of the run's pending requests, or null when none is pending. */
  nextDueAt(runId: string): Promise<number | null>;
  /** Stored rows in insertion order, after `afterSeq`. */
  results(runId: string, page: { afterSeq?: number | undefined; limit: number }): Promise<StoredResult[]>;
  /**
   * Optional: the tier memory kept between runs (which fetch and proxy tiers work per domain). A store without these
   * methods makes every run start from the cheapest tier.
   */
  loadTierMemory?(): Promise<TierMemoryEntry[]>;
  /** Optional: replaces the stored entries with the same (domain, dimension, tier). */
  saveTierMemory?(entries: TierMemoryEntry[]): Promise<void>;
  close(): Promise<void>;
}
