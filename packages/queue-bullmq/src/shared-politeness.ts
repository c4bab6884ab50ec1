import { abortableSleep, type SharedBreakerState, type SharedPoliteness } from '@scrapifie/engine';
import type { Politeness } from '@scrapifie/recipe';
import type { Redis } from 'ioredis';

/**
 * A start permit in one round trip: the breaker's "open until" key first, then a sliding-window log (at most `limit`
 * starts in any window of `windowMs`), timed by the Redis server's clock (one clock for every worker).
 * Returns {1, 0} for a permit, {0, ms} while the breaker is open, {2, ms} until the window has room again.
 */
const ACQUIRE_LUA = `
local open = redis.call('PTTL', KEYS[1])
if open > 0 then return {0, open} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - windowMs)
local n = redis.call('ZCARD', KEYS[2])
if n < limit then
  redis.call('ZADD', KEYS[2], now, now .. '-' .. n)
  redis.call('PEXPIRE', KEYS[2], windowMs)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
return {2, tonumber(oldest[2]) + windowMs - now}
`;

/**
 * An outcome in one round trip: kept in a capped list of the latest `windowSize`; a failure that brings the failures in
 * it to `threshold` opens the breaker for `cooldownMs` (when > 0) and starts a fresh list. Returns 1 when it opened.
 */
const RECORD_LUA = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
if ARGV[1] == '1' then return 0 end
local failures = 0
for _, x in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if x == '0' then failures = failures + 1 end
end
if failures < tonumber(ARGV[3]) then return 0 end
if tonumber(ARGV[4]) > 0 then redis.call('SET', KEYS[2], '1', 'PX', tonumber(ARGV[4])) end
redis.call('DEL', KEYS[1])
return 1
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
 * Cluster-wide per-domain politeness on Redis: the rate limit as a strict sliding window and the circuit breaker as a
 * capped list of the latest outcomes plus an "open until" key. A fetch costs two round trips: its permit and its outcome.
 */
export class RedisSharedPoliteness implements SharedPoliteness {
  private readonly o: RedisSharedPolitenessOptions;

  constructor(o: RedisSharedPolitenessOptions) {
    this.o = o;
  }

  private key(kind: string, domain: string): string {
    return `${this.o.prefix}:breaker:${kind}:${domain}`;
  }

  async acquire(domain: string, p: Politeness, signal?: AbortSignal): Promise<void> {
    // A window under a second is scaled up to one second, keeping the rate.
    const scale = p.rateLimit.perSeconds < 1 ? 1 / p.rateLimit.perSeconds : 1;
    const points = Math.max(1, Math.floor(p.rateLimit.requests * scale));
    const duration = p.rateLimit.perSeconds * scale + (this.o.lagBudgetMs ?? 300) / 1000;
    const windowKey = `${this.o.prefix}:rate:${points}/${duration}:${domain}`;
    for (;;) {
      signal?.throwIfAborted();
      const [granted, waitMs] = (await this.o.redis.eval(ACQUIRE_LUA, 2, this.key('open', domain), windowKey, String(points), String(Math.ceil(duration * 1000)))) as [number, number];
      if (granted === 1) return;
      // While rate limited, a little jitter, so waiting workers do not all ask again in the same millisecond.
      await abortableSleep(granted === 0 ? waitMs : Math.max(1, waitMs) + Math.floor(Math.random() * 10), signal);
    }
  }

  async record(domain: string, p: Politeness, ok: boolean): Promise<void> {
    const cb = p.circuitBreaker;
    await this.o.redis.eval(
      RECORD_LUA,
      2,
      this.key('outcomes', domain),
      this.key('open', domain),
      ok ? '1' : '0',
      String(cb.windowSize),
      String(cb.failureThreshold),
      String(cb.cooldownMs),
      String(Math.max(60_000, cb.cooldownMs * 2)),
    );
  }

  async breakerState(domain: string): Promise<SharedBreakerState> {
    return (await this.o.redis.pttl(this.key('open', domain))) > 0 ? 'open' : 'closed';
  }

  async close(): Promise<void> {}
}
