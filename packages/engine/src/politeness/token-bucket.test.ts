import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst of `requests`, then one request per interval', () => {
    const c = clock();
    const b = new TokenBucket({ requests: 2, perSeconds: 10, adaptive: false }, c.now);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(5000);
    c.advance(4999);
    expect(b.waitMs()).toBe(1);
    c.advance(1);
    expect(b.tryTake()).toBe(0);
    expect(b.ratePerSecond).toBeCloseTo(0.2);
  });

  it('halves its rate on push-back and wins it back on success when adaptive', () => {
    const c = clock();
    const b = new TokenBucket({ requests: 10, perSeconds: 1, adaptive: true }, c.now);
    b.slowDown();
    b.slowDown();
    expect(b.ratePerSecond).toBeCloseTo(2.5);
    expect(b.tryTake()).toBeGreaterThan(0);
    for (let i = 0; i < 100; i++) b.recover();
    expect(b.ratePerSecond).toBeCloseTo(10);
  });

  it('ignores push-back when not adaptive', () => {
    const b = new TokenBucket({ requests: 10, perSeconds: 1, adaptive: false }, clock().now);
    b.slowDown();
    expect(b.ratePerSecond).toBeCloseTo(10);
  });

  it('honours a Crawl-delay as a rate ceiling without bursts', () => {
    const c = clock();
    const b = new TokenBucket({ requests: 100, perSeconds: 1, adaptive: true }, c.now);
    b.setMinInterval(2000);
    expect(b.tryTake()).toBe(0);
    expect(b.tryTake()).toBe(2000);
    c.advance(2000);
    expect(b.tryTake()).toBe(0);
  });
});
