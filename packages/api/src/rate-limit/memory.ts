import { checkRateLimitRule, gcraStep, type RateLimitDecision, type RateLimiter, type RateLimitRule } from '@scrapifie/engine';

/** Past this many buckets, the ones already drained are dropped (they equal an absent bucket). */
const PRUNE_AT = 10_000;

/**
 * The rate limiter of one process (GCRA, one number per key): the default of a single server. Several servers share
 * a limit only through a shared limiter (RedisRateLimiter in @scrapifie/queue-bullmq).
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #tats = new Map<string, number>();

  async hit(key: string, rule: RateLimitRule, now: number, cost = 1): Promise<RateLimitDecision> {
    checkRateLimitRule(rule);
    if (!Number.isInteger(cost) || cost < 1) throw new RangeError(`rate limit cost must be a whole number >= 1, got ${cost}`);
    const id = `${rule.name}:${key}`;
    const { decision, tat } = gcraStep(this.#tats.get(id) ?? 0, rule, now, cost);
    if (decision.allowed) {
      this.#tats.delete(id); // re-inserted last: the map stays ordered by last use
      this.#tats.set(id, tat);
      if (this.#tats.size > PRUNE_AT) this.#prune(now);
    }
    return decision;
  }

  #prune(now: number): void {
    for (const [id, tat] of this.#tats) if (tat <= now) this.#tats.delete(id);
  }

  /** Buckets held (for tests of the pruning). */
  get size(): number {
    return this.#tats.size;
  }
}
