import type { BrowserOptions, FetchTier } from '@scrapifie/recipe';

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  timeoutMs: number;
  maxRedirects: number;
  maxBodyBytes: number;
  impersonate: 'chrome' | 'firefox';
  signal?: AbortSignal;
  /**
   * Fetch through this proxy (http, https or socks5 URL; it may carry credentials: never log it). Only fetchers
   * whose `perRequestProxy` is true are given one.
   */
  proxyUrl?: string | undefined;
  /** The session this fetch belongs to (sticky proxy exits, cookies, fingerprints): the same id, the same identity. */
  sessionId?: string | undefined;
  /** The run this fetch is for: what a tier needs per run (the credentials of the run's workspace) is found by it. */
  runId?: string | undefined;
  /** Readiness hints for tiers that render pages (browser, stealth); the HTTP tier ignores them. */
  browser?: RenderHints | undefined;
}

/**
 * What a render tier does with the page: the recipe's fetch.browser (waits, resource blocking, captures, the login),
 * with the engine's own readiness hint in fetch mode "auto" (wait for the recipe's item selector).
 */
export type RenderHints = BrowserOptions;

export interface FetchResponse {
  /** The URL after redirects. */
  url: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Uint8Array;
  tier: FetchTier;
  ms: number;
}

/**
 * The port every fetch tier implements. A Fetcher returns any HTTP response (the engine classifies
 * statuses); it throws a ScrapifieError for transport failures: RetryableError('TIMEOUT' |
 * 'CONNECTION_ERROR'), ScrapifieError('BODY_TOO_LARGE' | 'TOO_MANY_REDIRECTS' | 'INVALID_URL').
 */
export interface Fetcher {
  readonly tier: FetchTier;
  /** True when the fetcher honours FetchRequest.proxyUrl; the engine never sends a proxied request to one that does not. */
  readonly perRequestProxy?: boolean;
  fetch(req: FetchRequest): Promise<FetchResponse>;
  close(): Promise<void>;
}
