import { InvalidInputError, ScrapifieError } from '@scrapifie/recipe';
import type { CDPSession, Page } from 'playwright-core';

export interface ScreencastOptions {
  /** Default "jpeg". */
  format?: 'jpeg' | 'png';
  /** JPEG quality 1..100 (default 60). */
  quality?: number;
  /** Frames are scaled down to fit (default: the viewport size). */
  maxWidth?: number;
  maxHeight?: number;
  /** Send every n-th frame (default 1). */
  everyNthFrame?: number;
}

export interface ScreencastFrameMetadata {
  /** Top offset of the page in the frame, scale factor, device size in CSS pixels, scroll position. */
  offsetTop: number;
  pageScaleFactor: number;
  deviceWidth: number;
  deviceHeight: number;
  scrollOffsetX: number;
  scrollOffsetY: number;
  /** When Chromium captured the frame (seconds since the epoch), when it says. */
  timestamp?: number;
}

export interface ScreencastFrame {
  /** 1, 2, 3, ... in arrival order (gaps: frames replaced by newer ones before anyone read them). */
  seq: number;
  format: 'jpeg' | 'png';
  data: Buffer;
  metadata: ScreencastFrameMetadata;
  /** performance.now() when Node received the frame. */
  receivedAt: number;
}

export interface ScreencastStats {
  frames: number;
  bytes: number;
  /** Frames replaced by a newer one before the consumer read them. */
  dropped: number;
  /** Settle frames (see Screencast) that could not be taken, and why the last one could not. */
  settleFailures?: { count: number; last: string };
}

interface FrameEvent {
  data: string;
  metadata: ScreencastFrameMetadata;
  sessionId: number;
}

/** Frames closer than this make a burst; this long without a frame after one, the settle frame is taken. */
const SETTLE_MS = 120;

