import type { Politeness } from '@scrapifie/recipe';
import { DomainBreaker } from './breaker.ts';
import { TokenBucket } from './token-bucket.ts';

/** Everything the crawler remembers about one domain for the length of a run. */
export class DomainState {
  readonly key: string;
  readonly bucket: TokenBucket;
  readonly breaker: DomainBreaker;
  /** Requests of this domain being fetched now. */
  inFlight = 0;
  /** No request before this time (epoch ms): a Retry-After from the server. */
  pausedUntil = 0;
  /** Set when the breaker has re-opened so often that the domain is given up for this run. */
  givenUp = false;

  constructor(key: string, politeness: Politeness, now: () => number) {
    this.key = key;
    this.bucket = new TokenBucket(politeness.rateLimit, now);
    this.breaker = new DomainBreaker(politeness.circuitBreaker);
  }

  /** The server asked us to wait (429/503 with Retry-After). */
  pause(until: number): void {
    if (until > this.pausedUntil) this.pausedUntil = until;
  }
}

/** The run's domains, created on first sight. */
export class DomainRegistry {
  private readonly domains = new Map<string, DomainState>();
  private readonly politeness: Politeness;
  private readonly now: () => number;

  constructor(politeness: Politeness, now: () => number) {
    this.politeness = politeness;
    this.now = now;
  }

  get(key: string): DomainState {
    let d = this.domains.get(key);
    if (!d) {
      d = new DomainState(key, this.politeness, this.now);
      this.domains.set(key, d);
    }
    return d;
  }
}
