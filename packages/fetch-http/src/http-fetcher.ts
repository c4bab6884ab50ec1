import type { Fetcher, FetchRequest, FetchResponse } from '@scrapifie/engine';
import { InvalidInputError, ScrapifieError } from '@scrapifie/recipe';
import { Impit, type ImpitOptions, type ImpitResponse } from 'impit';
import { CookieJar } from 'tough-cookie';
import { toFetchError, type AbortState } from './errors.ts';
import { discardBody, readBodyWithLimit } from './read-body.ts';
import { parseHttpUrl, redactUrl } from './url.ts';

export interface HttpFetcherOptions {
  /** Default browser fingerprint when a request does not name one. Requests carry their own (`req.impersonate`). */
  impersonate?: 'chrome' | 'firefox';
  /** Default true: one cookie jar per fetcher, shared by its clients, kept across requests and redirects. */
  cookies?: boolean;
  /**
   * http(s) or socks proxy for every request. Without it, impit (reqwest) reads HTTP_PROXY, HTTPS_PROXY and
   * ALL_PROXY from the environment, even for 127.0.0.1; NO_PROXY is honoured. Keep those unset, or list
   * loopback in NO_PROXY, when fetching local sites. A request's own `proxyUrl` takes precedence.
   */
  proxyUrl?: string;
  ignoreTlsErrors?: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** impit clients kept (one per fingerprint and proxy URL): rotating provider sessions would otherwise pile them up. */
const MAX_CLIENTS = 64;

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}

/**
 * The HTTP tier: impit's browser-grade TLS and HTTP/2 fingerprints, decompression and a cookie jar.
 * One impit client per fingerprint, reused for every request so connections stay alive.
 * Redirects are followed here (not by impit) so that each request's maxRedirects applies.
 */
export class HttpFetcher implements Fetcher {
  readonly tier = 'http' as const;
  /** A request's `proxyUrl` overrides the fetcher's own proxy (one client per fingerprint and proxy, kept alive). */
  readonly perRequestProxy = true;
  readonly #options: HttpFetcherOptions;
  readonly #jar: ImpitOptions['cookieJar'];
  readonly #clients = new Map<string, Impit>();
  #closed = false;

  constructor(opts: HttpFetcherOptions = {}) {
    this.#options = opts;
    this.#jar = opts.cookies === false ? undefined : lazyJar(new CookieJar());
    if (opts.proxyUrl !== undefined) parseHttpUrlOrSocks(opts.proxyUrl);
  }

  /** The client of a fingerprint and proxy (a request's own proxy, else the fetcher's); the least recently used goes past MAX_CLIENTS. */
  #client(impersonate: 'chrome' | 'firefox', requestProxy: string | undefined): Impit {
    const proxyUrl = requestProxy ?? this.#options.proxyUrl;
    const key = proxyUrl === undefined ? impersonate : `${impersonate} ${proxyUrl}`;
    let client = this.#clients.get(key);
    if (client) {
      // Re-inserted: the map stays ordered by last use.
      this.#clients.delete(key);
      this.#clients.set(key, client);
      return client;
    }
    if (requestProxy !== undefined) parseHttpUrlOrSocks(requestProxy);
    const options: ImpitOptions = { browser: impersonate, followRedirects: false, ignoreTlsErrors: this.#options.ignoreTlsErrors ?? false };
    if (proxyUrl) options.proxyUrl = proxyUrl;
    if (this.#jar) options.cookieJar = this.#jar;
    client = new Impit(options);
    this.#clients.set(key, client);
    if (this.#clients.size > MAX_CLIENTS) this.#clients.delete(this.#clients.keys().next().value as string);
    return client;
  }

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    if (this.#closed) throw new ScrapifieError('TIER_UNAVAILABLE', 'the HTTP fetcher is closed');
    const started = performance.now();
    let url = parseHttpUrl(req.url).toString();
    const client = this.#client(req.impersonate ?? this.#options.impersonate ?? 'chrome', req.proxyUrl);
    // One controller per fetch, aborted by the deadline or by the caller; cleared in `finally` so
    // thousands of requests per second leave no timers or listeners behind.
    const state: AbortState = { cancelled: false, timedOut: false, timeoutMs: req.timeoutMs };
    const controller = new AbortController();
    const timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort(new Error(`deadline of ${req.timeoutMs} ms passed`));
    }, req.timeoutMs);
    const onCallerAbort = (): void => {
      state.cancelled = true;
      controller.abort(req.signal?.reason);
    };
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = controller.signal;
    let method = req.method ?? 'GET';
    const chain = [url];
    try {
      for (;;) {
        const remaining = Math.max(1, Math.ceil(req.timeoutMs - (performance.now() - started)));
        const res: ImpitResponse = await client.fetch(url, { method, headers: req.headers ?? {}, timeout: remaining, signal, redirect: 'manual' });
        const location = REDIRECT_STATUSES.has(res.status) ? res.headers.get('location') : null;
        if (location === null) {
          const body = method === 'HEAD' ? new Uint8Array(0) : await readBodyWithLimit(res, url, req.maxBodyBytes, signal);
          return { url, status: res.status, headers: headersToRecord(res.headers), body, tier: 'http', ms: performance.now() - started };
        }
        await discardBody(res, signal);
        if (chain.length > req.maxRedirects) throw tooManyRedirects(chain, req.maxRedirects);
        url = parseHttpUrl(new URL(location, url).toString(), `redirect target of ${redactUrl(url)}`).toString();
        chain.push(url);
        if (res.status === 303 && method !== 'HEAD') method = 'GET';
      }
    } catch (e) {
      throw toFetchError(e, url, state);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#clients.clear();
  }
}

/**
 * The cookie jar as impit uses it, asked for the Cookie header only once it holds a cookie: until a response sets
 * one (most crawls never get any), each request skips tough-cookie's URL and domain matching.
 */
function lazyJar(jar: CookieJar): NonNullable<ImpitOptions['cookieJar']> {
  let holdsCookies = false;
  return {
    getCookieString: (url) => (holdsCookies ? jar.getCookieString(url) : ''),
    setCookie: async (cookie, url) => {
      await jar.setCookie(cookie, url);
      holdsCookies = true;
    },
  };
}

function tooManyRedirects(chain: string[], max: number): ScrapifieError {
  const loop = new Set(chain).size < chain.length ? ' (a redirect loop)' : '';
  const shown = chain.slice(0, 6).map(redactUrl).join(' -> ') + (chain.length > 6 ? ' -> …' : '');
  return new ScrapifieError('TOO_MANY_REDIRECTS', `more than ${max} redirects${loop}: ${shown}`);
}

/** A proxy URL may be http(s) or socks4/5; anything else is a configuration mistake, named (without its password) here. */
function parseHttpUrlOrSocks(raw: string): void {
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new InvalidInputError('INVALID_URL', `proxyUrl "${redactUrl(raw)}" is not a valid URL`);
  }
  if (!/^(https?|socks4a?|socks5h?):$/.test(protocol)) {
    throw new InvalidInputError('INVALID_URL', `proxyUrl "${redactUrl(raw)}" uses ${protocol.slice(0, -1)}; use http, https, socks4 or socks5`);
  }
}

export function createHttpFetcher(opts?: HttpFetcherOptions): HttpFetcher {
  return new HttpFetcher(opts);
}
