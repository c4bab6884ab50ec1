import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger, type Fetcher, type Logger } from '@scrapifie/engine';
import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import type { Page, Response } from 'playwright-core';
import { BrowserPool } from './browser-pool.ts';
import type { PageLease } from './pool-types.ts';
import { parseHttpUrl, redactUrl, toBrowserFetchError } from './errors.ts';
import {
  resolveFetchOptions, type BrowserFetchOptions, type BrowserFetchRequest, type BrowserFetchResponse, type ResolvedFetchOptions,
} from './fetch-options.ts';
import type { BrowserPoolOptions } from './pool-options.ts';
import { readRenderedHtml, trackMainDocument } from './main-document.ts';
import { checkRedirects, watchRedirects } from './redirects.ts';
import { blockResources } from './resource-blocking.ts';
import { takeScreenshot } from './screenshot.ts';

export interface BrowserFetcherOptions {
  /** A pool shared with others (the designer, another fetcher); close() leaves it open. */
  pool?: BrowserPool;
  /** Options of the fetcher's own pool, when no `pool` is given. */
  poolOptions?: BrowserPoolOptions;
  /** Browser options of every request; a request's `browser` field overrides them one by one. */
  defaults?: BrowserFetchOptions;
  logger?: Logger;
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
 * The browser tier: renders the page in Chromium (a page from the pool, a fresh context each time) and returns the
 * rendered HTML as the body, with the status and headers of the main document's response. req.timeoutMs bounds
 * everything after the page is acquired: navigation, waits, serialisation and the screenshot.
 */
export class BrowserFetcher implements Fetcher {
  readonly tier = 'browser' as const;
  readonly pool: BrowserPool;
  readonly #ownsPool: boolean;
  readonly #defaults: BrowserFetchOptions;
  readonly #logger: Logger;
  #closed = false;

  constructor(opts: BrowserFetcherOptions = {}) {
    this.#logger = (opts.logger ?? silentLogger).child({ component: 'browser-fetcher' });
    this.#ownsPool = opts.pool === undefined;
    this.pool = opts.pool ?? new BrowserPool(opts.poolOptions, opts.logger);
    this.#defaults = opts.defaults ?? {};
    resolveFetchOptions(this.#defaults); // a bad default is reported now, not on the first fetch
  }

  async fetch(req: BrowserFetchRequest): Promise<BrowserFetchResponse> {
    if (this.#closed) throw new ScrapifieError('TIER_UNAVAILABLE', 'the browser fetcher is closed');
    const started = performance.now();
    const url = parseHttpUrl(req.url).toString();
    if (req.method === 'HEAD') throw new InvalidInputError('INVALID_INPUT', `the browser tier only loads pages (GET); HEAD ${redactUrl(url)} needs the http tier`);
    const opts = resolveFetchOptions(this.#defaults, req.browser);
    if (req.signal?.aborted) throw cancelled(url);
    let lease: PageLease;
    try {
      lease = await this.pool.acquirePage(req.signal ? { signal: req.signal } : {});
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
    let failed = false;
    try {
      const deadline = performance.now() + req.timeoutMs;
      const remaining = (): number => Math.max(1, Math.ceil(deadline - performance.now()));
      const job: RenderJob = { page: lease.page, url, req, opts, started, remaining, signal: stop.signal };
      return await untilAborted(this.#render(job), stop.signal);
    } catch (e) {
      failed = true;
      const error = req.signal?.aborted ? cancelled(url) : toBrowserFetchError(e, url, req.timeoutMs);
      this.#logger.debug('browser fetch failed', { url: redactUrl(url), code: error.code });
      throw error;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCancel);
      lease.signal.removeEventListener('abort', onLost);
      unwatch();
      await lease.release({ failed });
    }
  }

  async #render(job: RenderJob): Promise<BrowserFetchResponse> {
    const { page, url, req, opts } = job;
    if (req.headers && Object.keys(req.headers).length) await page.setExtraHTTPHeaders(req.headers);
    await blockResources(page, opts.blockResources);
    const documents = trackMainDocument(page);
    try {
      const first = await page.goto(url, { waitUntil: opts.waitUntil, timeout: job.remaining() });
      if (!first) throw new ScrapifieError('INTERNAL', `navigating to ${redactUrl(url)} produced no document response`);
      checkRedirects(first.request(), req.maxRedirects);
      if (opts.waitForSelector !== undefined) {
        await waitForSelector(page, opts.waitForSelector, Math.min(opts.waitForSelectorTimeoutMs ?? Infinity, job.remaining()));
      }
      if (opts.waitMs > 0) await sleep(opts.waitMs, undefined, { signal: job.signal });
      const html = await readRenderedHtml(page, opts.waitUntil, job.remaining);
      return await respond(job, documents.latest() ?? first, html);
    } finally {
      documents.stop();
    }
  }

  /** Closes the fetcher, and its pool unless the pool was given to it. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#ownsPool) await this.pool.close();
  }
}

/** One fetch on its leased page: what #render needs, and the time left of req.timeoutMs. */
interface RenderJob {
  page: Page;
  url: string;
  req: BrowserFetchRequest;
  opts: ResolvedFetchOptions;
  started: number;
  remaining: () => number;
  signal: AbortSignal;
}

/** The response of the document the page shows, with its rendered HTML as the body (and a screenshot if asked). */
async function respond(job: RenderJob, document: Response, html: string): Promise<BrowserFetchResponse> {
  const { page, url, req, opts } = job;
  const body = new TextEncoder().encode(html);
  if (body.byteLength > req.maxBodyBytes) {
    throw new ScrapifieError('BODY_TOO_LARGE', `the rendered HTML of ${redactUrl(url)} is larger than maxBodyBytes (${req.maxBodyBytes} bytes; it has ${body.byteLength})`);
  }
  const screenshot = opts.screenshot === undefined ? undefined : await takeScreenshot(page, opts.screenshot, job.remaining());
  const out: BrowserFetchResponse = {
    url: page.url(),
    status: document.status(),
    headers: await document.allHeaders(),
    body,
    tier: 'browser',
    ms: performance.now() - job.started,
  };
  if (screenshot) out.screenshot = screenshot;
  return out;
}

async function waitForSelector(page: Page, selector: string, timeoutMs: number): Promise<void> {
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs });
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError') {
      throw new RetryableError('TIMEOUT', `no element matched waitForSelector "${selector}" on ${redactUrl(page.url())} within ${timeoutMs} ms`, { cause: e });
    }
    if (e instanceof Error && /is not a valid selector|Unexpected token|SyntaxError/i.test(e.message)) {
      throw new InvalidInputError('INVALID_INPUT', `browser option "waitForSelector" is not a valid selector: ${selector}`);
    }
    throw e;
  }
}

export function createBrowserFetcher(opts?: BrowserFetcherOptions): BrowserFetcher {
  return new BrowserFetcher(opts);
}
