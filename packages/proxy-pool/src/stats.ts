import type { ProxyMember, ProxyState } from './member.ts';
import { PROXY_TIERS, type ProxyTier } from './tiers.ts';

export interface ProxyStats {
  id: string;
  kind: 'static' | 'template';
  provider: string;
  tier: ProxyTier;
  /** scheme://host:port only. */
  endpoint: string;
  state: ProxyState;
  /** Consecutive failures since the last success. */
  failures: number;
  totalFailures: number;
  successes: number;
  inFlight: number;
  /** Mean duration of successful uses, when any. */
  avgMs?: number;
  cooldownUntil?: number;
  /** Domains this proxy is resting from (it was blocked there). */
  coolingDomains: string[];
  removedReason?: string;
  lastHealthCheck?: { at: number; ok: boolean };
}

export interface ProxyPoolStats {
  total: number;
  available: number;
  cooling: number;
  removed: number;
  inFlight: number;
  sessions: number;
  byTier: Record<ProxyTier, { total: number; available: number }>;
  proxies: ProxyStats[];
}

export function proxyPoolStats(members: readonly ProxyMember[], now: number, sessions: number): ProxyPoolStats {
  const byTier = Object.fromEntries(PROXY_TIERS.map((t) => [t, { total: 0, available: 0 }])) as ProxyPoolStats['byTier'];
  const counts = { available: 0, cooling: 0, removed: 0 };
  let inFlight = 0;
  const proxies = members.map((m): ProxyStats => {
    const state = m.state(now);
    counts[state]++;
    byTier[m.tier].total++;
    if (state === 'available') byTier[m.tier].available++;
    inFlight += m.inFlight;
    return {
      id: m.id, kind: m.kind, provider: m.provider, tier: m.tier, endpoint: m.endpoint, state,
      failures: m.failures, totalFailures: m.totalFailures, successes: m.successes, inFlight: m.inFlight,
      ...(m.successes > 0 ? { avgMs: Math.round(m.totalMs / m.successes) } : {}),
      ...(state === 'cooling' ? { cooldownUntil: m.cooldownUntil } : {}),
      coolingDomains: m.coolingDomains(now),
      ...(m.removed ? { removedReason: m.removed.reason } : {}),
      ...(m.lastHealthCheck ? { lastHealthCheck: { ...m.lastHealthCheck } } : {}),
    };
  });
  return { total: members.length, ...counts, inFlight, sessions, byTier, proxies };
}
