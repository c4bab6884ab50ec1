import type { Fetcher, FetchRequest, FetchResponse } from '@scrapifie/engine';
import { RetryableError } from '@scrapifie/recipe';

/**
 * A small real HTTP fetcher over the platform's fetch (undici), for tests of the engine with the
 * SQLite store. (The product's HTTP tier is @scrapifie/fetch-http, which adapters may not import.)
 */
export class WebFetcher implements Fetcher {
  readonly tier = 'http' as const;

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(req.timeoutMs);
    try {
      const res = await fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, redirect: 'follow', signal: timeout });
      const body = new Uint8Array(await res.arrayBuffer());
      return { url: res.url, status: res.status, headers: Object.fromEntries(res.headers), body, tier: 'http', ms: Math.round(performance.now() - started) };
    } catch (e) {
      if (timeout.aborted) throw new RetryableError('TIMEOUT', `No answer from ${req.url} within ${req.timeoutMs} ms`, { cause: e });
      throw new RetryableError('CONNECTION_ERROR', `Could not fetch ${req.url}: ${(e as Error).message}`, { cause: e });
    }
  }

  async close(): Promise<void> {}
}
