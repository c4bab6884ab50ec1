import { BrokenCircuitError, CircuitBreakerPolicy, CircuitState, circuitBreaker, handleWhenResult, type IBreaker } from 'cockatiel';

export interface BreakerOptions {
  /** How many of the latest outcomes are remembered. */
  windowSize: number;
  /** The circuit opens when this many of them are failures. */
  failureThreshold: number;
  /** How long it stays open before one probe is let through. */
  cooldownMs: number;
}

/** cockatiel breaker over a sliding window of the last `windowSize` outcomes that opens at `failureThreshold` failures. */
class WindowCountBreaker implements IBreaker {
  private samples: Array<boolean | null>;
  private cursor = 0;
  private failures = 0;
  private readonly threshold: number;

  constructor(windowSize: number, failureThreshold: number) {
    this.samples = Array.from({ length: windowSize }, () => null);
    this.threshold = failureThreshold;
  }

  get state(): unknown {
    return { samples: [...this.samples], cursor: this.cursor, failures: this.failures };
  }

  set state(value: unknown) {
    const v = value as { samples: Array<boolean | null>; cursor: number; failures: number };
    this.samples = [...v.samples];
    this.cursor = v.cursor;
    this.failures = v.failures;
  }

  success(state: CircuitState): void {
    if (state === CircuitState.HalfOpen) this.reset();
    this.sample(false);
  }

  failure(state: CircuitState): boolean {
    this.sample(true);
    return state !== CircuitState.Closed || this.failures >= this.threshold;
  }

  private reset(): void {
    this.samples.fill(null);
    this.failures = 0;
    this.cursor = 0;
  }

  private sample(failed: boolean): void {
    if (this.samples[this.cursor] === true) this.failures--;
    this.samples[this.cursor] = failed;
    if (failed) this.failures++;
    this.cursor = (this.cursor + 1) % this.samples.length;
  }
}

export type BreakerGate = { pass: true } | { pass: false; reason: 'open'; until: number } | { pass: false; reason: 'probing' };

/**
 * A per-domain circuit breaker (cockatiel) that the scheduler asks before dispatching, so requests of
 * an open domain are deferred rather than failed: `gate()` says whether a request may go now, until
 * when the circuit stays open, or that the single half-open probe is still out.
 */
export class DomainBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private readonly cooldownMs: number;
  private openedAt = 0;
  /** Consecutive times the circuit opened without closing in between (1 = opened once). */
  private consecutiveOpens = 0;

  constructor(opts: BreakerOptions) {
    if (opts.failureThreshold > opts.windowSize) {
      throw new RangeError(`circuit breaker failureThreshold (${opts.failureThreshold}) cannot exceed windowSize (${opts.windowSize})`);
    }
    this.cooldownMs = opts.cooldownMs;
    this.policy = circuitBreaker(
      handleWhenResult((r) => (r as { breakerFailure?: boolean }).breakerFailure === true),
      { halfOpenAfter: opts.cooldownMs, breaker: new WindowCountBreaker(opts.windowSize, opts.failureThreshold) },
    );
    this.policy.onBreak(() => {
      // cockatiel times the cooldown with Date.now(); so do we.
      this.openedAt = Date.now();
      this.consecutiveOpens++;
    });
    this.policy.onReset(() => {
      this.consecutiveOpens = 0;
    });
  }

  get state(): 'closed' | 'open' | 'half-open' {
    const s = this.policy.state;
    return s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /** How many times in a row the circuit has opened (probes that failed count): 0 when closed. */
  get opens(): number {
    return this.consecutiveOpens;
  }

  gate(): BreakerGate {
    const s = this.policy.state;
    if (s === CircuitState.Closed) return { pass: true };
    if (s === CircuitState.HalfOpen) return { pass: false, reason: 'probing' };
    const until = this.openedAt + this.cooldownMs;
    return Date.now() >= until ? { pass: true } : { pass: false, reason: 'open', until };
  }

  /**
   * Runs one request through the breaker. `fn` never throws; its result's `breakerFailure` counts
   * against the domain. Returns 'open' when the circuit refused the call (it opened meanwhile).
   */
  async run<T extends { breakerFailure: boolean }>(fn: () => Promise<T>): Promise<T | 'open'> {
    try {
      return await this.policy.execute(fn);
    } catch (e) {
      if (e instanceof BrokenCircuitError) return 'open';
      throw e;
    }
  }
}
