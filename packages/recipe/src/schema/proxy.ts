import { z } from 'zod';

/** Proxy tiers, cheapest first: "none" (a direct connection), then the proxy pool's datacenter, residential and mobile tiers. */
export const PROXY_TIER_NAMES = ['none', 'datacenter', 'residential', 'mobile'] as const;
export type ProxyTierName = (typeof PROXY_TIER_NAMES)[number];

/**
 * fetch.proxy: the proxy tiers the run may use, in the order escalation climbs them. A block that a stronger fetch
 * tier cannot get past (or an IP block: rate limits, "you have been blocked") moves the request to the next proxy tier.
 * The proxies themselves come from the runtime's proxy pool configuration, never from the recipe.
 */
export const FetchProxySchema = z
  .strictObject({
    tiers: z.array(z.enum(PROXY_TIER_NAMES)).min(1).default(['none']),
    /** Two-letter country code the proxies should exit in. */
    country: z.string().regex(/^[A-Za-z]{2}$/, 'a country is a two-letter code such as "us"').optional(),
    /** Keep one exit (proxy and provider session) per domain for the run, instead of rotating per request. */
    sticky: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const order = p.tiers.map((t) => PROXY_TIER_NAMES.indexOf(t));
    for (let i = 1; i < order.length; i++) {
      if ((order[i] as number) <= (order[i - 1] as number)) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i], message: `tiers must be distinct and cheapest first (${PROXY_TIER_NAMES.join(' < ')})` });
        return;
      }
    }
  });
export type FetchProxy = z.infer<typeof FetchProxySchema>;
