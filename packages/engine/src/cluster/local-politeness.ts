import type { Politeness } from '@scrapifie/recipe';
import type { SharedBreakerState, SharedPoliteness } from '../ports/shared-politeness.ts';
import { abortableSleep } from './sleep.ts';

interface DomainLog {
  starts: number[];
  outcomes: boolean[];
  openUntil: number;
}

/** SharedPoliteness for one process (the single-node default): the same sliding-window rate and breaker, in memory. */
export class LocalSharedPoliteness implements SharedPoliteness {
  private readonly domains = new Map<string, DomainLog>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  private log(domain: string): DomainLog {
    let d = this.domains.get(domain);
    if (!d) this.domains.set(domain, (d = { starts: [], outcomes: [], openUntil: 0 }));
    return d;
  }

  async acquire(domain: string, p: Politeness, signal?: AbortSignal): Promise<void> {
    const d = this.log(domain);
    const windowMs = p.rateLimit.perSeconds * 1000;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      if (d.openUntil > now) {
        await abortableSleep(d.openUntil - now, signal);
        continue;
      }
      while (d.starts.length > 0 && (d.starts[0] as number) <= now - windowMs) d.starts.shift();
      if (d.starts.length < p.rateLimit.requests) {
        d.starts.push(now);
        return;
      }
      await abortableSleep((d.starts[0] as number) + windowMs - now, signal);
    }
  }

  async record(domain: string, p: Politeness, ok: boolean): Promise<void> {
    const d = this.log(domain);
    d.outcomes.push(ok);
    if (d.outcomes.length > p.circuitBreaker.windowSize) d.outcomes.shift();
    if (d.outcomes.filter((o) => !o).length >= p.circuitBreaker.failureThreshold) {
      d.openUntil = this.now() + p.circuitBreaker.cooldownMs;
      d.outcomes = [];
    }
  }

  async breakerState(domain: string): Promise<SharedBreakerState> {
    return (this.domains.get(domain)?.openUntil ?? 0) > this.now() ? 'open' : 'closed';
  }

  async close(): Promise<void> {}
}
