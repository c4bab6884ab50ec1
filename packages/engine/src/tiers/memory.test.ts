import { describe, expect, it } from 'vitest';
import { InMemoryTierMemory } from './memory.ts';

const HALF = 60_000;
const TIERS = ['http', 'browser', 'stealth'] as const;

function memoryAt(start = 1_000_000): { memory: InMemoryTierMemory; clock: { t: number } } {
  const clock = { t: start };
  return { memory: new InMemoryTierMemory({ now: () => clock.t, halfLifeMs: HALF }), clock };
}

describe('InMemoryTierMemory', () => {
  it('starts at the cheapest tier when it knows nothing', () => {
    const { memory } = memoryAt();
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('http');
    expect(memory.score('shop.test', 'fetch', 'http')).toBe(1);
  });

  it('does not skip a tier for one failure, but does for two', () => {
    const { memory } = memoryAt();
    memory.record('shop.test', 'fetch', 'http', false);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('http');
    memory.record('shop.test', 'fetch', 'http', false);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('browser');
  });

  it('skips a tier that keeps failing for a domain, and only for that domain', () => {
    const { memory } = memoryAt();
    for (let i = 0; i < 3; i++) memory.record('shop.test', 'fetch', 'http', false);
    memory.record('shop.test', 'fetch', 'browser', true);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('browser');
    expect(memory.choose('other.test', 'fetch', TIERS)).toBe('http');
    // Proxy tiers are remembered apart from fetch tiers.
    expect(memory.choose('shop.test', 'proxy', ['none', 'datacenter'])).toBe('none');
  });

  it('keeps a tier that mostly works', () => {
    const { memory } = memoryAt();
    for (let i = 0; i < 8; i++) memory.record('shop.test', 'fetch', 'http', i % 4 !== 0); // 6 of 8 succeed
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('http');
  });

  it('decays: a tier blocked 5 times is skipped for two half-lives, then tried again', () => {
    const { memory, clock } = memoryAt();
    for (let i = 0; i < 5; i++) memory.record('shop.test', 'fetch', 'http', false);
    memory.record('shop.test', 'fetch', 'browser', true);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('browser');
    clock.t += 2 * HALF; // weight 5/4: score 1/2.25
    expect(memory.score('shop.test', 'fetch', 'http')).toBeCloseTo(1 / 2.25, 5);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('browser');
    clock.t += HALF; // weight 5/8: score 1/1.625
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('http');
    // Blocked again: back to the browser at once.
    memory.record('shop.test', 'fetch', 'http', false);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('browser');
  });

  it('takes the best-scoring tier when none scores well, the cheapest on a tie', () => {
    const { memory } = memoryAt();
    for (const t of TIERS) for (let i = 0; i < 4; i++) memory.record('shop.test', 'fetch', t, false);
    memory.record('shop.test', 'fetch', 'stealth', true);
    expect(memory.choose('shop.test', 'fetch', TIERS)).toBe('stealth');
    const { memory: tied } = memoryAt();
    for (const t of TIERS) tied.record('shop.test', 'fetch', t, false);
    expect(tied.choose('shop.test', 'fetch', TIERS)).toBe('http');
  });

  it('keeps only the latest `window` outcomes', () => {
    const memory = new InMemoryTierMemory({ window: 3 });
    for (let i = 0; i < 10; i++) memory.record('d', 'fetch', 'http', false);
    for (let i = 0; i < 3; i++) memory.record('d', 'fetch', 'http', true);
    expect(memory.snapshot()[0]?.samples).toHaveLength(3);
    expect(memory.score('d', 'fetch', 'http')).toBe(1);
  });

  it('hands changed entries over once, and loads them back into another memory', () => {
    const { memory, clock } = memoryAt();
    memory.record('shop.test', 'fetch', 'http', false);
    memory.record('shop.test', 'fetch', 'http', false);
    memory.record('shop.test', 'proxy', 'datacenter', true);
    const changed = memory.takeChanged();
    expect(changed).toEqual([
      { domain: 'shop.test', dimension: 'fetch', tier: 'http', samples: [{ at: clock.t, ok: false }, { at: clock.t, ok: false }] },
      { domain: 'shop.test', dimension: 'proxy', tier: 'datacenter', samples: [{ at: clock.t, ok: true }] },
    ]);
    expect(memory.takeChanged()).toEqual([]);
    const next = new InMemoryTierMemory({ now: () => clock.t, halfLifeMs: HALF });
    next.load(changed);
    expect(next.score('shop.test', 'fetch', 'http')).toBeCloseTo(1 / 3, 10);
    expect(next.choose('shop.test', 'fetch', TIERS)).toBe('browser');
  });

  it('rejects options that make no sense', () => {
    expect(() => new InMemoryTierMemory({ halfLifeMs: 0 })).toThrow(/halfLifeMs/);
    expect(() => new InMemoryTierMemory({ window: 0 })).toThrow(/window/);
    expect(() => new InMemoryTierMemory({ minScore: 1 })).toThrow(/minScore/);
  });
});
