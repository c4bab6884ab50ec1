import { ScrapifieError, type FetchTier, type ProxyTierName, type Recipe } from '@scrapifie/recipe';
import type { Fetcher } from '../ports/fetcher.ts';
import type { ProxyProvider } from '../ports/proxy-provider.ts';

/** Fetch tiers, cheapest first. */
export const FETCH_TIERS: readonly FetchTier[] = ['http', 'browser', 'stealth'];

/** Tiers that run the page's JavaScript. */
export function renders(tier: FetchTier): boolean {
  return tier !== 'http';
}

/** The fetchers a runtime offers; a missing tier is one escalation cannot reach. */
export interface Fetchers {
  http: Fetcher;
  browser?: Fetcher | undefined;
  stealth?: Fetcher | undefined;
}

/** Where a fetch happens: a fetch tier through a proxy tier. */
export interface Rung {
  fetchTier: FetchTier;
  proxyTier: ProxyTierName;
}

/** The fetch tiers a fetch mode allows: "auto" all of them, "http" only HTTP, any other mode its tier and the ones above. */
export function allowedFetchTiers(mode: string): FetchTier[] {
  if (mode === 'auto') return [...FETCH_TIERS];
  if (mode === 'http') return ['http'];
  const i = FETCH_TIERS.indexOf(mode as FetchTier);
  if (i === -1) throw new ScrapifieError('INVALID_RECIPE', `unknown fetch mode "${mode}"`);
  return FETCH_TIERS.slice(i);
}

/**
 * The tiers a run may climb (the recipe's fetch mode and fetch.proxy.tiers) and what the runtime has of them
 * (fetchers, a proxy provider).
 */
export class Ladder {
  readonly fetchTiers: readonly FetchTier[];
  readonly proxyTiers: readonly ProxyTierName[];
  private readonly fetchers: Fetchers;
  private readonly proxies: ProxyProvider | undefined;

  constructor(recipe: Recipe, fetchers: Fetchers, proxies: ProxyProvider | undefined) {
    this.fetchTiers = allowedFetchTiers(recipe.fetch.mode);
    this.proxyTiers = recipe.fetch.proxy?.tiers ?? ['none'];
    this.fetchers = fetchers;
    this.proxies = proxies;
  }

  /** More than one rung: escalation (and so block detection) is on. */
  get climbs(): boolean {
    return this.fetchTiers.length > 1 || this.proxyTiers.length > 1;
  }

  fetcher(tier: FetchTier): Fetcher | undefined {
    return this.fetchers[tier];
  }

  /** The runtime can fetch at this fetch tier through this proxy tier. */
  canUse(rung: Rung): boolean {
    const f = this.fetchers[rung.fetchTier];
    if (!f) return false;
    if (rung.proxyTier === 'none') return true;
    return this.proxies !== undefined && f.perRequestProxy === true;
  }

  /** The next allowed fetch tier above `tier` (present or not), optionally only one that renders. */
  nextFetch(tier: FetchTier, opts: { rendering?: boolean } = {}): FetchTier | undefined {
    const rest = this.fetchTiers.slice(this.fetchTiers.indexOf(tier) + 1);
    return opts.rendering ? rest.find(renders) : rest[0];
  }

  nextProxy(tier: ProxyTierName): ProxyTierName | undefined {
    return this.proxyTiers[this.proxyTiers.indexOf(tier) + 1];
  }

  /** Why the runtime cannot fetch at `rung`, for the error that stops escalation there. */
  missing(rung: Rung): string {
    const f = this.fetchers[rung.fetchTier];
    if (!f) return `the ${rung.fetchTier} tier, which this runtime does not have`;
    if (rung.proxyTier !== 'none' && !this.proxies) return `${rung.proxyTier} proxies, and this runtime has no proxy pool`;
    return `the ${rung.fetchTier} tier through ${rung.proxyTier} proxies, and this runtime's ${rung.fetchTier} fetcher cannot use per-request proxies`;
  }
}

/** Throws TIER_UNAVAILABLE unless the runtime can fetch at the ladder's first rung (checked once, before a run starts). */
export function assertStartReachable(ladder: Ladder): void {
  const first: Rung = { fetchTier: ladder.fetchTiers[0] ?? 'http', proxyTier: ladder.proxyTiers[0] ?? 'none' };
  if (!ladder.canUse(first)) {
    throw new ScrapifieError('TIER_UNAVAILABLE', `The recipe starts on the ${first.fetchTier} tier with proxy tier "${first.proxyTier}", which needs ${ladder.missing(first)}`);
  }
}