function checkInt(name: string, v: number | undefined, min: number, max: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) {
    throw new InvalidInputError('INVALID_INPUT', `screencast option "${name}" must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
}

/**
 * The live view as CDP screencast frames (Page.startScreencast): an async iterable of JPEG (or PNG) frames with
 * their metadata. Every frame is acknowledged on arrival, so Chromium keeps sending; the consumer always gets the
 * newest frame (older unread ones are dropped and counted). Chromium only sends frames when the page changes.
 */
export class Screencast implements AsyncIterable<ScreencastFrame> {
  readonly #cdp: CDPSession;
  readonly #format: 'jpeg' | 'png';
  #latest: ScreencastFrame | undefined;
  #waiters: Array<(f: ScreencastFrame | undefined) => void> = [];
  #ended = false;
  #seq = 0;
  #stats: ScreencastStats = { frames: 0, bytes: 0, dropped: 0 };
  readonly #shot: { quality: number | undefined; maxWidth: number; maxHeight: number };
  /** When the last frame came, and the timer of the settle frame after a burst. */
  #lastAt = Number.NEGATIVE_INFINITY;
  #settle: NodeJS.Timeout | undefined;

  private constructor(cdp: CDPSession, format: 'jpeg' | 'png', shot: { quality: number | undefined; maxWidth: number; maxHeight: number }) {
    this.#cdp = cdp;
    this.#format = format;
    this.#shot = shot;
  }

  static async start(page: Page, opts: ScreencastOptions = {}): Promise<Screencast> {
    checkInt('quality', opts.quality, 1, 100);
    checkInt('maxWidth', opts.maxWidth, 16, 8192);
    checkInt('maxHeight', opts.maxHeight, 16, 8192);
    checkInt('everyNthFrame', opts.everyNthFrame, 1, 60);
    const format = opts.format ?? 'jpeg';
    if (format !== 'jpeg' && format !== 'png') throw new InvalidInputError('INVALID_INPUT', `screencast option "format" must be "jpeg" or "png", got ${String(format)}`);
    const cdp = await page.context().newCDPSession(page);
    const vp = page.viewportSize();
    const size = { maxWidth: opts.maxWidth ?? vp?.width ?? 1280, maxHeight: opts.maxHeight ?? vp?.height ?? 800 };
    const quality = format === 'jpeg' ? (opts.quality ?? 60) : undefined;
    const cast = new Screencast(cdp, format, { quality, ...size });
    cdp.on('Page.screencastFrame', (e: FrameEvent) => cast.#onFrame(e));
    page.once('close', () => cast.#end());
    await cdp.send('Page.startScreencast', { format, ...(quality !== undefined ? { quality } : {}), ...size, everyNthFrame: opts.everyNthFrame ?? 1 });
    return cast;
  }

  #onFrame(e: FrameEvent): void {
    this.#cdp.send('Page.screencastFrameAck', { sessionId: e.sessionId }).catch(() => undefined); // the page may be closing
    if (this.#ended) return;
    // Chromium skips the frames it draws while two are unacknowledged, and does not send them later: after a burst
    // (a scroll, a transition), the page's last state may never come. A quiet moment after a burst takes it.
    const now = performance.now();
    clearTimeout(this.#settle);
    if (now - this.#lastAt < SETTLE_MS) this.#settle = setTimeout(() => void this.#settleFrame(), SETTLE_MS);
    this.#lastAt = now;
    this.#push(Buffer.from(e.data, 'base64'), e.metadata);
  }

  /** The page as it is now, as a frame (a screenshot), when no frame came for a while after a burst. */
  async #settleFrame(): Promise<void> {
    const asked = this.#lastAt;
    try {
      const { cssVisualViewport: v } = (await this.#cdp.send('Page.getLayoutMetrics')) as { cssVisualViewport: { pageX: number; pageY: number; clientWidth: number; clientHeight: number; scale: number } };
      const scale = Math.min(1, this.#shot.maxWidth / v.clientWidth, this.#shot.maxHeight / v.clientHeight);
      const shot = await this.#cdp.send('Page.captureScreenshot', {
        format: this.#format,
        ...(this.#shot.quality !== undefined ? { quality: this.#shot.quality } : {}),
        ...(scale < 1 ? { clip: { x: v.pageX, y: v.pageY, width: v.clientWidth, height: v.clientHeight, scale } } : {}),
      });
      // A frame that came meanwhile is as new: keep it.
      if (this.#ended || this.#lastAt !== asked) return;
      this.#push(Buffer.from(shot.data, 'base64'), {
        offsetTop: 0, pageScaleFactor: v.scale, deviceWidth: v.clientWidth, deviceHeight: v.clientHeight, scrollOffsetX: v.pageX, scrollOffsetY: v.pageY, timestamp: Date.now() / 1000,
      });
    } catch (e) {
      // The page closed or navigated meanwhile (its next frame shows it): counted, with the reason, in the stats.
      this.#stats.settleFailures = { count: (this.#stats.settleFailures?.count ?? 0) + 1, last: e instanceof Error ? e.message : String(e) };
    }
  }

  #push(data: Buffer, metadata: ScreencastFrameMetadata): void {
    const frame: ScreencastFrame = { seq: ++this.#seq, format: this.#format, data, metadata, receivedAt: performance.now() };
    this.#stats.frames++;
    this.#stats.bytes += frame.data.length;
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter(frame);
      return;
    }
    if (this.#latest) this.#stats.dropped++;
    this.#latest = frame;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#settle);
    this.#latest = undefined;
    for (const w of this.#waiters.splice(0)) w(undefined);
  }

  stats(): ScreencastStats {
    return { ...this.#stats };
  }

  /** The next frame (the newest one waiting, or the next to arrive); undefined once stopped. Rejects after
   *  `timeoutMs` without a frame. */
  nextFrame(timeoutMs?: number): Promise<ScreencastFrame | undefined> {
    if (this.#latest) {
      const f = this.#latest;
      this.#latest = undefined;
      return Promise.resolve(f);
    }
    if (this.#ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = (f: ScreencastFrame | undefined): void => {
        if (timer) clearTimeout(timer);
        resolve(f);
      };
      this.#waiters.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          reject(new ScrapifieError('TIMEOUT', `no screencast frame within ${timeoutMs} ms`));
        }, timeoutMs);
      }
    });
  }

  /** Drops the frame waiting unread, if any (so the next frame is one captured after this call). */
  discardPending(): void {
    if (this.#latest) this.#stats.dropped++;
    this.#latest = undefined;
  }

  async stop(): Promise<void> {
    if (this.#ended) return;
    this.#end();
    await this.#cdp.send('Page.stopScreencast').catch(() => undefined);
    await this.#cdp.detach().catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ScreencastFrame> {
    try {
      for (;;) {
        const f = await this.nextFrame();
        if (!f) return;
        yield f;
      }
    } finally {
      await this.stop();
    }
  }
}
