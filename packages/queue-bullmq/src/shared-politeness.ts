import { abortableSleep, type SharedBreakerState, type SharedPoliteness } from '@scrapifie/engine';
import type { Politeness } from '@scrapifie/recipe';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

/**
 * A sliding-window log in one Lua call, given to rate-limiter-flexible as its increment script: at most `points` starts
 * in any window of `duration` seconds, timed by the Redis server's clock (one clock for every worker). Returns
 * {consumed, ms before the next start is allowed} as the library expects.
 */
const SLIDING_WINDOW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[3])
local windowMs = math.ceil(tonumber(ARGV[4]) * 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. n)
  redis.call('PEXPIRE', KEYS[1], windowMs)
  return {n + 1, windowMs}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {limit + 1, tonumber(oldest[2]) + windowMs - now}
`;

export interface RedisSharedPolitenessOptions {
  redis: Redis;
  /** Key prefix (the installation's queue prefix). */
  prefix: string;
  /**
   * Widens each rate window by this many ms, so the gap between a worker's permit and its request reaching the site
   * (event-loop lag on a loaded machine, connection set-up) cannot squeeze one start too many into a window as the
   * site sees it. Default 300.
   */
  lagBudgetMs?: number | undefined;
}

/**
 * Cluster-wide per-domain politeness on Redis: the rate limit through rate-limiter-flexible (a strict sliding window),
 * the circuit breaker as a capped list of the latest outcomes plus an "open until" key.
 */
export class RedisSharedPoliteness implements SharedPoliteness {
  private readonly o: RedisSharedPolitenessOptions;
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(o: RedisSharedPolitenessOptions) {
    this.o = o;
  }

  private limiter(p: Politeness): RateLimiterRedis {
    // A window under a second is scaled up to one second (the library's shortest), keeping the rate.
    const scale = p.rateLimit.perSeconds < 1 ? 1 / p.rateLimit.perSeconds : 1;
    const points = Math.max(1, Math.floor(p.rateLimit.requests * scale));
    const duration = p.rateLimit.perSeconds * scale + (this.o.lagBudgetMs ?? 300) / 1000;
    const id = `${points}/${duration}`;
    let l = this.limiters.get(id);
    if (!l) {
      l = new RateLimiterRedis({ storeClient: this.o.redis, keyPrefix: `${this.o.prefix}:rate:${id}`, points, duration, customIncrTtlLuaScript: SLIDING_WINDOW_LUA });
      this.limiters.set(id, l);
    }
    return l;
  }

  private key(kind: string, domain: string): string {
    return `${this.o.prefix}:breaker:${kind}:${domain}`;
  }

  async acquire(domain: string, p: Politeness, signal?: AbortSignal): Promise<void> {
    const limiter = this.limiter(p);
    for (;;) {
      signal?.throwIfAborted();
      const openMs = await this.o.redis.pttl(this.key('open', domain));
      if (openMs > 0) {
        await abortableSleep(openMs, signal);
        continue;
      }
      try {
        await limiter.consume(domain, 1);
        return;
      } catch (rejected) {
        if (rejected instanceof Error) throw rejected;
        const wait = (rejected as { msBeforeNext?: number }).msBeforeNext ?? 50;
        // A little jitter, so waiting workers do not all ask again in the same millisecond.
        await abortableSleep(Math.max(1, wait) + Math.floor(Math.random() * 10), signal);
      }
    }
  }

  async record(domain: string, p: Politeness, ok: boolean): Promise<void> {
    const cb = p.circuitBreaker;
    const outcomes = this.key('outcomes', domain);
    const r = await this.o.redis.multi().lpush(outcomes, ok ? '1' : '0').ltrim(outcomes, 0, cb.windowSize - 1).pexpire(outcomes, Math.max(60_000, cb.cooldownMs * 2)).lrange(outcomes, 0, -1).exec();
    if (!r) throw new Error('Redis did not run the breaker transaction');
    const list = (r[3]?.[1] ?? []) as string[];
    if (ok || list.filter((x) => x === '0').length < cb.failureThreshold) return;
    if (cb.cooldownMs > 0) await this.o.redis.set(this.key('open', domain), '1', 'PX', cb.cooldownMs);
    await this.o.redis.del(outcomes);
  }

  async breakerState(domain: string): Promise<SharedBreakerState> {
    return (await this.o.redis.pttl(this.key('open', domain))) > 0 ? 'open' : 'closed';
  }

  async close(): Promise<void> {}
}
