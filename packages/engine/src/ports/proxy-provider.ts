import type { ProxyTierName } from '@scrapifie/recipe';

/** The proxy tiers a provider serves (every tier but "none"). */
export type ProxyTier = Exclude<ProxyTierName, 'none'>;

export interface ProxySelection {
  tier: ProxyTier;
  /** The target's host: proxies resting for it are skipped. */
  domain: string;
  /** Two-letter country code. */
  country?: string | undefined;
  /** A sticky session: the same exit while it stays healthy. */
  sessionId?: string | undefined;
}

/** One use of a proxy: report it back once, with its id. `url` may carry credentials: never log it. */
export interface ProxyUse {
  id: string;
  url: string;
}

/** Why a proxied fetch failed, as far as the proxy is concerned. */
export type ProxyFailure = 'connect' | 'timeout' | 'auth' | 'blocked';

/**
 * The port the engine takes proxies from (an adapter over @scrapifie/proxy-pool is one). Every use handed out by
 * select() is reported back exactly once: reportSuccess when the proxy did its job (any answer of the site, even an
 * error status), reportFailure when it did not (refused connection, timeout, 407) or when the site blocked its exit.
 */
export interface ProxyProvider {
  /** A proxy of exactly this tier, or undefined when none is usable now (all resting, removed, or none configured). */
  select(selection: ProxySelection): ProxyUse | undefined;
  reportSuccess(id: string, outcome: { domain: string; ms: number }): void;
  reportFailure(id: string, outcome: { domain: string; kind: ProxyFailure }): void;
}
