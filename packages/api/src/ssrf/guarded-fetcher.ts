import type { Fetcher, FetchRequest, FetchResponse } from '@scrapifie/engine';
import { ScrapifieError } from '@scrapifie/recipe';
import type { TargetGuard } from './guard.ts';
import { REFUSAL_HEADER, type GuardProxy } from './proxy.ts';

/**
 * Wraps a fetch tier that sends its traffic through the guard proxy: every URL is checked before the fetch (a clear,
 * non-retryable INVALID_URL), and a refusal the proxy made on the way (a redirect to an internal host, a DNS answer
 * that changed) is reported as that refusal instead of a connection error or a 403 page.
 */
export class GuardedFetcher implements Fetcher {
  readonly #inner: Fetcher;
  readonly #guard: TargetGuard;
  readonly #proxy: GuardProxy;

  constructor(inner: Fetcher, guard: TargetGuard, proxy: GuardProxy) {
    this.#inner = inner;
    this.#guard = guard;
    this.#proxy = proxy;
  }

  get tier(): Fetcher['tier'] {
    return this.#inner.tier;
  }

  /** Never: a request's own proxy would connect past the guard (chaining the guard to upstream proxies is to come). */
  readonly perRequestProxy = false;

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const started = Date.now();
    await this.#guard.checkUrl(req.url);
    const host = new URL(req.url).hostname;
    let res: FetchResponse;
    try {
      const { proxyUrl: _ignored, ...direct } = req;
      res = await this.#inner.fetch(direct);
    } catch (e) {
      const refusal = e instanceof ScrapifieError && e.code === 'CONNECTION_ERROR' ? this.#guard.refusalSince(started, host) : undefined;
      throw refusal ? refusal.error : e;
    }
    if (res.status === 403 && res.headers[REFUSAL_HEADER] === this.#proxy.token) {
      throw this.#guard.refusalSince(started, new URL(res.url).hostname)?.error ?? new ScrapifieError('INVALID_URL', `refused by the SSRF guard: ${res.url}`);
    }
    return res;
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

export function guardFetcher(inner: Fetcher, guard: TargetGuard, proxy: GuardProxy): Fetcher {
  return new GuardedFetcher(inner, guard, proxy);
}
