import type { Clock } from '../ports/clock.ts';

/** Lets the crawl loop sleep until something happens (notify) or a deadline passes; a notify with no sleeper is kept for the next wait. */
export class Wakeup {
  private resolve: (() => void) | null = null;
  private pending = false;
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  notify(): void {
    this.pending = true;
    const r = this.resolve;
    this.resolve = null;
    r?.();
  }

  /** Resolves on notify() or after `ms` (Infinity: only on notify). */
  async wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    const woken = new Promise<void>((r) => {
      this.resolve = r;
    });
    if (Number.isFinite(ms)) {
      const timer = new AbortController();
      await Promise.race([woken, this.clock.sleep(Math.max(0, ms), timer.signal)]);
      timer.abort();
    } else {
      await woken;
    }
    // Awake: the caller re-examines everything, so notifications so far are consumed.
    this.resolve = null;
    this.pending = false;
  }
}
