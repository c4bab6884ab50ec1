import { randomBytes } from 'node:crypto';
import { testRedis } from '@scrapifie/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../src/index.ts';

const RULE = { name: 'general', limit: 10, windowMs: 60_000 };

describe('RedisRateLimiter', () => {
  const one = new Redis(testRedis().url);
  const two = new Redis(testRedis().url);
  afterAll(() => {
    one.disconnect();
    two.disconnect();
  });

  it('grants exactly the limit to 40 concurrent hits from two clients, per key', async () => {
    const prefix = `${testRedis().prefix}_rl_${randomBytes(4).toString('hex')}`;
    const limiters = [new RedisRateLimiter({ redis: one, prefix }), new RedisRateLimiter({ redis: two, prefix })];
    const now = Date.now();
    const decisions = await Promise.all(Array.from({ length: 40 }, (_, i) => limiters[i % 2]!.hit('ip:10.0.0.1', RULE, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    const refused = decisions.find((d) => !d.allowed)!;
    expect(refused).toMatchObject({ limit: 10, remaining: 0, retryAfterSeconds: 6 });
    // Another key has its own bucket; the same key one interval later gets exactly one more.
    expect((await limiters[0]!.hit('key:other', RULE, now)).remaining).toBe(9);
    expect((await limiters[1]!.hit('ip:10.0.0.1', RULE, now + 6000)).allowed).toBe(true);
    expect((await limiters[0]!.hit('ip:10.0.0.1', RULE, now + 6001)).allowed).toBe(false);
    // The bucket's key expires once drained (no key left behind forever).
    const ttl = await one.pttl(`${prefix}:ratelimit:general:ip:10.0.0.1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(66_001);
  });

  it('refuses a bad prefix or rule with a clear error', async () => {
    expect(() => new RedisRateLimiter({ redis: one, prefix: 'a b' })).toThrow(/Invalid rate limit key prefix/);
    await expect(new RedisRateLimiter({ redis: one, prefix: 'ok' }).hit('k', { name: 'auth', limit: 5, windowMs: 0 }, 0)).rejects.toThrow(/windowMs must be >= 1/);
  });
});
