import { silentLogger, type Fetcher, type Logger } from '@scrapifie/engine';
import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import type { CredentialResolver } from './actions/credentials.ts';
import type { Humanizer } from './actions/humanizer.ts';
import type { BlobSink } from './blobs/blob-sink.ts';
import { captureFailure } from './blobs/capture.ts';
import { BrowserPool } from './browser-pool.ts';
import { plainProfile, type ContextProfile } from './context-profile.ts';
import { parseHttpUrl, redactUrl, toBrowserFetchError } from './errors.ts';
import { resolveFetchOptions, type BrowserFetchOptions, type BrowserFetchRequest, type BrowserFetchResponse } from './fetch-options.ts';
import type { BrowserPoolOptions } from './pool-options.ts';
import type { PageLease } from './pool-types.ts';
import { watchRedirects } from './redirects.ts';
import { renderPage, resetPage, type RenderServices } from './render.ts';
import { bindSession, contextFactory, LoginGate, sessionContextKey, sessionIdFor, type BoundSession } from './session-binding.ts';
import { SessionManager } from './session/session-manager.ts';
import { MemorySessionStore } from './session/session-store.ts';
import { createHumanizer } from './stealth/human.ts';

export interface BrowserFetcherOptions {
  /** A pool shared with others (the designer, another fetcher); close() leaves it open. */
  pool?: BrowserPool;
  /** Options of the fetcher's own pool, when no `pool` is given. */
  poolOptions?: BrowserPoolOptions;
  /** Browser options of every request; a request's `browser` field overrides them one by one. */
  defaults?: BrowserFetchOptions;
  logger?: Logger;
  /** Sessions of requests that name one (and of logins): cookies, storage, proxy, fingerprint. Default: in memory. */
  sessions?: SessionManager;
  /** Resolves the credentials that browser steps type. */
  credentials?: CredentialResolver;
  /** Where screenshots and rendered HTML go, on request and on failure. Without one, nothing is kept. */
  blobSink?: BlobSink;
  /** Human-like input when a request asks for `humanize` (default: a seeded pointer/typing/scroll humanizer). */
  humanizer?: Humanizer;
  /** How long capturing a failed page may take (default 5000 ms). */
  captureTimeoutMs?: number;
  /** Pages without a session share one context per browser (about twice as fast; cookies and cache shared between
   *  them, as between a browser's tabs). Default false: a fresh context per page. Keep it off when one fetcher serves
   *  runs that must not see each other's cookies. */
  shareContexts?: boolean;
}

/** Options of a tier built on this fetcher (the stealth tier): how its contexts are made. */
export interface TierOptions {
  tier: 'browser' | 'stealth';
  profile: ContextProfile;
}

const noop = (): void => undefined;

/** Settles as `work` does, or rejects with the signal's reason as soon as it aborts (work is left to fail alone). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(noop);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

function cancelled(url: string): ScrapifieError {
  return new ScrapifieError('CANCELLED', `fetch of ${redactUrl(url)} was cancelled`);
}

/**
 * The browser tier: renders the page in Chromium (a page from the pool; a fresh context each time, or the session's)
 * and returns the rendered HTML as the body, with the status and headers of the main document's response.
 * req.timeoutMs bounds everything after the page is acquired: login, navigation, waits, steps, serialisation and the
 * screenshot. A failed page is captured (screenshot + HTML) into the blob sink when there is one.
 */
export class BrowserFetcher implements Fetcher {
  readonly tier: 'browser' | 'stealth';
  /** The engine's proxy pool may route each page through its own proxy (FetchRequest.proxyUrl). */
  readonly perRequestProxy = true;
  readonly pool: BrowserPool;
  readonly sessions: SessionManager;
  readonly #ownsPool: boolean;
  readonly #defaults: BrowserFetchOptions;
  readonly #logger: Logger;
  readonly #profile: ContextProfile;
  readonly #services: RenderServices;
  readonly #captureTimeoutMs: number;
  readonly #shareContexts: boolean;
  #closed = false;

  constructor(opts: BrowserFetcherOptions = {}, tierOptions: TierOptions = { tier: 'browser', profile: plainProfile }) {
    this.tier = tierOptions.tier;
    this.#profile = tierOptions.profile;
    this.#logger = (opts.logger ?? silentLogger).child({ component: `${this.tier}-fetcher` });
    this.#ownsPool = opts.pool === undefined;
    this.pool = opts.pool ?? new BrowserPool(opts.poolOptions, opts.logger);
    this.#defaults = opts.defaults ?? {};
    resolveFetchOptions(this.#defaults); // a bad default is reported now, not on the first fetch
    this.sessions = opts.sessions ?? new SessionManager(new MemorySessionStore());
    this.#captureTimeoutMs = opts.captureTimeoutMs ?? 5000;
    this.#shareContexts = opts.shareContexts === true;
    this.#services = {
      tier: this.tier,
      credentials: opts.credentials,
      human: opts.humanizer ?? createHumanizer(),
      sink: opts.blobSink,
      sessions: this.sessions,
      logins: new LoginGate(),
      logger: this.#logger,
    };
  }

