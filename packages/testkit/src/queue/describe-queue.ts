import type { QueuedJob } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lifecycleCases } from './lifecycle-cases.ts';
import { until, type QueueContext, type QueueFactory } from './fixtures.ts';

/** The Queue conformance suite: every adapter runs it against its real backing store. */
export function describeQueue(name: string, factory: QueueFactory): void {
  describe(`Queue conformance: ${name}`, () => {
    const ctx = {} as QueueContext;
    beforeEach(async () => {
      Object.assign(ctx, { fixture: undefined, queue: undefined, consumers: [], handles: [] });
      ctx.fixture = await factory();
      ctx.queue = ctx.fixture.queue;
      ctx.consumers = [];
      ctx.handles = [];
    });
    afterEach(async () => {
      for (const c of ctx.consumers) await c.close({ abort: true });
      for (const h of ctx.handles) await h.close();
      await ctx.queue?.close();
      await ctx.fixture?.cleanup();
    });

    it('delivers each job once with its data, acks it, and keeps queues apart', async () => {
      const { queue } = ctx;
      const ids = await queue.enqueue('scrape:http', Array.from({ length: 20 }, (_, i) => ({ data: { n: i } })));
      expect(new Set(ids).size).toBe(20);
      await queue.enqueue('scrape:browser', [{ data: { other: true } }]);
      const got: Array<QueuedJob<{ n: number }>> = [];
      ctx.consumers.push(queue.consume<{ n: number }>('scrape:http', async (job) => void got.push(job), { concurrency: 4 }));
      await until('20 jobs handled', () => got.length >= 20);
      await until('the queue to be empty', async () => (await queue.depth('scrape:http')).active === 0);
      expect(got.map((j) => j.data.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(got.map((j) => j.id).sort()).toEqual([...(ids as string[])].sort());
      expect(got[0]).toMatchObject({ queue: 'scrape:http', attempt: 1, maxAttempts: 1, runId: undefined });
      expect(await queue.depth('scrape:http')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
      expect(await queue.depth('scrape:browser')).toEqual({ waiting: 1, delayed: 0, active: 0, failed: 0 });
    });

    it('delivers lower priorities first, ties in enqueue order', async () => {
      const { queue } = ctx;
      const jobs = [['a', 5], ['b', 0], ['c', 5], ['d', 1], ['e', 0], ['f', undefined]] as const;
      await queue.enqueue('scrape:http', jobs.map(([label, priority]) => ({ data: label, opts: { priority } })));
      const order: string[] = [];
      ctx.consumers.push(queue.consume<string>('scrape:http', async (job) => void order.push(job.data), { concurrency: 1 }));
      await until('6 jobs handled', () => order.length >= 6);
      expect(order).toEqual(['b', 'e', 'f', 'd', 'a', 'c']);
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const { queue } = ctx;
      const tries: Array<{ attempt: number; max: number; at: number }> = [];
      await queue.enqueue('scrape:http', [{ data: 'flaky', opts: { attempts: 4, backoff: { type: 'exponential', delayMs: 150 } } }]);
      ctx.consumers.push(
        queue.consume('scrape:http', async (job) => {
          tries.push({ attempt: job.attempt, max: job.maxAttempts, at: Date.now() });
          if (job.attempt < 3) throw new Error(`try ${job.attempt} failed`);
        }, { concurrency: 2 }),
      );
      await until('3 tries', () => tries.length >= 3);
      await until('the queue to be empty', async () => (await queue.depth('scrape:http')).active === 0);
      expect(tries.map((t) => [t.attempt, t.max])).toEqual([[1, 4], [2, 4], [3, 4]]);
      // 150 ms after the first failure, 300 ms after the second (a little slack for clock rounding).
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(140);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(290);
      expect(await queue.depth('scrape:http')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
    });

    it('fails a job for good after its last try and keeps the reason', async () => {
      const { queue } = ctx;
      const [id] = await queue.enqueue('webhook', [{ data: { hook: 1 }, opts: { attempts: 2, runId: 'run-a' } }]);
      let tries = 0;
      ctx.consumers.push(queue.consume('webhook', async () => {
        tries++;
        throw new Error(`endpoint said 500 (try ${tries})`);
      }, { concurrency: 1 }));
      await until('the job to fail for good', async () => (await queue.depth('webhook')).failed === 1);
      expect(tries).toBe(2);
      const failed = await queue.failed('webhook', 10);
      expect(failed).toEqual([{ id, data: { hook: 1 }, runId: 'run-a', attempts: 2, reason: expect.stringContaining('endpoint said 500 (try 2)') }]);
      expect(await queue.depth('webhook')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 1 });
    });

    it('does not retry a permanent error', async () => {
      const { queue } = ctx;
      await queue.enqueue('scrape:http', [{ data: 1, opts: { attempts: 5, backoff: { type: 'fixed', delayMs: 10 } } }]);
      let tries = 0;
      ctx.consumers.push(queue.consume('scrape:http', async () => {
        tries++;
        throw new InvalidInputError('INVALID_URL', 'Invalid URL "htp:/x"');
      }, { concurrency: 1 }));
      await until('the job to fail', async () => (await queue.depth('scrape:http')).failed === 1);
      const [failed] = await queue.failed('scrape:http', 10);
      expect(failed).toMatchObject({ attempts: 1, reason: expect.stringContaining('Invalid URL') });
      expect(tries).toBe(1);
    });

    it('runs up to `concurrency` jobs at once, per consumer', async () => {
      const { queue } = ctx;
      await queue.enqueue('scrape:browser', Array.from({ length: 9 }, (_, i) => ({ data: i })));
      let active = 0;
      let maxActive = 0;
      let done = 0;
      ctx.consumers.push(queue.consume('scrape:browser', async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 120));
        active--;
        done++;
      }, { concurrency: 3 }));
      await until('9 jobs done', () => done === 9);
      expect(maxActive).toBe(3);
    });

    it('holds a delayed job back until it is due', async () => {
      const { queue } = ctx;
      const enqueuedAt = Date.now();
      await queue.enqueue('cleanup', [{ data: 'later', opts: { delayMs: 400 } }]);
      expect(await queue.depth('cleanup')).toMatchObject({ waiting: 0, delayed: 1 });
      let at = 0;
      ctx.consumers.push(queue.consume('cleanup', async () => void (at = Date.now()), { concurrency: 1 }));
      await until('the delayed job', () => at > 0);
      expect(at - enqueuedAt).toBeGreaterThanOrEqual(390);
    });

    it('adds a job with a known jobId only once', async () => {
      const { queue } = ctx;
      const first = await queue.enqueue('scrape:http', [{ data: 'one', opts: { jobId: 'run-1.batch-7' } }]);
      const again = await queue.enqueue('scrape:http', [{ data: 'two', opts: { jobId: 'run-1.batch-7' } }, { data: 'three' }]);
      expect(first).toEqual(['run-1.batch-7']);
      expect(again[0]).toBe('run-1.batch-7');
      expect(await queue.depth('scrape:http')).toMatchObject({ waiting: 2 });
      const seen: unknown[] = [];
      ctx.consumers.push(queue.consume('scrape:http', async (job) => void seen.push(job.data), { concurrency: 1 }));
      await until('2 jobs', () => seen.length >= 2);
      expect(seen).toEqual(['one', 'three']);
    });

    it('refuses bad options and unknown queues with a clear message', async () => {
      const { queue } = ctx;
      await expect(queue.enqueue('scrape:http', [{ data: 1, opts: { priority: -1 } }])).rejects.toThrow(/priority must be a whole number/);
      await expect(queue.enqueue('scrape:http', [{ data: 1, opts: { attempts: 0 } }])).rejects.toThrow(/attempts/);
      await expect(queue.enqueue('scrape:http', [{ data: 1, opts: { jobId: 'a:b' } }])).rejects.toThrow(/jobId "a:b"/);
      await expect(queue.enqueue('nope' as 'webhook', [{ data: 1 }])).rejects.toThrow(/Unknown queue "nope"/);
      expect(() => queue.consume('scrape:http', async () => undefined, { concurrency: 0 })).toThrow(/concurrency/);
      expect(await queue.depth('scrape:http')).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
    });

    lifecycleCases(ctx);
  });
}
