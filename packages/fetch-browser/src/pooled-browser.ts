import type { ScrapifieError } from '@scrapifie/recipe';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** An open tab of a kept context waiting for its next page; `ready` settles once it shows about:blank (false: unusable). */
export interface IdleTab {
  page: Page;
  ready: Promise<boolean>;
}

/** Closes a kept tab once its reset is over (Chromium may never confirm closing a tab whose navigation to about:blank
 *  is still committing). */
async function closeTab(tab: IdleTab): Promise<void> {
  await tab.ready;
  await tab.page.close().catch(() => undefined);
}

export type PooledBrowserState = 'launching' | 'running' | 'closing' | 'gone';

/**
 * One Chromium of the pool and its book-keeping: the page slots it has given out, the leases that must fail if it
 * dies, and the contexts it keeps per key (sessions). The pool decides; this only records.
 */
export class PooledBrowser {
  readonly id: number;
  /** A switch on the browser's command line that no other process has: how its process is found in /proc. */
  readonly marker: string;
  readonly ready: Promise<Browser>;
  state: PooledBrowserState = 'launching';
  /** Page slots given out and not yet released (including pages still being opened). */
  open = 0;
  /** Page slots ever given out. */
  served = 0;
  /** Takes no new pages (served its quota); closes once its open pages are released. */
  retired = false;
  idleTimer: NodeJS.Timeout | undefined;
  pid: number | undefined;
  /** Set once the pool starts closing this browser; resolves when it is gone. */
  closed: Promise<void> | undefined;
  readonly #leases = new Set<AbortController>();
  readonly #keyed = new Map<string, Promise<BrowserContext>>();
  readonly #keyedLive = new Set<BrowserContext>();
  /** Tabs of kept contexts between two pages (newest last). */
  readonly #idleTabs = new Map<BrowserContext, IdleTab[]>();

  constructor(id: number, marker: string, ready: Promise<Browser>) {
    this.id = id;
    this.marker = marker;
    this.ready = ready;
    ready.catch(() => undefined); // the launch error reaches the acquirers that await `ready`
  }

  /** Launching or running, and not retired: may take a new page. */
  get accepting(): boolean {
    return !this.retired && (this.state === 'launching' || this.state === 'running');
  }

  hasContext(key: string): boolean {
    return this.#keyed.has(key);
  }

  /** The context kept for `key`, created on first use (concurrent first uses share one creation). */
  keyedContext(key: string, create: () => Promise<BrowserContext>): Promise<BrowserContext> {
    let pending = this.#keyed.get(key);
    if (!pending) {
      const created = create();
      pending = created;
      this.#keyed.set(key, created);
      created.then(
        (ctx) => this.#keyedLive.add(ctx),
        () => {
          if (this.#keyed.get(key) === created) this.#keyed.delete(key);
        },
      );
    }
    return pending;
  }

  /** Forgets the context of `key` (its next use starts a fresh one). */
  async dropContext(key: string, context: BrowserContext): Promise<void> {
    const pending = this.#keyed.get(key);
    if (pending && (await pending.catch(() => undefined)) === context) this.#keyed.delete(key);
    this.#keyedLive.delete(context);
    await this.closeIdleTabs(context);
  }

  /** Keeps a released tab of a kept context for the context's next page, newest last; beyond `max` tabs kept for
   *  the context, the oldest is closed. */
  parkTab(context: BrowserContext, tab: IdleTab, max: number): void {
    const tabs = this.#idleTabs.get(context) ?? [];
    tabs.push(tab);
    this.#idleTabs.set(context, tabs);
    while (tabs.length > max) void closeTab(tabs.shift() as IdleTab);
  }

  /** The context's most recently parked tab, if one is kept. */
  takeTab(context: BrowserContext): IdleTab | undefined {
    const tabs = this.#idleTabs.get(context);
    const tab = tabs?.pop();
    if (tabs && tabs.length === 0) this.#idleTabs.delete(context);
    return tab;
  }

  /** Closes the tabs kept for the context. */
  async closeIdleTabs(context: BrowserContext): Promise<void> {
    const tabs = this.#idleTabs.get(context) ?? [];
    this.#idleTabs.delete(context);
    await Promise.all(tabs.map(closeTab));
  }

  /** Tabs kept between pages, over all contexts. */
  get idleTabCount(): number {
    let n = 0;
    for (const tabs of this.#idleTabs.values()) n += tabs.length;
    return n;
  }

  /** Forgets `key`'s context and closes it when no page of it is open (else its last release closes it). */
  async forgetContext(key: string): Promise<void> {
    const pending = this.#keyed.get(key);
    if (!pending) return;
    this.#keyed.delete(key);
    const context = await pending.catch(() => undefined);
    if (!context) return;
    this.#keyedLive.delete(context);
    await this.closeIdleTabs(context);
    if (context.pages().length === 0) await context.close().catch(() => undefined);
  }

  /** Still the context of some key (not to be closed when one of its pages is released). */
  isKeptContext(context: BrowserContext): boolean {
    return this.#keyedLive.has(context);
  }

  addLease(lease: AbortController): void {
    this.#leases.add(lease);
  }

  removeLease(lease: AbortController): void {
    this.#leases.delete(lease);
  }

  /** Aborts every page still leased from this browser, with `error` as the reason. */
  failLeases(error: ScrapifieError): void {
    for (const lease of this.#leases) lease.abort(error);
    this.#leases.clear();
  }

  clearIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
