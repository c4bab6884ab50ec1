import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '@scrapifie/engine';
import { RetryableError, ScrapifieError } from '@scrapifie/recipe';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AcquirePageOptions, BrowserPoolMemory, BrowserPoolStats, PageLease } from './pool-types.ts';
import { launchChromium } from './launch.ts';
import { resolvePoolOptions, type BrowserPoolOptions, type ResolvedPoolOptions } from './pool-options.ts';
import { PooledBrowser, type IdleTab } from './pooled-browser.ts';
import { findBrowserProcess, processTree, pssBytes } from './process-memory.ts';

interface Waiter {
  key: string | undefined;
  resolve(entry: PooledBrowser): void;
  reject(error: unknown): void;
}

const noop = (): void => undefined;
/** The key of a browser's shared context (a NUL keeps it apart from every session key). */
const SHARED_CONTEXT_KEY = '\u0000shared';
/** How long a released tab may take to go back to about:blank before it is closed instead. */
const TAB_RESET_TIMEOUT_MS = 5000;

/**
 * A pool of Chromium browsers handing out pages: at most maxBrowsers x maxPagesPerBrowser pages at once (later
 * acquirers wait in line), a fresh context per page, browsers recycled after recycleAfterPages pages and closed
 * when idle. A browser that dies is dropped, the pages it held fail with a retryable error, and the next acquirer
 * launches a replacement.
 */
export class BrowserPool {
  readonly options: ResolvedPoolOptions;
  readonly #logger: Logger;
  readonly #entries = new Set<PooledBrowser>();
  #waiters: Waiter[] = [];
  readonly #token = randomUUID().slice(0, 8);
  #nextId = 1;
  #launches = 0;
  #crashes = 0;
  #served = 0;
  #tabsReused = 0;
  /** Pages each tab has served. */
  readonly #uses = new WeakMap<Page, number>();
  /** Tabs whose renderer died. */
  readonly #crashed = new WeakSet<Page>();
  #closing: Promise<void> | undefined;

  constructor(opts: BrowserPoolOptions = {}, logger: Logger = silentLogger) {
    this.options = resolvePoolOptions(opts);
    this.#logger = logger.child({ component: 'browser-pool' });
  }