  async fetch(req: BrowserFetchRequest): Promise<BrowserFetchResponse> {
    if (this.#closed) throw new ScrapifieError('TIER_UNAVAILABLE', `the ${this.tier} fetcher is closed`);
    const started = performance.now();
    const url = parseHttpUrl(req.url).toString();
    if (req.method === 'HEAD') throw new InvalidInputError('INVALID_INPUT', `the ${this.tier} tier only loads pages (GET); HEAD ${redactUrl(url)} needs the http tier`);
    const opts = resolveFetchOptions(this.#defaults, req.browser);
    if (req.signal?.aborted) throw cancelled(url);
    const sessionId = sessionIdFor(req.session, opts.login);
    // A session's own proxy, else the engine's per-request one (the proxy pool's choice for this page).
    const proxy = req.proxy ?? (req.proxyUrl ? { url: req.proxyUrl } : undefined);
    let session: BoundSession | undefined;
    let lease: PageLease;
    try {
      session = sessionId === undefined ? undefined : await bindSession(this.sessions, this.pool, sessionId, proxy);
      lease = await this.pool.acquirePage({
        ...(req.signal ? { signal: req.signal } : {}),
        // A proxied page without a session gets a context of its own: a shared context cannot change its proxy.
        ...(session ? { contextKey: session.contextKey } : { shareContext: this.#shareContexts && proxy === undefined }),
        createContext: contextFactory(this.#profile, this.sessions, session, proxy),
      });
    } catch (e) {
      throw req.signal?.aborted ? cancelled(url) : e;
    }

    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(new RetryableError('TIMEOUT', `no rendered page from ${redactUrl(url)} within ${req.timeoutMs} ms`)), req.timeoutMs);
    const onCancel = (): void => stop.abort(cancelled(url));
    const onLost = (): void => stop.abort(lease.signal.reason);
    req.signal?.addEventListener('abort', onCancel, { once: true });
    lease.signal.addEventListener('abort', onLost, { once: true });
    if (req.signal?.aborted) onCancel();
    if (lease.signal.aborted) onLost();
    const unwatch = watchRedirects(lease.page, req.maxRedirects, (err) => stop.abort(err));
    let rendered = false;
    try {
      const deadline = performance.now() + req.timeoutMs;
      const remaining = (): number => Math.max(1, Math.ceil(deadline - performance.now()));
      const job = { page: lease.page, context: lease.context, url, req, opts, started, remaining, signal: stop.signal, session, services: this.#services };
      const res = await untilAborted(renderPage(job), stop.signal);
      rendered = true;
      return res;
    } catch (e) {
      const error = req.signal?.aborted ? cancelled(url) : toBrowserFetchError(e, url, req.timeoutMs);
      this.#logger.debug(`${this.tier} fetch failed`, { url: redactUrl(url), code: error.code });
      const sink = this.#services.sink;
      if (sink && opts.captureOnFailure && error.code !== 'CANCELLED' && !lease.signal.aborted) {
        await captureFailure({ sink, tags: req.blobTags ?? {}, logger: this.#logger }, lease.page, error, this.#captureTimeoutMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCancel);
      lease.signal.removeEventListener('abort', onLost);
      unwatch();
      // A tab that rendered its page may serve the context's next one (once its routes and headers are undone); a
      // failed page's tab is closed. Either way a kept context (session, shared) stays as it is.
      const reuse = rendered && !stop.signal.aborted && (await resetPage(lease.page, req, opts));
      await lease.release({ reuse });
    }
  }

  /** Ends a session (e.g. after a block): its browser context closes and its next page starts afresh. */
  async retireSession(id: string): Promise<void> {
    const generation = await this.sessions.retire(id);
    if (generation !== undefined) await this.pool.closeContext(sessionContextKey(id, generation));
  }

  /** Closes the fetcher, and its pool unless the pool was given to it. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#ownsPool) await this.pool.close();
  }
}

export function createBrowserFetcher(opts?: BrowserFetcherOptions): BrowserFetcher {
  return new BrowserFetcher(opts);
}
