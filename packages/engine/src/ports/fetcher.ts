import type { FetchTier } from '@scrapifie/recipe';

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  timeoutMs: number;
  maxRedirects: number;
  maxBodyBytes: number;
  impersonate: 'chrome' | 'firefox';
  signal?: AbortSignal;
}

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
  fetch(req: FetchRequest): Promise<FetchResponse>;
  close(): Promise<void>;
}
