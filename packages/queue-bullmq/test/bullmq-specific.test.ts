import { randomBytes } from 'node:crypto';
import { priorityForSize } from '@scrapifie/engine';
import { Redis } from 'ioredis';
import { Queue as BullQueue } from 'bullmq';
import { deleteKeysWithPrefix, testRedis, until } from '@scrapifie/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bullQueueName, openBullmqQueue, type BullmqQueue } from '../src/index.ts';

describe('BullmqQueue specifics', () => {
  let prefix: string;
  let queue: BullmqQueue;
  let redis: Redis;
  const { url, prefix: runPrefix } = testRedis();
  beforeEach(async () => {
    prefix = `${runPrefix}_${randomBytes(4).toString('hex')}`;
    redis = new Redis(url);
  });
  afterEach(async () => {
    await queue?.close();
    redis.disconnect();
    await deleteKeysWithPrefix(url, prefix);
  });

  it('keeps one BullMQ queue per tier under the configured key prefix', async () => {
    queue = await openBullmqQueue({ connection: url, prefix });
    await queue.enqueue('scrape:http', [{ data: 1 }]);
    await queue.enqueue('scrape:browser', [{ data: 2 }]);
    await queue.enqueue('scrape:stealth', [{ data: 3 }]);
    await queue.enqueue('webhook', [{ data: 4 }]);
    await queue.enqueue('cleanup', [{ data: 5 }]);
    const keys = await redis.keys(`${prefix}:*`);
    const queues = new Set(keys.map((k) => k.split(':')[1]));
    expect([...queues].sort()).toEqual(['cleanup', 'scrape-browser', 'scrape-http', 'scrape-stealth', 'webhook']);
    expect(bullQueueName('scrape:http')).toBe('scrape-http');
    expect(await redis.keys('scrapifie:scrape-http:*')).toEqual([]); // nothing under the default prefix
  });

  it('removes finished jobs as the retention says', async () => {
    queue = await openBullmqQueue({ connection: url, prefix, retention: { completed: { count: 2 }, failed: { count: 1 } } });
    await queue.enqueue('scrape:http', Array.from({ length: 6 }, (_, i) => ({ data: i })));
    let done = 0;
    const c = queue.consume<number>('scrape:http', async (job) => {
      done++;
      if (job.data >= 4) throw new Error(`bad ${job.data}`);
    }, { concurrency: 2 });
    await until('6 jobs', () => done >= 6);
    await until('the failures to be recorded', async () => (await queue.depth('scrape:http')).active === 0);
    await c.close();
    const bull = new BullQueue(bullQueueName('scrape:http'), { connection: redis, prefix });
    try {
      expect(await bull.getCompletedCount()).toBe(2);
      expect(await bull.getFailedCount()).toBe(1);
    } finally {
      await bull.close();
    }
  });

  it('sends smaller jobs first when priorities come from priorityForSize', async () => {
    queue = await openBullmqQueue({ connection: url, prefix });
    const sizes = [1000, 3, 250, 1, 40];
    await queue.enqueue('scrape:browser', sizes.map((n) => ({ data: n, opts: { priority: priorityForSize(n) } })));
    const order: number[] = [];
    const c = queue.consume<number>('scrape:browser', async (job) => void order.push(job.data), { concurrency: 1 });
    await until('5 jobs', () => order.length >= 5);
    await c.close();
    expect(order).toEqual([1, 3, 40, 250, 1000]);
  });
});
