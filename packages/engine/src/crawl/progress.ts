import type { FetchTier, RunProgress } from '@scrapifie/recipe';

export interface ProgressBase {
  pagesDone: number;
  pagesFailed: number;
  /** Pending in the store at the start. */
  pending: number;
  items: number;
  bytes: number;
  byTier: Record<FetchTier, number>;
}

/** The run's counters, kept in memory (no store scans on the hot path), and their snapshot as RunProgress. */
export class ProgressCounters {
  pagesDone: number;
  pagesFailed: number;
  /** Pending in the store (claimed requests held in memory are counted by the caller). */
  pending: number;
  items: number;
  bytes: number;
  readonly byTier: Record<FetchTier, number>;
  private readonly startedAt: number;
  private readonly doneAtStart: number;

  constructor(base: ProgressBase, startedAt: number) {
    this.pagesDone = base.pagesDone;
    this.pagesFailed = base.pagesFailed;
    this.pending = base.pending;
    this.items = base.items;
    this.bytes = base.bytes;
    this.byTier = { ...base.byTier };
    this.startedAt = startedAt;
    this.doneAtStart = base.pagesDone + base.pagesFailed;
  }

  snapshot(now: number, held: number, inFlight: number): RunProgress {
    const elapsedMs = Math.max(0, now - this.startedAt);
    const finished = this.pagesDone + this.pagesFailed - this.doneAtStart;
    const pagesPerSecond = elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0;
    const pagesQueued = this.pending + held;
    const left = pagesQueued + inFlight;
    return {
      pagesDone: this.pagesDone,
      pagesFailed: this.pagesFailed,
      pagesQueued,
      pagesInFlight: inFlight,
      items: this.items,
      bytes: this.bytes,
      elapsedMs,
      pagesPerSecond: Math.round(pagesPerSecond * 10) / 10,
      etaMs: left === 0 ? 0 : pagesPerSecond > 0 ? Math.round((left / pagesPerSecond) * 1000) : null,
      byTier: { ...this.byTier },
    };
  }
}
