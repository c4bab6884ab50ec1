import { Redis } from 'ioredis';
import { startThrowawayRedis, testRedis, type ThrowawayRedis } from '@scrapifie/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkRedisSafety, openBullmqQueue, UnsafeRedisError } from '../src/index.ts';

describe('Redis start-up safety check', () => {
  it('accepts the test server (maxmemory-policy noeviction)', async () => {
    const redis = new Redis(testRedis().url, { lazyConnect: true });
    try {
      await redis.connect();
      expect(await checkRedisSafety(redis)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  describe('on a server that evicts keys (allkeys-lru)', () => {
    let server: ThrowawayRedis;
    beforeAll(async () => {
      server = await startThrowawayRedis({ args: ['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru'] });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('openBullmqQueue refuses to start, naming the policy', async () => {
      const err = await openBullmqQueue({ connection: server.url, prefix: 'safety' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsafeRedisError);
      expect((err as Error).message).toMatch(/maxmemory-policy is "allkeys-lru" \(must be noeviction/);
    });

    it('starts with allowUnsafe and a loud warning, for throwaway test servers', async () => {
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const warn = vi.fn();
      const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn(), child: () => logger };
      try {
        const queue = await openBullmqQueue({ connection: server.url, prefix: 'safety', allowUnsafe: true, logger });
        expect(await queue.enqueue('cleanup', [{ data: 1 }])).toHaveLength(1);
        await queue.close();
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/allkeys-lru.*never do this in production/));
        expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^WARNING: Unsafe Redis settings/));
      } finally {
        stderr.mockRestore();
      }
    });
  });
});
