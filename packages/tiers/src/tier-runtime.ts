import { detectBlock } from '@scrapifie/antibot';
import type { BlockDetector, Fetcher, Logger } from '@scrapifie/engine';
import { BrowserPool, createBrowserFetcher, createStealthFetcher, type CredentialResolver } from '@scrapifie/fetch-browser';
import { HttpFetcher } from '@scrapifie/fetch-http';

export interface TierRuntime {
  fetchers: { http: Fetcher; browser: Fetcher; stealth: Fetcher };
  blockDetector: BlockDetector;
  close(): Promise<void>;
}

/**
 * Every fetch tier for a run on this machine (the CLI, `serve`, the desktop's crawl workers): impit for HTTP, and one
 * lazily launched Chromium pool shared by the browser and stealth tiers (no browser starts unless a page needs one). `http` replaces the plain HTTP fetcher (server mode
 * passes its SSRF-guarded one).
 */
export interface TierRuntimeOptions {
  logger: Logger;
  chromiumPath?: string | undefined;
  http?: Fetcher;
  /** Extra Chromium flags (server mode: route every page through the SSRF guard proxy). */
  browserArgs?: string[] | undefined;
  /** Resolves the credentials that login and type steps name. */
  credentials?: CredentialResolver | undefined;
}

export function createTierRuntime(o: TierRuntimeOptions): TierRuntime {
  const http = o.http ?? new HttpFetcher();
  const pool = new BrowserPool(
    { ...(o.chromiumPath ? { executablePath: o.chromiumPath } : {}), ...(o.browserArgs?.length ? { extraArgs: o.browserArgs } : {}), maxBrowsers: 2, maxPagesPerBrowser: 3 },
    o.logger,
  );
  const browser = createBrowserFetcher({ pool, logger: o.logger, ...(o.credentials ? { credentials: o.credentials } : {}) });
  const stealth = createStealthFetcher({ pool, logger: o.logger, ...(o.credentials ? { credentials: o.credentials } : {}) });
  return {
    fetchers: { http, browser, stealth },
    blockDetector: detectBlock,
    async close() {
      await Promise.allSettled([http.close(), browser.close(), stealth.close()]);
      await pool.close();
    },
  };
}
