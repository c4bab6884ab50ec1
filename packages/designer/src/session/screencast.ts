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
}

interface FrameEvent {
  data: string;
  metadata: ScreencastFrameMetadata;
  sessionId: number;
}

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

  private constructor(cdp: CDPSession, format: 'jpeg' | 'png') {
    this.#cdp = cdp;
    this.#format = format;
  }

  static async start(page: Page, opts: ScreencastOptions = {}): Promise<Screencast> {
    checkInt('quality', opts.quality, 1, 100);
    checkInt('maxWidth', opts.maxWidth, 16, 8192);
    checkInt('maxHeight', opts.maxHeight, 16, 8192);
    checkInt('everyNthFrame', opts.everyNthFrame, 1, 60);
    const format = opts.format ?? 'jpeg';
    if (format !== 'jpeg' && format !== 'png') throw new InvalidInputError('INVALID_INPUT', `screencast option "format" must be "jpeg" or "png", got ${String(format)}`);
    const cdp = await page.context().newCDPSession(page);
    const cast = new Screencast(cdp, format);
    cdp.on('Page.screencastFrame', (e: FrameEvent) => cast.#onFrame(e));
    page.once('close', () => cast.#end());
    const vp = page.viewportSize();
    await cdp.send('Page.startScreencast', {
      format,
      ...(format === 'jpeg' ? { quality: opts.quality ?? 60 } : {}),
      maxWidth: opts.maxWidth ?? vp?.width ?? 1280,
      maxHeight: opts.maxHeight ?? vp?.height ?? 800,
      everyNthFrame: opts.everyNthFrame ?? 1,
    });
    return cast;
  }

  #onFrame(e: FrameEvent): void {
    this.#cdp.send('Page.screencastFrameAck', { sessionId: e.sessionId }).catch(() => undefined); // the page may be closing
    if (this.#ended) return;
    const frame: ScreencastFrame = { seq: ++this.#seq, format: this.#format, data: Buffer.from(e.data, 'base64'), metadata: e.metadata, receivedAt: performance.now() };
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
