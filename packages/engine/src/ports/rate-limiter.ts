/** At most `limit` hits per `windowMs` for one key (a burst of `limit` at once is allowed, then one per windowMs/limit). */
export interface RateLimitRule {
  /** A short name that keeps buckets of different rules apart (e.g. "auth", "general"). */
  name: string;
  limit: number;
  windowMs: number;
}

/** What one hit got: allowed or not, what is left now, and when to retry. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Hits still allowed right now (after this one when allowed; 0 when refused a single hit). */
  remaining: number;
  /** Whole seconds until the next hit would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** When the bucket is empty again (epoch ms): the full `limit` is available from then on. */
  resetAt: number;
}

/**
 * Counts hits per key against a rule: the API's callers (per API key or per client address). The memory limiter
 * serves one process; a shared one (Redis) makes the limit hold across every server of an installation.
 */
export interface RateLimiter {
  /** Counts `cost` hits (default 1) at `now` (epoch ms) unless that would pass the rule; a refused hit counts nothing. */
  hit(key: string, rule: RateLimitRule, now: number, cost?: number): Promise<RateLimitDecision>;
  close?(): Promise<void>;
}

/** A clear error for a rule that cannot work (a limit of 0, a negative window). */
export function checkRateLimitRule(rule: RateLimitRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new RangeError(`rate limit "${rule.name}": limit must be a whole number >= 1, got ${rule.limit}`);
  if (!Number.isFinite(rule.windowMs) || rule.windowMs < 1) throw new RangeError(`rate limit "${rule.name}": windowMs must be >= 1, got ${rule.windowMs}`);
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(rule.name)) throw new RangeError(`rate limit name "${rule.name}": letters, digits, '.', '_' and '-' only`);
}

/**
 * One step of the generic cell rate algorithm (GCRA): `tat` is the bucket's theoretical arrival time (epoch ms; 0 or a
 * past time for an empty bucket). Each hit moves it forward by windowMs/limit; a hit is allowed while the new TAT
 * stays within one window of now. Returns the decision and the TAT to store (unchanged when refused). The Redis
 * limiter runs the same arithmetic in Lua.
 */
export function gcraStep(tat: number, rule: RateLimitRule, now: number, cost = 1): { decision: RateLimitDecision; tat: number } {
  const interval = rule.windowMs / rule.limit;
  const base = Math.max(tat, now);
  const next = base + interval * cost;
  const allowAt = next - rule.windowMs;
  if (allowAt > now) {
    const remaining = Math.max(0, Math.floor((rule.windowMs - (base - now)) / interval + 1e-9));
    return { decision: { allowed: false, limit: rule.limit, remaining, retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)), resetAt: Math.ceil(base) }, tat };
  }
  const remaining = Math.max(0, Math.floor((rule.windowMs - (next - now)) / interval + 1e-9));
  return { decision: { allowed: true, limit: rule.limit, remaining, retryAfterSeconds: 0, resetAt: Math.ceil(next) }, tat: next };
}
