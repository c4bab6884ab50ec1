import type { ProxyTier } from './tiers.ts';

export interface ProxyLeaseInit {
  id: string;
  proxyId: string;
  url: string;
  endpoint: string;
  tier: ProxyTier;
  provider: string;
  country: string | undefined;
  sessionId: string | undefined;
}

/**
 * One use of a proxy, handed out by ProxyPool.select(). Report it back with its `id`.
 * `url` carries credentials: it is a getter, so it is left out of JSON.stringify, util.inspect and spreads;
 * log `endpoint` (scheme://host:port) or the lease itself.
 */
export class ProxyLease {
  /** Unique per lease: pass it to reportSuccess / reportFailure. */
  readonly id: string;
  /** The pool member (a proxy or a provider template) this lease uses. */
  readonly proxyId: string;
  readonly endpoint: string;
  readonly tier: ProxyTier;
  readonly provider: string;
  readonly country: string | undefined;
  readonly sessionId: string | undefined;
  readonly #url: string;

  constructor(init: ProxyLeaseInit) {
    this.id = init.id;
    this.proxyId = init.proxyId;
    this.endpoint = init.endpoint;
    this.tier = init.tier;
    this.provider = init.provider;
    this.country = init.country;
    this.sessionId = init.sessionId;
    this.#url = init.url;
  }

  /** The proxy URL with its credentials, for the fetcher only. */
  get url(): string {
    return this.#url;
  }

  toJSON(): Omit<ProxyLeaseInit, 'url'> {
    return { id: this.id, proxyId: this.proxyId, endpoint: this.endpoint, tier: this.tier, provider: this.provider, country: this.country, sessionId: this.sessionId };
  }
}
