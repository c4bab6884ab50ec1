import { STATUS_CODES } from 'node:http';
import { RetryableError, ScrapifieError, toScrapifieError } from '@scrapifie/recipe';
import type { FetchResponse } from '../ports/fetcher.ts';
import { parseRetryAfter } from './backoff.ts';

/** What one fetch attempt came to, as the crawler acts on it. */
export type FetchOutcome =
  | { kind: 'page'; response: FetchResponse; breakerFailure: false }
  | {
      kind: 'error';
      error: ScrapifieError;
      response?: FetchResponse | undefined;
      /** Counts against the domain's circuit breaker (server errors, timeouts, dropped connections). */
      breakerFailure: boolean;
      /** The server asked us to slow down (429, 503): the domain's rate adapts. */
      pushback: boolean;
    };

function statusText(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

/** 2xx is a page; 429 and 5xx are retryable; any other status fails for good (e.g. HTTP_ERROR 404). */
export function classifyResponse(res: FetchResponse, now: number): FetchOutcome {
  const s = res.status;
  if (s >= 200 && s < 300) return { kind: 'page', response: res, breakerFailure: false };
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], now);
  const opts = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (s === 429) {
    return { kind: 'error', error: new RetryableError('RATE_LIMITED', statusText(s), opts), response: res, breakerFailure: false, pushback: true };
  }
  if (s >= 500) {
    return { kind: 'error', error: new RetryableError('HTTP_ERROR', statusText(s), opts), response: res, breakerFailure: true, pushback: s === 503 };
  }
  return { kind: 'error', error: new ScrapifieError('HTTP_ERROR', statusText(s)), response: res, breakerFailure: false, pushback: false };
}

/** A thrown fetch error: retryable transport failures (timeouts, resets) also count against the breaker. */
export function classifyThrown(e: unknown): FetchOutcome {
  const error = toScrapifieError(e);
  return { kind: 'error', error, breakerFailure: error.retryable, pushback: false };
}
