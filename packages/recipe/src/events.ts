import type { ErrorCode } from './errors.ts';
import type { ProxyTierName } from './schema/proxy.ts';

export type FetchTier = 'http' | 'browser' | 'stealth';
export type RunStatus = 'queued' | 'running' | 'completed' | 'partially_completed' | 'failed' | 'cancelled';
export type RequestStatus = 'pending' | 'in_flight' | 'succeeded' | 'failed';

/** A snapshot of a run's counters, emitted as `progress` and kept as the run summary. */
export interface RunProgress {
  pagesDone: number;
  pagesFailed: number;
  pagesQueued: number;
  pagesInFlight: number;
  items: number;
  bytes: number;
  elapsedMs: number;
  pagesPerSecond: number;
  /** Estimated time left, when the frontier is known to be finite. */
  etaMs: number | null;
  byTier: Record<FetchTier, number>;
}

/** Typed events of a run, for the CLI progress line now and the UI's live views later. */
export type RunEvent =
  | { type: 'run.started'; runId: string; recipeName: string; resumed: boolean; robotsTxt: 'respected' | 'ignored' }
  | { type: 'page.fetched'; runId: string; url: string; status: number; bytes: number; ms: number; tier: FetchTier; attempt: number; proxyTier?: ProxyTierName }
  | { type: 'items.extracted'; runId: string; url: string; count: number; dropped: number }
  | { type: 'request.failed'; runId: string; url: string; code: ErrorCode; message: string; attempt: number; willRetry: boolean }
  | { type: 'progress'; runId: string; progress: RunProgress }
  | { type: 'run.finished'; runId: string; status: RunStatus; progress: RunProgress };

export type RunEventType = RunEvent['type'];

/** One extracted row as stored: the data plus where and how it was obtained. */
export interface ResultRow {
  runId: string;
  /** Unique within the run: the item key, or request key + item index. */
  key: string;
  url: string;
  data: Record<string, unknown>;
  tier: FetchTier;
  /** The proxy tier of the fetch that produced the row ("none": a direct connection); absent in stores that do not keep it. */
  proxyTier?: ProxyTierName | undefined;
  attempts: number;
  fetchedAt: string;
}
