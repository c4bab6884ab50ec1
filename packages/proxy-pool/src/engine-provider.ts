import type { ProxyProvider, ProxySelection, ProxyUse } from '@scrapifie/engine';
import type { ProxyPool } from './pool.ts';

/**
 * The engine's ProxyProvider port over a ProxyPool: select() leases a proxy of exactly the asked tier (and country,
 * sticky session, skipping proxies resting for the domain); reports go back to the pool's health accounting.
 * The use's `url` carries credentials: the engine hands it to the fetcher only.
 */
export function proxyProviderFrom(pool: ProxyPool): ProxyProvider {
  return {
    select(s: ProxySelection): ProxyUse | undefined {
      const lease = pool.select({
        tier: s.tier,
        domain: s.domain,
        ...(s.country !== undefined ? { country: s.country } : {}),
        ...(s.sessionId !== undefined ? { sessionId: s.sessionId } : {}),
      });
      return lease ? { id: lease.id, url: lease.url } : undefined;
    },
    reportSuccess: (id, outcome) => pool.reportSuccess(id, outcome),
    reportFailure: (id, outcome) => pool.reportFailure(id, outcome),
  };
}
