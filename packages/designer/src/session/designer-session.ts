import type { BrowserPool, PageLease } from '@scrapifie/fetch-browser';
import { InvalidInputError, ScrapifieError } from '@scrapifie/recipe';
import type { Browser, BrowserContext, Frame, Page, Request } from 'playwright-core';
import type { ElementDescriptor, HoverReport, SelectorSpec } from '../page/types.ts';
import { callInPage, type InPageMethod } from './in-page.ts';
import { checkDelta, checkKey, checkPoint, checkSize, checkText, checkUrl } from './input-checks.ts';
import { Screencast, type ScreencastOptions } from './screencast.ts';
import type { DesignerInPage } from '../page/entry.ts';

export type LoadState = 'load' | 'domcontentloaded' | 'networkidle';

export interface DesignerSessionOptions {
  /** The page to open (http or https). */
  url: string;
  /** Where the page comes from: a pool (the server's or the desktop's) or a browser you own. Exactly one. */
  pool?: BrowserPool;
  browser?: Browser;
  /** Pool only: pages with the same key share cookies and storage (a signed-in session). */
  contextKey?: string;
  /** Default 1280x800. */
  viewport?: { width: number; height: number };
  /** Default "load". */
  waitUntil?: LoadState;
  /** Default 30 000 ms. */
  navigationTimeoutMs?: number;
}

/** What happens on the page through the session, seen before it is done (the action recorder listens). */
export type InputEvent =
  | { type: 'click'; x: number; y: number }
  | { type: 'type'; text: string }
  | { type: 'press'; key: string }
  | { type: 'scroll'; dx: number; dy: number }
  | { type: 'select'; x: number; y: number; values: string[] };

export interface InputObserver {
  beforeInput(event: InputEvent): Promise<void>;
}

/**
 * One live page of the designer: the page a user sees in the studio (through `screencast()`), with their input
 * forwarded (click, move, type, press, scroll, select, navigate, back, resize), and the picker installed on demand.
 */
export class DesignerSession {
  readonly page: Page;
  /** Aborts when the page's browser or renderer dies under the session (or the pool closes): end the live view. */
  readonly signal: AbortSignal;
  readonly #release: () => Promise<void>;
  readonly #waitUntil: LoadState;
  readonly #timeoutMs: number;
  #observer: InputObserver | undefined;
  #closed = false;
  /** The pointer move of the last hover: undefined once done, its error if it failed. */
  #pointerMove: Promise<Error | undefined> = Promise.resolve(undefined);

  private constructor(page: Page, release: () => Promise<void>, signal: AbortSignal, opts: DesignerSessionOptions) {
    this.page = page;
    this.signal = signal;
    this.#release = release;
    this.#waitUntil = opts.waitUntil ?? 'load';
    this.#timeoutMs = opts.navigationTimeoutMs ?? 30_000;
  }

