import { parseRecipe } from '@scrapifie/recipe';
import { testRedis } from '@scrapifie/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisSharedPoliteness } from '../src/index.ts';

const politeness = parseRecipe({
  version: 1,
  name: 'p',
  start: { urls: ['http://127.0.0.1/'] },
  page: { fields: { t: { css: 'title' } } },
  politeness: { rateLimit: { requests: 3, perSeconds: 2 }, circuitBreaker: { windowSize: 4, failureThreshold: 2, cooldownMs: 800 } },
}).politeness;

describe('RedisSharedPoliteness', () => {
  const redis = new Redis(testRedis().url);
  afterAll(() => redis.disconnect());

  it('never grants more than the limit within a window, across separate clients', async () => {
    const prefix = `${testRedis().prefix}_rate_${Date.now()}`;
    const a = new RedisSharedPoliteness({ redis, prefix, lagBudgetMs: 0 });
    const other = new Redis(testRedis().url);
    const b = new RedisSharedPoliteness({ redis: other, prefix, lagBudgetMs: 0 });
    // Permit times as the Redis clock recorded them (the window's log), read right after each grant.
    const key = `${prefix}:rate:3/2:example.org`;
    const granted = new Set<string>();
    const seen = async (): Promise<void> => {
      const entries = await redis.zrange(key, '0', '-1', 'WITHSCORES');
      for (let i = 0; i < entries.length; i += 2) granted.add(`${entries[i]} ${entries[i + 1]}`);
    };
    await Promise.all(Array.from({ length: 7 }, (_, i) => (i % 2 ? a : b).acquire('example.org', politeness).then(seen)));
    other.disconnect();
    const times = [...granted].map((g) => Number(g.split(' ')[1])).sort((x, y) => x - y);
    expect(times.length).toBe(7);
    // Any 4 consecutive permits span at least the 2-second window.
    for (let i = 0; i + 3 < times.length; i++) expect((times[i + 3] as number) - (times[i] as number)).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  it('opens the breaker for every client after enough failures, and closes it after the cooldown', async () => {
    const prefix = `${testRedis().prefix}_breaker_${Date.now()}`;
    const p = new RedisSharedPoliteness({ redis, prefix });
    await p.record('shop.test', politeness, false);
    expect(await p.breakerState('shop.test')).toBe('closed');
    await p.record('shop.test', politeness, false);
    expect(await new RedisSharedPoliteness({ redis, prefix }).breakerState('shop.test')).toBe('open');
    // A permit waits out the cooldown.
    const t0 = Date.now();
    await p.acquire('shop.test', politeness);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
    expect(await p.breakerState('shop.test')).toBe('closed');
  }, 30_000);

  it('counts only the failures among the latest outcomes: successes push old failures out of the window', async () => {
    const prefix = `${testRedis().prefix}_window_${Date.now()}`;
    const p = new RedisSharedPoliteness({ redis, prefix });
    await p.record('shop.test', politeness, false);
    for (let i = 0; i < 4; i++) await p.record('shop.test', politeness, true);
    await p.record('shop.test', politeness, false);
    expect(await p.breakerState('shop.test')).toBe('closed');
    await p.record('shop.test', politeness, false);
    expect(await p.breakerState('shop.test')).toBe('open');
  }, 30_000);
});
