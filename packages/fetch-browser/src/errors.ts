import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';

/** The URL without user:password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/g, '//');
}

/** Parses an absolute http(s) URL or throws InvalidInputError('INVALID_URL') naming the problem. */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError('INVALID_URL', `URL "${redactUrl(raw)}" is not a valid absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('INVALID_URL', `URL "${redactUrl(raw)}" uses ${url.protocol.slice(0, -1)}; only http and https can be fetched`);
  }
  return url;
}

const CLOSED = /Target page, context or browser has been closed|Target closed|Browser has been closed|browser has disconnected|Page closed|Context closed/i;

/** Chromium network errors (net::ERR_*) as the product's error classes. */
function fromNetError(code: string, where: string, e: unknown): ScrapifieError {
  switch (code) {
    case 'ERR_TIMED_OUT':
    case 'ERR_CONNECTION_TIMED_OUT':
      return new RetryableError('TIMEOUT', `${where}: the connection timed out (net::${code})`, { cause: e });
    case 'ERR_TOO_MANY_REDIRECTS':
      return new ScrapifieError('TOO_MANY_REDIRECTS', `${where}: too many redirects (net::${code})`);
    case 'ERR_INVALID_URL':
    case 'ERR_UNSAFE_PORT':
    case 'ERR_DISALLOWED_URL_SCHEME':
    case 'ERR_UNKNOWN_URL_SCHEME':
      return new InvalidInputError('INVALID_URL', `cannot fetch ${where} (net::${code})`);
    case 'ERR_NAME_NOT_RESOLVED':
      return new RetryableError('CONNECTION_ERROR', `${where}: the host name could not be resolved (net::${code})`, { cause: e });
    case 'ERR_CONNECTION_REFUSED':
      return new RetryableError('CONNECTION_ERROR', `${where}: connection refused (net::${code})`, { cause: e });
    case 'ERR_ABORTED':
      return new RetryableError('CONNECTION_ERROR', `${where}: the browser abandoned the navigation (net::${code}: an empty 204 response, a download, or the page moved elsewhere)`, { cause: e });
    default:
      return new RetryableError('CONNECTION_ERROR', `${where}: net::${code}`, { cause: e });
  }
}

/**
 * Maps anything Playwright throws while rendering `url` to the product's error classes (see the Fetcher port).
 * ScrapifieErrors (our own checks, a crash reported by the pool) pass through unchanged.
 */
export function toBrowserFetchError(e: unknown, url: string, timeoutMs: number): ScrapifieError {
  if (e instanceof ScrapifieError) return e;
  const where = redactUrl(url);
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && e.name === 'TimeoutError') {
    return new RetryableError('TIMEOUT', `no rendered page from ${where} within ${timeoutMs} ms`, { cause: e });
  }
  const net = /net::(ERR_[A-Z_]+)/.exec(message);
  if (net) return fromNetError(net[1] as string, where, e);
  if (/Cannot navigate to invalid URL|invalid url/i.test(message)) return new InvalidInputError('INVALID_URL', `cannot fetch ${where}: not a valid URL`);
  if (/Download is starting/.test(message)) {
    return new ScrapifieError('HTTP_ERROR', `${where} is a download (an attachment or a type the browser does not display), not a page`);
  }
  if (CLOSED.test(message)) {
    return new RetryableError('CONNECTION_ERROR', `the browser page closed while fetching ${where} (did the browser crash?)`, { cause: e });
  }
  const first = message.split('\n')[0] ?? message;
  return new ScrapifieError('INTERNAL', `browser fetch of ${where} failed: ${first}`, { cause: e });
}
