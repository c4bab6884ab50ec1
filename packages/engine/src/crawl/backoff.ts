import type { RetryPolicy } from '@scrapifie/recipe';

/**
 * How long to wait before attempt `failedAttempts + 1`, after `failedAttempts` failures (>= 1):
 * exponential growth capped at maxDelayMs, with "full jitter" (a uniform draw below the cap, which
 * spreads retries of many requests apart), and never less than the server's Retry-After.
 */
export function retryDelayMs(policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'multiplier'>, failedAttempts: number, opts: { retryAfterMs?: number | undefined; random?: () => number } = {}): number {
  const random = opts.random ?? Math.random;
  const exp = policy.baseDelayMs * policy.multiplier ** Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(policy.maxDelayMs, exp);
  const jittered = Math.floor(random() * (ceiling + 1));
  return Math.max(jittered, opts.retryAfterMs ?? 0);
}

/** Whether a request that has now failed `failedAttempts` times may be tried again. */
export function mayRetry(policy: Pick<RetryPolicy, 'maxAttempts'>, failedAttempts: number): boolean {
  return failedAttempts < policy.maxAttempts;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
