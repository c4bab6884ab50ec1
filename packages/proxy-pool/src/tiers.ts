/** Proxy tiers, cheapest first: the order in which a blocked crawl escalates. */
export const PROXY_TIERS = ['datacenter', 'residential', 'mobile'] as const;
export type ProxyTier = (typeof PROXY_TIERS)[number];

/** The tier after `tier` in the escalation order datacenter → residential → mobile; undefined after mobile. */
export function nextProxyTier(tier: ProxyTier): ProxyTier | undefined {
  const i = PROXY_TIERS.indexOf(tier);
  return i === -1 ? undefined : PROXY_TIERS[i + 1];
}

export function isProxyTier(value: unknown): value is ProxyTier {
  return typeof value === 'string' && (PROXY_TIERS as readonly string[]).includes(value);
}
