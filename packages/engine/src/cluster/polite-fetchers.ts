import type { Politeness } from '@scrapifie/recipe';
import type { Fetcher, FetchRequest, FetchResponse } from '../ports/fetcher.ts';
import type { SharedPoliteness } from '../ports/shared-politeness.ts';
import type { Fetchers } from '../tiers/ladder.ts';
import { domainKey } from '../crawl/url.ts';

/** A fetcher that waits for the cluster-wide rate limit and breaker of the URL's domain before each fetch and reports the outcome. */
class PoliteFetcher implements Fetcher {
  readonly tier: Fetcher['tier'];
  readonly perRequestProxy: boolean | undefined;
  private readonly inner: Fetcher;
  private readonly shared: SharedPoliteness;
  private readonly politeness: Politeness;
  /** Called with the time (ms) a fetch waited for the shared limits. */
  private readonly waited: ((ms: number) => void) | undefined;

  constructor(inner: Fetcher, shared: SharedPoliteness, politeness: Politeness, waited?: (ms: number) => void) {
    this.inner = inner;
    this.tier = inner.tier;
    this.perRequestProxy = inner.perRequestProxy;
    this.shared = shared;
    this.politeness = politeness;
    this.waited = waited;
  }

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const domain = domainKey(req.url);
    const t0 = Date.now();
    await this.shared.acquire(domain, this.politeness, req.signal);
    this.waited?.(Date.now() - t0);
    let res: FetchResponse;
    try {
      res = await this.inner.fetch(req);
    } catch (e) {
      await this.shared.record(domain, this.politeness, false);
      throw e;
    }
    await this.shared.record(domain, this.politeness, res.status !== 429 && res.status < 500);
    return res;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Wraps every tier's fetcher with the shared (cluster-wide) politeness of the recipe. Closing a wrapper closes nothing shared. */
export function politeFetchers(fetchers: Fetchers, shared: SharedPoliteness, politeness: Politeness, waited?: (ms: number) => void): Fetchers {
  const wrap = (f: Fetcher | undefined): Fetcher | undefined => (f ? new PoliteFetcher(f, shared, politeness, waited) : undefined);
  return { http: wrap(fetchers.http) as Fetcher, browser: wrap(fetchers.browser), stealth: wrap(fetchers.stealth) };
}
