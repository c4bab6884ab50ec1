import type { DomainRegistry, DomainState } from '../politeness/domain.ts';
import type { RobotsCache } from '../politeness/robots.ts';
import { Fifo } from './fifo.ts';

export interface Schedulable {
  url: string;
  /** Politeness key (see domainKey). */
  domain: string;
  /** scheme://host[:port], for robots.txt. */
  origin: string;
}

export type Dispatch<R> =
  | { kind: 'fetch'; item: R; domain: DomainState }
  /** robots.txt forbids it: fail it without fetching. */
  | { kind: 'disallowed'; item: R }
  /** Its domain's breaker kept re-opening: fail it without fetching. */
  | { kind: 'given-up'; item: R };

export interface SchedulerOptions {
  domains: DomainRegistry;
  perDomainConcurrency: number;
  /** null when robots.txt is ignored. */
  robots: RobotsCache | null;
  /** A domain whose breaker has opened this many times in a row is given up for the run. */
  giveUpAfterOpens: number;
  /** Called when something that blocked dispatching without a known end (robots.txt loading) has ended. */
  wake: () => void;
}

type Gate<R> = { go: Dispatch<R> } | { until: number };
const WAIT_FOR_EVENT: { until: number } = { until: Infinity };

/**
 * The claimed requests held in memory, one FIFO per domain, and the choice of what to fetch next:
 * round-robin over domains, each gated by its concurrency, Retry-After pause, circuit breaker, token
 * bucket and robots.txt. A gated domain never holds up the others.
 */
export class Scheduler<R extends Schedulable> {
  private readonly queues = new Map<string, Fifo<R>>();
  private active: string[] = [];
  private cursor = 0;
  private count = 0;
  private readonly robotsAsked = new Set<string>();
  private readonly opts: SchedulerOptions;
  /** After next() returned null: the earliest time a held request may become dispatchable (Infinity: on an event). */
  wakeAt = Infinity;

  constructor(opts: SchedulerOptions) {
    this.opts = opts;
  }

  /** Requests held (claimed, not yet started). */
  get held(): number {
    return this.count;
  }

  push(item: R): void {
    let q = this.queues.get(item.domain);
    if (!q) {
      q = new Fifo<R>();
      this.queues.set(item.domain, q);
    }
    if (q.length === 0) this.active.push(item.domain);
    q.push(item);
    this.count++;
  }

  /** The next request to act on now, or null (then `wakeAt` says when to look again). */
  next(now: number): Dispatch<R> | null {
    const n = this.active.length;
    let earliest = Infinity;
    for (let i = 0; i < n; i++) {
      const idx = (this.cursor + i) % n;
      const key = this.active[idx] as string;
      const q = this.queues.get(key) as Fifo<R>;
      const gate = this.gate(this.opts.domains.get(key), q.peek() as R, now);
      if ('go' in gate) {
        q.shift();
        this.count--;
        if (q.length === 0) {
          this.active.splice(idx, 1);
          this.cursor = this.active.length ? idx % this.active.length : 0;
        } else {
          this.cursor = (idx + 1) % n;
        }
        if (gate.go.kind === 'fetch') {
          const d = gate.go.domain;
          d.inFlight++;
          d.bucket.tryTake();
        }
        return gate.go;
      }
      if (gate.until < earliest) earliest = gate.until;
    }
    this.wakeAt = earliest;
    return null;
  }

  /** A fetch of `domain` has ended. */
  done(domain: DomainState): void {
    domain.inFlight--;
  }

  /** Takes back every held request (to return them to the store). */
  drain(): R[] {
    const out: R[] = [];
    for (const key of this.active) out.push(...(this.queues.get(key) as Fifo<R>).drain());
    this.active = [];
    this.cursor = 0;
    this.count = 0;
    return out;
  }

  /** Takes back the requests of domains that cannot go for at least `minWaitMs`, each with the time it may go. */
  spill(now: number, minWaitMs: number): Array<{ item: R; notBefore: number }> {
    const out: Array<{ item: R; notBefore: number }> = [];
    const keep: string[] = [];
    for (const key of this.active) {
      const q = this.queues.get(key) as Fifo<R>;
      const gate = this.gate(this.opts.domains.get(key), q.peek() as R, now);
      if ('until' in gate && gate.until !== Infinity && gate.until - now >= minWaitMs) {
        for (const item of q.drain()) out.push({ item, notBefore: gate.until });
      } else {
        keep.push(key);
      }
    }
    this.active = keep;
    this.cursor = 0;
    this.count -= out.length;
    return out;
  }

  private gate(d: DomainState, head: R, now: number): Gate<R> {
    if (d.givenUp || (d.breaker.state === 'open' && d.breaker.opens >= this.opts.giveUpAfterOpens)) {
      d.givenUp = true;
      return { go: { kind: 'given-up', item: head } };
    }
    const robots = this.opts.robots;
    if (robots) {
      if (!robots.isReady(head.origin)) {
        if (!this.robotsAsked.has(head.origin)) {
          this.robotsAsked.add(head.origin);
          void robots.load(head.origin).then(() => {
            const delay = robots.crawlDelayMs(head.origin);
            if (delay !== undefined) d.bucket.setMinInterval(delay);
            this.opts.wake();
          });
        }
        return WAIT_FOR_EVENT;
      }
      if (!robots.isAllowed(head.url, head.origin)) return { go: { kind: 'disallowed', item: head } };
    }
    if (d.inFlight >= this.opts.perDomainConcurrency) return WAIT_FOR_EVENT;
    if (d.pausedUntil > now) return { until: d.pausedUntil };
    const b = d.breaker.gate();
    if (!b.pass) return b.reason === 'open' ? { until: b.until } : WAIT_FOR_EVENT;
    const wait = d.bucket.waitMs();
    if (wait > 0) return { until: now + wait };
    return { go: { kind: 'fetch', item: head, domain: d } };
  }
}