  static async open(opts: DesignerSessionOptions): Promise<DesignerSession> {
    const url = checkUrl(opts.url);
    if ((opts.pool === undefined) === (opts.browser === undefined)) {
      throw new InvalidInputError('INVALID_INPUT', 'a designer session needs exactly one of "pool" or "browser"');
    }
    const viewport = opts.viewport ? checkSize(opts.viewport.width, opts.viewport.height) : { width: 1280, height: 800 };
    let page: Page;
    let release: () => Promise<void>;
    let signal: AbortSignal;
    if (opts.pool) {
      const lease: PageLease = await opts.pool.acquirePage(opts.contextKey === undefined ? {} : { contextKey: opts.contextKey });
      [page, signal] = [lease.page, lease.signal];
      release = () => lease.release();
    } else {
      const browser = opts.browser as Browser;
      const context: BrowserContext = await browser.newContext({ viewport });
      page = await context.newPage();
      const gone = new AbortController();
      const onGone = (): void => gone.abort(new ScrapifieError('CONNECTION_ERROR', 'the designer\'s browser went away'));
      browser.once('disconnected', onGone);
      page.once('crash', onGone);
      signal = gone.signal;
      release = async () => {
        browser.off('disconnected', onGone);
        await context.close();
      };
    }
    const session = new DesignerSession(page, release, signal, opts);
    try {
      await page.setViewportSize(viewport);
      await session.navigate(url);
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  get url(): string {
    return this.page.url();
  }

  viewport(): { width: number; height: number } {
    return this.page.viewportSize() ?? { width: 1280, height: 800 };
  }

  /** Calls the in-page picker (installing it when the page has none yet). */
  inPage<M extends InPageMethod>(method: M, ...args: Parameters<DesignerInPage[M]>): Promise<ReturnType<DesignerInPage[M]>> {
    this.#checkOpen();
    return callInPage(this.page, method, ...args);
  }

  /** The action recorder (or nothing): sees every forwarded input before it happens. */
  observe(observer: InputObserver | undefined): void {
    this.#observer = observer;
  }

  // ---- input forwarding ----

  async click(x: number, y: number, opts: { button?: 'left' | 'right' | 'middle'; clickCount?: number } = {}): Promise<void> {
    this.#checkOpen();
    checkPoint('click', x, y, this.viewport());
    await this.#observer?.beforeInput({ type: 'click', x, y });
    await this.#settled(() => this.page.mouse.click(x, y, { button: opts.button ?? 'left', clickCount: opts.clickCount ?? 1 }));
  }

  async move(x: number, y: number): Promise<void> {
    this.#checkOpen();
    checkPoint('move', x, y, this.viewport());
    await this.page.mouse.move(x, y);
  }

  /** Types into whatever has the focus. */
  async type(text: string): Promise<void> {
    this.#checkOpen();
    checkText('type', text);
    await this.#observer?.beforeInput({ type: 'type', text });
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    this.#checkOpen();
    checkKey(key);
    await this.#observer?.beforeInput({ type: 'press', key });
    await this.#settled(() => this.page.keyboard.press(key));
  }

  /** Scrolls by (dx, dy) with the mouse wheel at the point (default: the middle of the viewport). */
  async scroll(dx: number, dy: number, at?: { x: number; y: number }): Promise<void> {
    this.#checkOpen();
    checkDelta('scroll', 'dx', dx);
    checkDelta('scroll', 'dy', dy);
    const vp = this.viewport();
    const point = at ?? { x: Math.floor(vp.width / 2), y: Math.floor(vp.height / 2) };
    checkPoint('scroll', point.x, point.y, vp);
    await this.#observer?.beforeInput({ type: 'scroll', dx, dy });
    await this.page.mouse.move(point.x, point.y);
    await this.page.mouse.wheel(dx, dy);
  }

  /** Chooses options of the <select> at the point (a native drop-down is not drawn in the screencast). */
  async select(x: number, y: number, values: string | string[]): Promise<void> {
    this.#checkOpen();
    checkPoint('select', x, y, this.viewport());
    const list = (Array.isArray(values) ? values : [values]).map((v) => checkText('select', v, 1000));
    const target = await this.inPage('clickTargetAt', x, y);
    if (!target?.isSelect) throw new InvalidInputError('INVALID_INPUT', `select: there is no drop-down (<select>) at (${x}, ${y})`);
    await this.#observer?.beforeInput({ type: 'select', x, y, values: list });
    const handle = target.selector.css !== undefined ? this.page.locator(target.selector.css) : this.page.locator(`xpath=${target.selector.xpath}`);
    await handle.first().selectOption(list);
  }

  async navigate(url: string): Promise<void> {
    this.#checkOpen();
    const href = checkUrl(url);
    await this.page.goto(href, { waitUntil: this.#waitUntil, timeout: this.#timeoutMs }).catch((e: unknown) => {
      throw new ScrapifieError('CONNECTION_ERROR', `could not open ${href}: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`, { cause: e });
    });
  }

  /** Back in the page's history; false when there is nothing to go back to. */
  async back(): Promise<boolean> {
    this.#checkOpen();
    return (await this.page.goBack({ waitUntil: this.#waitUntil, timeout: this.#timeoutMs })) !== null;
  }

  async forward(): Promise<boolean> {
    this.#checkOpen();
    return (await this.page.goForward({ waitUntil: this.#waitUntil, timeout: this.#timeoutMs })) !== null;
  }

  async reload(): Promise<void> {
    this.#checkOpen();
    await this.page.reload({ waitUntil: this.#waitUntil, timeout: this.#timeoutMs });
  }

  async resize(width: number, height: number): Promise<void> {
    this.#checkOpen();
    await this.page.setViewportSize(checkSize(width, height));
  }

  // ---- display and picking ----

  /** The live view as screencast frames (see Screencast). Stop it when the viewer goes away. */
  screencast(opts: ScreencastOptions = {}): Promise<Screencast> {
    this.#checkOpen();
    return Screencast.start(this.page, opts);
  }

  /**
   * Moves the pointer there (the page's own hover effects run) and highlights the element under it. The answer does not
   * wait for the move: a pointer move is handled with the page's next frame, late on a busy page, where the picker's
   * evaluation runs at once. The moves stay in order, one at a time: a hover first waits for the previous hover's move
   * (and fails with it, the page being gone).
   */
  async hover(x: number, y: number): Promise<HoverReport | null> {
    this.#checkOpen();
    checkPoint('move', x, y, this.viewport());
    const previous = await this.#pointerMove;
    if (previous) {
      this.#pointerMove = Promise.resolve(undefined);
      throw previous;
    }
    this.#pointerMove = this.page.mouse.move(x, y).then(() => undefined, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    return this.inPage('hover', x, y);
  }

  /** The element under the point with its page-level selector candidates (nothing is clicked on the page). */
  pick(x: number, y: number): Promise<ElementDescriptor> {
    checkPoint('pick', x, y, this.viewport());
    return this.inPage('describeAt', x, y);
  }

  /** Live match count of a selector the user typed or edited. */
  count(selector: SelectorSpec): Promise<number> {
    return this.inPage('count', selector, null);
  }

  clearHighlights(): Promise<void> {
    return this.inPage('clearHighlights');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#observer = undefined;
    await this.#release().catch(() => undefined); // the browser may already be gone
  }

  get closed(): boolean {
    return this.#closed || this.page.isClosed();
  }

  /**
   * Runs an input; when it starts a navigation of the page (a link, a submitted form), waits until the new page has
   * loaded, so what follows (the next step, the state's URL) sees the page the user sees.
   */
  async #settled(input: () => Promise<void>): Promise<void> {
    const main = this.page.mainFrame();
    let started = false;
    let committed: () => void = () => undefined;
    const navigated = new Promise<void>((resolve) => (committed = resolve));
    const onRequest = (r: Request): void => {
      if (r.isNavigationRequest() && r.frame() === main) started = true;
    };
    const onNavigated = (f: Frame): void => {
      if (f === main) committed();
    };
    this.page.on('request', onRequest);
    this.page.on('framenavigated', onNavigated);
    try {
      await input();
      // A click's submit or link issues its request right away; its event reaches us a little later on a busy machine.
      for (let waited = 0; !started && waited < 300; waited += 25) await new Promise((r) => setTimeout(r, 25));
      if (!started) return;
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([navigated.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), this.#timeoutMs)))]);
      clearTimeout(timer);
      if (done) await this.page.waitForLoadState(this.#waitUntil, { timeout: this.#timeoutMs }).catch(() => undefined); // a slow page is shown as it is
    } finally {
      this.page.off('request', onRequest);
      this.page.off('framenavigated', onNavigated);
    }
  }

  #checkOpen(): void {
    if (this.closed) throw new ScrapifieError('CANCELLED', 'the designer session is closed');
  }
}
