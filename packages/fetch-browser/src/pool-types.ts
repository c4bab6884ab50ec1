import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface AcquirePageOptions {
  /** Pages with the same key share one BrowserContext (cookies, storage) in one browser; without a key every
   *  page gets a fresh context of its own. */
  contextKey?: string;
  /** Without a contextKey: pages share one context per browser instead of a fresh one each (about twice the pages
   *  per second; cookies, storage and cache are shared between those pages, as between a browser's tabs). */
  shareContext?: boolean;
  /** Stops waiting for a free page slot. */
  signal?: AbortSignal;
  /** Builds the context when a new one is needed (a fingerprint, a proxy, stored cookies), from the pool's context
   *  options; default: browser.newContext(base). With a contextKey it is called once per key and browser. */
  createContext?: (browser: Browser, base: BrowserContextOptions) => Promise<BrowserContext>;
}

export interface PageLease {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  /** Aborts, with a RetryableError('CONNECTION_ERROR') as its reason, when the browser or page crashes under the
   *  lease (or with TIER_UNAVAILABLE when the pool closes): whoever uses the page should stop and report it. */
  signal: AbortSignal;
  /** Gives the page back: closes it (and its context unless kept by a key), or with `reuse` keeps the tab of a kept
   *  context for the context's next page (only pass it when the page's own state, e.g. routes and extra headers, is
   *  back to how the lease found it). `failed` also drops a keyed context. */
  release(opts?: { failed?: boolean; reuse?: boolean }): Promise<void>;
}

export interface BrowserPoolStats {
  /** Browsers launching or running. */
  browsers: number;
  /** Page slots in use. */
  pagesOpen: number;
  /** Pages handed out since the pool started. */
  pagesServed: number;
  /** Of those, pages handed out on a tab kept from an earlier page. */
  tabsReused: number;
  /** Browsers started. */
  launches: number;
  /** Browsers that went away without the pool closing them. */
  crashes: number;
}

export interface BrowserPoolMemory {
  /** Chromium processes (browsers and their renderers, GPU and utility processes). */
  processes: number;
  /** Their summed proportional set size (Linux; 0 where /proc is not available). */
  pssBytes: number;
}
