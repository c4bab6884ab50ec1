import { checkRateLimitRule, type RateLimitDecision, type RateLimiter, type RateLimitRule } from '@scrapifie/engine';
import type { Redis } from 'ioredis';

/**
 * The engine's gcraStep in one Lua call, so concurrent hits from any number of servers never pass the limit.
 * KEYS[1] holds the bucket's theoretical arrival time (ms); ARGV: now, interval (windowMs/limit), windowMs, cost.
 * Returns {allowed 0|1, remaining, retry after ms, reset at ms}. The key expires once the bucket is drained.
 */
const GCRA_LUA = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nextTat = tat + interval * cost
local allowAt = nextTat - window
if allowAt > now then
  return {0, math.floor((window - (tat - now)) / interval + 1e-9), math.ceil(allowAt - now), math.ceil(tat)}
end
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.max(1, math.ceil(nextTat - now)))
return {1, math.floor((window - (nextTat - now)) / interval + 1e-9), 0, math.ceil(nextTat)}
`;

export interface RedisRateLimiterOptions {
  redis: Redis;
  /** Key prefix (the installation's queue prefix): keys are `<prefix>:ratelimit:<rule>:<caller>`. */
  prefix: string;
}

/**
 * The API's rate limits shared by every server of an installation (GCRA in Redis, one key per caller and rule). Time
 * is the calling server's clock: keep the servers' clocks in sync (NTP), as for token expiry.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #o: RedisRateLimiterOptions;

  constructor(o: RedisRateLimiterOptions) {
    if (!/^[A-Za-z0-9_.-]+$/.test(o.prefix)) throw new RangeError(`Invalid rate limit key prefix "${o.prefix}": letters, digits, '.', '_' and '-' only`);
    this.#o = o;
  }

  async hit(key: string, rule: RateLimitRule, now: number, cost = 1): Promise<RateLimitDecision> {
    checkRateLimitRule(rule);
    if (!Number.isInteger(cost) || cost < 1) throw new RangeError(`rate limit cost must be a whole number >= 1, got ${cost}`);
    const redisKey = `${this.#o.prefix}:ratelimit:${rule.name}:${key}`;
    const r = (await this.#o.redis.eval(GCRA_LUA, 1, redisKey, String(now), String(rule.windowMs / rule.limit), String(rule.windowMs), String(cost))) as [number, number, number, number];
    const [allowed, remaining, retryMs, resetAt] = r.map(Number) as [number, number, number, number];
    return { allowed: allowed === 1, limit: rule.limit, remaining: Math.max(0, remaining), retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(retryMs / 1000)), resetAt };
  }
}
