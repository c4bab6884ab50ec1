import { PROXY_TIER_NAMES, type FetchTier, type ProxyTierName } from '@scrapifie/recipe';
import type { RunCost, TierCost } from '../ports/store.ts';
import { FETCH_TIERS, type Rung } from './ladder.ts';

function zero(): TierCost {
  return { fetches: 0, pages: 0, bytes: 0, ms: 0 };
}

function copy<K extends string>(keys: readonly K[], from: Partial<Record<K, TierCost>> | undefined): Record<K, TierCost> {
  const out = {} as Record<K, TierCost>;
  for (const k of keys) out[k] = { ...zero(), ...from?.[k] };
  return out;
}

/** What each fetch tier and proxy tier cost the run so far (a resumed run continues its predecessor's figures). */
export class CostMeter {
  private readonly byTier: Record<FetchTier, TierCost>;
  private readonly byProxyTier: Record<ProxyTierName, TierCost>;

  constructor(previous?: RunCost) {
    this.byTier = copy(FETCH_TIERS, previous?.byTier);
    this.byProxyTier = copy(PROXY_TIER_NAMES, previous?.byProxyTier);
  }

  /** A fetch at `rung` ended (with a response of `bytes`, or a failure with 0). */
  fetched(rung: Rung, bytes: number, ms: number): void {
    for (const c of [this.byTier[rung.fetchTier], this.byProxyTier[rung.proxyTier]]) {
      c.fetches++;
      c.bytes += bytes;
      c.ms += ms;
    }
  }

  /** A page fetched at `rung` was accepted. */
  page(rung: Rung): void {
    this.byTier[rung.fetchTier].pages++;
    this.byProxyTier[rung.proxyTier].pages++;
  }

  snapshot(): RunCost {
    const round = (c: TierCost): TierCost => ({ ...c, ms: Math.round(c.ms) });
    return {
      byTier: Object.fromEntries(FETCH_TIERS.map((t) => [t, round(this.byTier[t])])) as Record<FetchTier, TierCost>,
      byProxyTier: Object.fromEntries(PROXY_TIER_NAMES.map((t) => [t, round(this.byProxyTier[t])])) as Record<ProxyTierName, TierCost>,
    };
  }
}
