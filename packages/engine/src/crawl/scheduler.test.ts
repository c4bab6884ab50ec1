import { PolitenessSchema, type Politeness } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { DomainRegistry } from '../politeness/domain.ts';
import { Scheduler, type Schedulable } from './scheduler.ts';

type Item = Schedulable & { n: number };

function setup(p: Partial<Politeness> = {}) {
  let t = 1_000_000;
  const now = (): number => t;
  const politeness = PolitenessSchema.parse({ rateLimit: { requests: 1000, perSeconds: 1, adaptive: true }, perDomainConcurrency: 2, ...p });
  const domains = new DomainRegistry(politeness, now);
  const s = new Scheduler<Item>({ domains, perDomainConcurrency: politeness.perDomainConcurrency, robots: null, giveUpAfterOpens: 2, wake: () => {} });
  let n = 0;
  const push = (domain: string, count = 1): void => {
    for (let i = 0; i < count; i++) s.push({ url: `http://${domain}/${n}`, domain, origin: `http://${domain}`, n: n++ });
  };
  return { s, domains, push, now, advance: (ms: number) => (t += ms) };
}

describe('Scheduler', () => {
  it('takes turns between domains and caps each at its concurrency', () => {
    const { s, push, now } = setup();
    push('a', 4);
    push('b', 4);
    const got: string[] = [];
    for (let d = s.next(now()); d; d = s.next(now())) got.push(d.item.domain);
    expect(got).toEqual(['a', 'b', 'a', 'b']);
    expect(s.held).toBe(4);
    expect(s.wakeAt).toBe(Infinity); // waiting on a fetch to end
  });

  it('frees a slot when a fetch ends', () => {
    const { s, push, now, domains } = setup({ perDomainConcurrency: 1 });
    push('a', 2);
    const first = s.next(now());
    expect(first?.kind).toBe('fetch');
    expect(s.next(now())).toBeNull();
    s.done(domains.get('a'));
    expect(s.next(now())?.item.n).toBe(1);
  });

  it('a rate-limited or paused domain does not hold up the others, and says when it may go', () => {
    const { s, push, now, advance, domains } = setup({ rateLimit: { requests: 1, perSeconds: 10, adaptive: false }, perDomainConcurrency: 10 });
    push('slow', 3);
    push('paused', 2);
    domains.get('paused').pause(now() + 3000);
    push('fast', 1);
    const got = [s.next(now()), s.next(now()), s.next(now())].map((d) => (d ? d.item.domain : null));
    expect(got).toEqual(['slow', 'fast', null]);
    expect(s.wakeAt).toBe(now() + 3000);
    advance(3000);
    expect(s.next(now())?.item.domain).toBe('paused');
    expect(s.next(now())).toBeNull();
    expect(s.wakeAt).toBe(now() + 7000);
  });

  it('spills the requests of domains that cannot go soon, with their due time', () => {
    const { s, push, now, domains } = setup();
    push('a', 2);
    push('b', 1);
    domains.get('a').pause(now() + 60_000);
    const spilled = s.spill(now(), 1000);
    expect(spilled.map((x) => [x.item.domain, x.notBefore])).toEqual([
      ['a', now() + 60_000],
      ['a', now() + 60_000],
    ]);
    expect(s.held).toBe(1);
    expect(s.next(now())?.item.domain).toBe('b');
  });

  it('gives a domain up once its breaker has opened too often', async () => {
    const { s, push, now, domains } = setup({ circuitBreaker: { windowSize: 1, failureThreshold: 1, cooldownMs: 0 } });
    const d = domains.get('dead');
    await d.breaker.run(async () => ({ breakerFailure: true }));
    await d.breaker.run(async () => ({ breakerFailure: true }));
    push('dead', 2);
    expect(s.next(now())?.kind).toBe('given-up');
    expect(s.next(now())?.kind).toBe('given-up');
    expect(s.held).toBe(0);
  });

  it('drains everything it holds', () => {
    const { s, push } = setup();
    push('a', 2);
    push('b', 1);
    expect(s.drain().map((x) => x.n).sort()).toEqual([0, 1, 2]);
    expect(s.held).toBe(0);
  });
});
