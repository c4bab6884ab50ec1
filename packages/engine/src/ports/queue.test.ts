import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { assertQueueName, backoffDelayMs, isPermanentJobError, MAX_PRIORITY, priorityForSize, validateEnqueueOptions } from './queue.ts';

describe('queue port helpers', () => {
  it('computes backoff like BullMQ: fixed, exponential, and jittered within its band', () => {
    expect(backoffDelayMs(undefined, 3)).toBe(0);
    expect(backoffDelayMs({ type: 'fixed', delayMs: 500 }, 4)).toBe(500);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs({ type: 'exponential', delayMs: 100 }, n))).toEqual([100, 200, 400, 800]);
    const jittered = { type: 'exponential' as const, delayMs: 1000, jitter: 0.5 };
    expect(backoffDelayMs(jittered, 2, () => 0)).toBe(1000);
    expect(backoffDelayMs(jittered, 2, () => 0.999)).toBe(1999);
  });

  it('sends smaller jobs first, within the priority range', () => {
    expect(priorityForSize(1)).toBeLessThan(priorityForSize(1000));
    expect(priorityForSize(10_000_000)).toBe(MAX_PRIORITY);
    expect(() => priorityForSize(-1)).toThrow(/job size/);
  });

  it('treats only non-retryable product errors as permanent', () => {
    expect(isPermanentJobError(new InvalidInputError('INVALID_URL', 'bad'))).toBe(true);
    expect(isPermanentJobError(new ScrapifieError('NOT_FOUND', 'gone'))).toBe(true);
    expect(isPermanentJobError(new RetryableError('TIMEOUT', 'slow'))).toBe(false);
    expect(isPermanentJobError(new Error('network blip'))).toBe(false);
  });

  it('names the bad option or queue', () => {
    expect(() => validateEnqueueOptions({ priority: 1.5 })).toThrow(/priority must be a whole number/);
    expect(() => validateEnqueueOptions({ priority: MAX_PRIORITY + 1 })).toThrow(/priority/);
    expect(() => validateEnqueueOptions({ backoff: { type: 'linear' as 'fixed', delayMs: 1 } })).toThrow(/backoff.type/);
    expect(() => validateEnqueueOptions({ backoff: { type: 'fixed', delayMs: 1, jitter: 2 } })).toThrow(/jitter/);
    expect(() => validateEnqueueOptions({ delayMs: -5 })).toThrow(/delayMs/);
    expect(() => validateEnqueueOptions({ jobId: '42' })).toThrow(/not a bare integer/);
    expect(() => validateEnqueueOptions({ jobId: 'run-1.batch-2', priority: 0, attempts: 3, delayMs: 0 })).not.toThrow();
    expect(() => assertQueueName('scrape:ftp')).toThrow(/Unknown queue "scrape:ftp": expected one of scrape:http/);
  });
});
