import { describe, expect, it } from 'vitest';
import { ProgressCounters } from './progress.ts';

describe('ProgressCounters', () => {
  it('reports this session’s speed and the time left for what is queued', () => {
    const p = new ProgressCounters({ pagesDone: 100, pagesFailed: 0, pending: 50, items: 0, bytes: 0, byTier: { http: 100, browser: 0, stealth: 0 } }, 10_000);
    expect(p.snapshot(10_000, 0, 0)).toMatchObject({ pagesPerSecond: 0, etaMs: null, pagesQueued: 50 });
    p.pagesDone += 18;
    p.pagesFailed += 2;
    p.pending = 30;
    // 20 pages in 2 s: 10 pages/s; 30 queued + 4 held + 6 in flight = 40 pages left: 4 s.
    expect(p.snapshot(12_000, 4, 6)).toMatchObject({ pagesDone: 118, pagesFailed: 2, pagesQueued: 34, pagesInFlight: 6, pagesPerSecond: 10, etaMs: 4000, elapsedMs: 2000 });
    p.pending = 0;
    expect(p.snapshot(13_000, 0, 0).etaMs).toBe(0);
  });
});
