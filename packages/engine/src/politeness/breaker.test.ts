import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainBreaker } from './breaker.ts';

const ok = async (): Promise<{ breakerFailure: boolean }> => ({ breakerFailure: false });
const bad = async (): Promise<{ breakerFailure: boolean }> => ({ breakerFailure: true });

describe('DomainBreaker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('opens at failureThreshold failures within the last windowSize outcomes', async () => {
    const b = new DomainBreaker({ windowSize: 4, failureThreshold: 3, cooldownMs: 1000 });
    // Three failures in all, but never three among the last four outcomes.
    for (const f of [bad, ok, bad, ok, ok, bad]) await b.run(f);
    expect(b.state).toBe('closed');
    await b.run(bad); // last four: ok ok bad bad
    expect(b.state).toBe('closed');
    await b.run(bad); // last four: ok bad bad bad
    expect(b.state).toBe('open');
    expect(b.gate()).toEqual({ pass: false, reason: 'open', until: 1_001_000 });
    expect(await b.run(ok)).toBe('open');
  });

  it('lets one probe through after the cooldown, closes on its success', async () => {
    const b = new DomainBreaker({ windowSize: 2, failureThreshold: 2, cooldownMs: 1000 });
    await b.run(bad);
    await b.run(bad);
    expect(b.opens).toBe(1);
    vi.setSystemTime(1_001_000);
    expect(b.gate()).toEqual({ pass: true });
    let release!: () => void;
    const probe = b.run(() => new Promise<{ breakerFailure: boolean }>((r) => (release = () => r({ breakerFailure: false }))));
    expect(b.state).toBe('half-open');
    expect(b.gate()).toEqual({ pass: false, reason: 'probing' });
    release();
    await probe;
    expect(b.state).toBe('closed');
    expect(b.opens).toBe(0);
    // The window starts afresh: one failure does not re-open it.
    await b.run(bad);
    expect(b.state).toBe('closed');
  });

  it('re-opens when the probe fails, and counts consecutive openings', async () => {
    const b = new DomainBreaker({ windowSize: 1, failureThreshold: 1, cooldownMs: 500 });
    await b.run(bad);
    vi.setSystemTime(1_000_500);
    await b.run(bad);
    expect(b.state).toBe('open');
    expect(b.opens).toBe(2);
    expect(b.gate()).toEqual({ pass: false, reason: 'open', until: 1_001_000 });
  });

  it('rejects a threshold above the window', () => {
    expect(() => new DomainBreaker({ windowSize: 2, failureThreshold: 3, cooldownMs: 1 })).toThrow(/cannot exceed windowSize/);
  });
});
