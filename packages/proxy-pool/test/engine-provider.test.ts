import type { ProxyProvider } from '@scrapifie/engine';
import { describe, expect, it } from 'vitest';
import { ProxyPool, proxyProviderFrom } from '../src/index.ts';

function pool(now: { t: number }): ProxyPool {
  return new ProxyPool({
    proxies: [
      { id: 'dc1', url: 'http://user:pw@10.0.0.1:8000', tier: 'datacenter', provider: 'a' },
      { id: 'dc2', url: 'http://10.0.0.2:8000', tier: 'datacenter', provider: 'b' },
    ],
    templates: [{ id: 'resi', provider: 'r', tier: 'residential', username: 'bob', password: 'pw', template: 'http://user-{username}[-country-{country}][-session-{session}]:{password}@gw.example:7000' }],
    cooldownMs: 1000,
  }, { now: () => now.t });
}

describe('proxyProviderFrom: the engine ProxyProvider port over a ProxyPool', () => {
  it('selects exactly the asked tier, with country and sticky session, and the URL with its credentials', () => {
    const provider: ProxyProvider = proxyProviderFrom(pool({ t: 0 }));
    expect(provider.select({ tier: 'mobile', domain: 'shop.test' })).toBeUndefined();
    const dc = provider.select({ tier: 'datacenter', domain: 'shop.test' });
    expect(dc?.url).toBe('http://user:pw@10.0.0.1:8000');
    const a = provider.select({ tier: 'residential', domain: 'shop.test', country: 'de', sessionId: 's1' });
    const b = provider.select({ tier: 'residential', domain: 'shop.test', country: 'de', sessionId: 's1' });
    expect(a?.url).toMatch(/^http:\/\/user-bob-country-de-session-[0-9a-f]{12}:pw@gw\.example:7000$/);
    expect(b?.url).toBe(a?.url);
    expect(a?.id).not.toBe(b?.id);
  });

  it('feeds reports back into the pool: a blocked exit rests for that domain, a dead one for every domain', () => {
    const now = { t: 0 };
    const p = pool(now);
    const provider = proxyProviderFrom(p);
    const first = provider.select({ tier: 'datacenter', domain: 'shop.test' });
    provider.reportFailure(first?.id ?? '', { domain: 'shop.test', kind: 'blocked' });
    const second = provider.select({ tier: 'datacenter', domain: 'shop.test' });
    expect(second?.url).toBe('http://10.0.0.2:8000');
    provider.reportFailure(second?.id ?? '', { domain: 'shop.test', kind: 'connect' });
    expect(provider.select({ tier: 'datacenter', domain: 'shop.test' })).toBeUndefined();
    // dc1 still serves another domain; dc2 rests everywhere.
    expect(provider.select({ tier: 'datacenter', domain: 'other.test' })?.url).toBe('http://user:pw@10.0.0.1:8000');
    now.t += 1001;
    const back = provider.select({ tier: 'datacenter', domain: 'shop.test' });
    expect(back).toBeDefined();
    provider.reportSuccess(back?.id ?? '', { domain: 'shop.test', ms: 12 });
    expect(p.stats().proxies.find((x) => x.id === (back?.url.includes('10.0.0.1') ? 'dc1' : 'dc2'))?.successes).toBe(1);
  });
});
