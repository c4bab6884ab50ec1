import { detectBlock } from '@scrapifie/antibot';
import type { BlockDetector, Fetcher, Logger } from '@scrapifie/engine';
import { BrowserPool, createBrowserFetcher, createStealthFetcher } from '@scrapifie/fetch-browser';
import { HttpFetcher } from '@scrapifie/fetch-http';

export interface TierRuntime {
  fetchers: { http: Fetcher; browser: Fetcher; stealth: Fetcher };
  blockDetector: BlockDetector;
  close(): Promise<void>;
}

/**
 * Every fetch tier for a local run: impit for HTTP, and one lazily launched Chromium pool shared by the browser and
 * stealth tiers (no browser starts unless a page needs one). `http` replaces the plain HTTP fetcher (server mode
 * passes its SSRF-guarded one).
 */
export function createTierRuntime(o: { logger: Logger; chromiumPath?: string | undefined; http?: Fetcher }): TierRuntime {
  const http = o.http ?? new HttpFetcher();
  const pool = new BrowserPool({ ...(o.chromiumPath ? { executablePath: o.chromiumPath } : {}), maxBrowsers: 2, maxPagesPerBrowser: 3 }, o.logger);
  const browser = createBrowserFetcher({ pool, logger: o.logger });
  const stealth = createStealthFetcher({ pool, logger: o.logger });
  return {
    fetchers: { http, browser, stealth },
    blockDetector: detectBlock,
    async close() {
      await Promise.allSettled([http.close(), browser.close(), stealth.close()]);
      await pool.close();
    },
  };
}
