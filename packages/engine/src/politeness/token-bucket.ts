export interface TokenBucketOptions {
  /** Tokens per window; also the burst size. */
  requests: number;
  perSeconds: number;
  /** Slow down on 429/503 (halve the rate), recover step by step on success. */
  adaptive: boolean;
}

const MIN_FACTOR = 1 / 64;
const RECOVERY_STEP = 0.05;

/**
 * A per-domain token bucket on an injected time source. Refills continuously at
 * requests/perSeconds; adaptive buckets halve their rate on every slow-down signal and win back 5% of
 * the configured rate per success (AIMD). A minimum interval (robots.txt Crawl-delay) caps the rate.
 */
export class TokenBucket {
  private readonly baseRatePerMs: number;
  private readonly burst: number;
  private readonly adaptive: boolean;
  private readonly now: () => number;
  private factor = 1;
  private minIntervalMs = 0;
  private tokens: number;
  private last: number;

  constructor(opts: TokenBucketOptions, now: () => number) {
    if (!(opts.requests >= 1) || !(opts.perSeconds > 0)) throw new RangeError(`rate limit needs requests >= 1 and perSeconds > 0, got ${opts.requests}/${opts.perSeconds}s`);
    this.baseRatePerMs = opts.requests / (opts.perSeconds * 1000);
    this.burst = opts.requests;
    this.adaptive = opts.adaptive;
    this.now = now;
    this.tokens = this.burst;
    this.last = now();
  }

  /** Current rate in requests per second. */
  get ratePerSecond(): number {
    return this.ratePerMs() * 1000;
  }

  private ratePerMs(): number {
    const r = this.baseRatePerMs * this.factor;
    return this.minIntervalMs > 0 ? Math.min(r, 1 / this.minIntervalMs) : r;
  }

  private capacity(): number {
    return this.minIntervalMs > 0 ? 1 : this.burst;
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.capacity(), this.tokens + (t - this.last) * this.ratePerMs());
      this.last = t;
    }
  }

  /** Takes a token and returns 0, or returns how many ms until one is available (taking nothing). */
  tryTake(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerMs()));
  }

  /** ms until a token is available (0: now), without taking it. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerMs()));
  }

  /** The server pushed back (429/503): halve the rate and drop any saved-up burst. */
  slowDown(): void {
    if (!this.adaptive) return;
    this.refill();
    this.factor = Math.max(MIN_FACTOR, this.factor / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** A request went through: win back part of the configured rate. */
  recover(): void {
    if (!this.adaptive || this.factor >= 1) return;
    this.refill();
    this.factor = Math.min(1, this.factor + RECOVERY_STEP);
  }

  /** robots.txt Crawl-delay: at least this many ms between requests (no bursts). */
  setMinInterval(ms: number): void {
    this.refill();
    this.minIntervalMs = Math.max(0, ms);
    this.tokens = Math.min(this.tokens, this.capacity());
  }
}
