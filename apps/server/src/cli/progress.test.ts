import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunProgress } from '@scrapifie/recipe';
import { createProgressReporter, progressLine } from './progress.ts';

const progress = (over: Partial<RunProgress> = {}): RunProgress => ({
  pagesDone: 120, pagesFailed: 2, pagesQueued: 380, pagesInFlight: 4, items: 2400, bytes: 6e6, elapsedMs: 10_000,
  pagesPerSecond: 12, etaMs: 95_000, byTier: { http: 120, browser: 0, stealth: 0 }, ...over,
});

function capture(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough();
  let out = '';
  s.on('data', (c: Buffer) => (out += c.toString()));
  return { stream: Object.assign(s, { isTTY: tty }) as unknown as NodeJS.WriteStream, text: () => out };
}

describe('the progress line', () => {
  it('shows pages done/queued/failed, items, rate and ETA', () => {
    expect(progressLine(progress())).toBe('pages 120 done, 380 queued, 2 failed | items 2400 | 12.0 pages/s | ETA 1m35s');
    expect(progressLine(progress({ etaMs: null }))).toMatch(/ETA --$/);
    expect(progressLine(progress({ etaMs: 3 * 3600_000 + 60_000 }))).toMatch(/ETA 3h01m$/);
  });

  it('on a TTY rewrites one line in place and clears it before a log line', () => {
    const { stream, text } = capture(true);
    const report = createProgressReporter(stream);
    report({ type: 'progress', runId: 'r', progress: progress() });
    report({ type: 'progress', runId: 'r', progress: progress({ pagesDone: 121 }) });
    report({ type: 'request.failed', runId: 'r', url: 'http://x.test/', code: 'HTTP_ERROR', message: 'HTTP 404', attempt: 1, willRetry: false });
    const out = text();
    expect(out.split('\r\x1b[2K').length).toBeGreaterThanOrEqual(4);
    expect(out).toContain('pages 121 done');
    expect(out.endsWith('failed http://x.test/: HTTP_ERROR HTTP 404 (attempt 1)\n')).toBe(true);
  });

  it('off a TTY writes plain lines, no escape codes, and hides retries unless verbose', () => {
    const { stream, text } = capture(false);
    const report = createProgressReporter(stream);
    report({ type: 'progress', runId: 'r', progress: progress() });
    report({ type: 'progress', runId: 'r', progress: progress() }); // within 5 s: not repeated
    report({ type: 'request.failed', runId: 'r', url: 'http://x.test/', code: 'TIMEOUT', message: 'timed out', attempt: 1, willRetry: true });
    report({ type: 'run.finished', runId: 'r', status: 'completed', progress: progress({ pagesQueued: 0 }) });
    expect(text()).not.toContain('\x1b');
    expect(text().trim().split('\n')).toEqual([progressLine(progress()), `Run r completed: ${progressLine(progress({ pagesQueued: 0 }))}`]);
  });
});
