import { describe, expect, it } from 'vitest';
import { mayRetry, parseRetryAfter, retryDelayMs } from './backoff.ts';

const policy = { maxAttempts: 4, baseDelayMs: 100, multiplier: 2, maxDelayMs: 1000 };

describe('retry backoff', () => {
  it('grows exponentially up to the cap, with full jitter below it', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n, { random: () => 0.9999 }))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelayMs(policy, 3, { random: () => 0 })).toBe(0);
    const draws = Array.from({ length: 200 }, () => retryDelayMs(policy, 3));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(400);
    expect(new Set(draws).size).toBeGreaterThan(20);
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelayMs(policy, 1, { random: () => 0, retryAfterMs: 5000 })).toBe(5000);
  });

  it('allows maxAttempts attempts in all', () => {
    expect([1, 2, 3, 4].map((n) => mayRetry(policy, n))).toEqual([true, true, true, false]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
