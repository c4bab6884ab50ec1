import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import { redactUrl } from './url.ts';

/** Why a fetch stopped early, as decided by the fetcher's own signals (checked before the error's shape). */
export interface AbortState {
  cancelled: boolean;
  timedOut: boolean;
  timeoutMs: number;
}

/** impit's native messages are multi-line debug dumps: reduce them to what a person needs. */
function describeTransportError(message: string): string {
  if (/ConnectionRefused|Connection refused|code: 111\b/.test(message)) return 'connection refused';
  if (/ConnectionReset|Connection reset|code: 104\b/.test(message)) return 'connection reset by the server';
  if (/IncompleteBody|UnexpectedEof|unexpected end of file/i.test(message)) return 'the connection closed before the whole body arrived';
  if (/dns error|failed to lookup address/i.test(message)) return 'the host name could not be resolved';
  if (/certificate|tls|handshake/i.test(message)) return 'TLS handshake failed';
  if (/connection closed|broken pipe|hang up/i.test(message)) return 'the connection closed unexpectedly';
  const first = message.split('\n')[0]?.trim() ?? '';
  return first.length > 200 ? `${first.slice(0, 200)}…` : first || 'connection error';
}

/** Maps anything thrown while fetching `url` to the product's error classes (see the Fetcher port). */
export function toFetchError(e: unknown, url: string, state: AbortState): ScrapifieError {
  if (e instanceof ScrapifieError) return e;
  const where = redactUrl(url);
  if (state.cancelled) return new ScrapifieError('CANCELLED', `fetch of ${where} was cancelled`, { cause: e });
  const name = e instanceof Error ? e.name : '';
  if (state.timedOut || /Timeout/.test(name)) {
    return new RetryableError('TIMEOUT', `no complete response from ${where} within ${state.timeoutMs} ms`, { cause: e });
  }
  const message = redactUrl(e instanceof Error ? e.message : String(e));
  if (name === 'InvalidURL' || name === 'UnsupportedProtocol') return new InvalidInputError('INVALID_URL', `cannot fetch ${where}: ${message}`);
  // No `cause` here: a proxy error's native text may carry the proxy URL and its password.
  if (/^Proxy/.test(name)) return new RetryableError('CONNECTION_ERROR', `proxy failed for ${where}: ${describeTransportError(message)}`);
  return new RetryableError('CONNECTION_ERROR', `${where}: ${describeTransportError(message)}`, { cause: e });
}