  async acquirePage(opts: AcquirePageOptions = {}): Promise<PageLease> {
    const key = opts.contextKey;
    const shared = key === undefined && opts.shareContext === true;
    const entry = await this.#reserve(key, opts.signal);
    let context: BrowserContext | undefined;
    try {
      const browser = await entry.ready;
      const create = (): Promise<BrowserContext> => this.#newContext(browser, opts.createContext);
      const keep = key ?? (shared ? SHARED_CONTEXT_KEY : undefined);
      context = keep === undefined ? await create() : await entry.keyedContext(keep, create);
      const kept = keep === undefined ? undefined : await this.#keptTab(entry, context);
      const page = kept ?? (await this.#newTab(context));
      // The browser may have crashed, or the pool closed, while the page was being opened.
      if (this.#closing || entry.state !== 'running') throw new Error('Target page, context or browser has been closed');
      if (kept) this.#tabsReused++;
      return this.#lease(entry, browser, context, page, keep);
    } catch (e) {
      if (context && key === undefined && !shared) context.close().catch(noop);
      this.#releaseSlot(entry);
      throw this.#acquireError(entry, e);
    }
  }

  stats(): BrowserPoolStats {
    let pagesOpen = 0;
    for (const e of this.#entries) pagesOpen += e.open;
    return { browsers: this.#entries.size, pagesOpen, pagesServed: this.#served, tabsReused: this.#tabsReused, launches: this.#launches, crashes: this.#crashes };
  }

  /** Process ids of the running browsers' main processes (Linux; empty elsewhere). */
  browserPids(): number[] {
    const pids: number[] = [];
    for (const e of this.#entries) {
      if (e.state !== 'running') continue;
      e.pid ??= findBrowserProcess(e.marker);
      if (e.pid !== undefined) pids.push(e.pid);
    }
    return pids;
  }

  /** Memory of every process the pool's browsers run, read from /proc now. */
  memory(): BrowserPoolMemory {
    const pids = this.browserPids().flatMap((pid) => processTree(pid));
    return { processes: pids.length, pssBytes: pssBytes(pids) };
  }

  /** Forgets the context kept for `key` (a session that expired): it closes now if no page uses it, else with its
   *  last page; the key's next page gets a fresh context. */
  async closeContext(key: string): Promise<void> {
    await Promise.all([...this.#entries].map((e) => e.forgetContext(key)));
  }

  /** Closes every browser; pages still leased fail with TIER_UNAVAILABLE, acquirers still waiting are rejected. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const closed = this.#closedError();
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w.reject(closed);
      await Promise.all([...this.#entries].map((e) => this.#closeBrowser(e, 'pool closed', closed)));
    })();
    return this.#closing;
  }

  #closedError(): ScrapifieError {
    return new ScrapifieError('TIER_UNAVAILABLE', 'the browser pool is closed');
  }

  #reserve(key: string | undefined, signal: AbortSignal | undefined): Promise<PooledBrowser> {
    if (this.#closing) return Promise.reject(this.#closedError());
    if (signal?.aborted) return Promise.reject(cancelledWaiting());
    const entry = this.#tryReserve(key);
    if (entry) return Promise.resolve(entry);
    return new Promise<PooledBrowser>((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(cancelledWaiting());
      };
      const waiter: Waiter = {
        key,
        resolve: (e) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(e);
        },
        reject: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Takes a page slot: on the browser holding `key`'s context, else on the busiest browser with room (few browsers,
   *  so idle ones time out), else on a new browser if the pool may grow. Undefined: wait. */
  #tryReserve(key: string | undefined): PooledBrowser | undefined {
    const max = this.options.maxPagesPerBrowser;
    let best: PooledBrowser | undefined;
    for (const e of this.#entries) {
      if (!e.accepting) continue;
      if (key !== undefined && e.hasContext(key)) return e.open < max ? this.#take(e) : undefined;
      if (e.open < max && (!best || e.open > best.open)) best = e;
    }
    if (best) return this.#take(best);
    if (this.#entries.size < this.options.maxBrowsers) return this.#take(this.#launch());
    return undefined;
  }

  #take(entry: PooledBrowser): PooledBrowser {
    entry.clearIdleTimer();
    entry.open++;
    entry.served++;
    if (entry.served >= this.options.recycleAfterPages) entry.retired = true;
    return entry;
  }

  #launch(): PooledBrowser {
    const id = this.#nextId++;
    const marker = `--scrapifie-browser=${this.#token}-${id}`;
    const entry: PooledBrowser = new PooledBrowser(
      id,
      marker,
      launchChromium(this.options, marker).then(
        (browser) => {
          this.#launches++;
          if (entry.state === 'launching') entry.state = 'running';
          browser.on('disconnected', () => this.#onDisconnected(entry));
          this.#logger.debug('browser launched', { browser: id });
          return browser;
        },
        (e: unknown) => {
          this.#logger.warn('browser launch failed', { browser: id, error: e instanceof Error ? e.message : String(e) });
          this.#forget(entry);
          throw e;
        },
      ),
    );
    this.#entries.add(entry);
    return entry;
  }

  #newContext(browser: Browser, create: AcquirePageOptions['createContext']): Promise<BrowserContext> {
    const made = create ? create(browser, this.options.contextOptions) : browser.newContext(this.options.contextOptions);
    return made.then((ctx) => {
      ctx.setDefaultNavigationTimeout(this.options.navigationTimeoutMs);
      return ctx;
    });
  }

  async #newTab(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.once('crash', () => this.#crashed.add(page));
    return page;
  }

  /** A tab the context kept from an earlier page, once it shows about:blank; tabs that crashed or failed to reset
   *  are closed and skipped. */
  async #keptTab(entry: PooledBrowser, context: BrowserContext): Promise<Page | undefined> {
    for (let tab = entry.takeTab(context); tab; tab = entry.takeTab(context)) {
      const ok = await tab.ready;
      if (ok && !tab.page.isClosed() && !this.#crashed.has(tab.page)) return tab.page;
      tab.page.close().catch(noop);
    }
    return undefined;
  }

  #lease(entry: PooledBrowser, browser: Browser, context: BrowserContext, page: Page, key: string | undefined): PageLease {
    const lease = new AbortController();
    entry.addLease(lease);
    const onCrash = (): void => lease.abort(new RetryableError('CONNECTION_ERROR', `the page crashed (its renderer process died) at ${page.url()}`));
    page.once('crash', onCrash);
    if (this.#crashed.has(page)) onCrash();
    this.#uses.set(page, (this.#uses.get(page) ?? 0) + 1);
    this.#served++;
    let released: Promise<void> | undefined;
    const release = (opts: { failed?: boolean; reuse?: boolean } = {}): Promise<void> => {
      page.off('crash', onCrash);
      return (released ??= this.#release(entry, lease, context, page, key, opts.failed ?? false, opts.reuse ?? false));
    };
    return { page, context, browser, signal: lease.signal, release };
  }

  /** Whether a released tab may serve its context's next page. */
  #mayKeep(entry: PooledBrowser, lease: AbortController, context: BrowserContext, page: Page): boolean {
    return !this.#closing && !lease.signal.aborted && entry.state === 'running' && !entry.retired && entry.isKeptContext(context)
      && !page.isClosed() && !this.#crashed.has(page) && (this.#uses.get(page) ?? 0) < this.options.pagesPerTab;
  }

  /** Takes a released tab back to about:blank (stops the page's scripts and requests, drops its document). */
  #resetTab(page: Page): IdleTab {
    const ready = page.goto('about:blank', { timeout: TAB_RESET_TIMEOUT_MS }).then(
      () => true,
      () => {
        page.close().catch(noop);
        return false;
      },
    );
    return { page, ready };
  }

  async #release(entry: PooledBrowser, lease: AbortController, context: BrowserContext, page: Page, key: string | undefined, failed: boolean, reuse: boolean): Promise<void> {
    entry.removeLease(lease);
    try {
      if (key === undefined) {
        await context.close();
      } else if (reuse && !failed && this.#mayKeep(entry, lease, context, page)) {
        // The slot is free at once; the tab joins the context's kept tabs and is handed out once it is blank.
        entry.parkTab(context, this.#resetTab(page), this.options.maxPagesPerBrowser);
      } else {
        await page.close();
        if (failed) await entry.dropContext(key, context);
        if (!entry.isKeptContext(context) && context.pages().length === 0) await context.close();
      }
    } catch {
      // The browser went away under the page: nothing left to close.
    } finally {
      this.#releaseSlot(entry);
    }
  }

  #releaseSlot(entry: PooledBrowser): void {
    entry.open--;
    if (entry.state === 'running' && entry.open === 0) {
      if (entry.retired) void this.#closeBrowser(entry, `recycled after ${entry.served} pages`);
      else this.#armIdleTimer(entry);
    }
    this.#pump();
  }

  #armIdleTimer(entry: PooledBrowser): void {
    entry.clearIdleTimer();
    entry.idleTimer = setTimeout(() => {
      if (entry.open === 0 && entry.state === 'running') void this.#closeBrowser(entry, 'idle');
    }, this.options.idleTimeoutMs);
    entry.idleTimer.unref();
  }

  /** Hands free slots to the acquirers waiting, in arrival order. */
  #pump(): void {
    if (this.#closing) return;
    for (let i = 0; i < this.#waiters.length; ) {
      const waiter = this.#waiters[i] as Waiter;
      const entry = this.#tryReserve(waiter.key);
      if (entry) {
        this.#waiters.splice(i, 1);
        waiter.resolve(entry);
      } else i++;
    }
  }

  #closeBrowser(entry: PooledBrowser, why: string, leaseError?: ScrapifieError): Promise<void> {
    if (leaseError) entry.failLeases(leaseError);
    if (entry.state === 'gone') return Promise.resolve();
    entry.closed ??= (async () => {
      entry.state = 'closing';
      entry.clearIdleTimer();
      this.#logger.debug('closing browser', { browser: entry.id, why });
      const browser = await entry.ready.catch(() => undefined);
      await browser?.close().catch(noop);
      this.#forget(entry);
    })();
    return entry.closed;
  }

  #onDisconnected(entry: PooledBrowser): void {
    if (entry.state === 'gone') return;
    const intended = entry.state === 'closing';
    this.#forget(entry);
    if (intended) return;
    this.#crashes++;
    this.#logger.warn('browser crashed', { browser: entry.id, pagesOpen: entry.open });
    entry.failLeases(new RetryableError('CONNECTION_ERROR', `the browser crashed (Chromium #${entry.id} disconnected) while the page was in use`));
  }

  #forget(entry: PooledBrowser): void {
    entry.state = 'gone';
    entry.clearIdleTimer();
    this.#entries.delete(entry);
    this.#pump();
  }

  #acquireError(entry: PooledBrowser, e: unknown): ScrapifieError {
    if (this.#closing) return this.#closedError();
    if (e instanceof ScrapifieError) return e;
    const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    if (entry.state === 'gone') return new RetryableError('CONNECTION_ERROR', `the browser crashed while opening a page: ${message}`, { cause: e });
    return new RetryableError('CONNECTION_ERROR', `could not open a browser page: ${message}`, { cause: e });
  }
}

function cancelledWaiting(): ScrapifieError {
  return new ScrapifieError('CANCELLED', 'waiting for a browser page was cancelled');
}
