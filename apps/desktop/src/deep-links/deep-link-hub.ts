import type { DeepLink } from './deep-link.ts';

/**
 * Hands deep links to the renderer: links that arrive before any window listens (the app was
 * started by a link) are kept and delivered first; after that each link goes to every listener.
 */
export class DeepLinkHub {
  private readonly pending: DeepLink[] = [];
  private readonly listeners = new Set<(link: DeepLink) => void>();

  push(link: DeepLink): void {
    if (this.listeners.size === 0) this.pending.push(link);
    for (const l of this.listeners) l(link);
  }

  /** The links, as they come, until `signal` fires. */
  async *links(signal: AbortSignal | undefined): AsyncGenerator<DeepLink> {
    const queue: DeepLink[] = this.pending.splice(0);
    let wake: (() => void) | undefined;
    const listener = (link: DeepLink): void => {
      queue.push(link);
      wake?.();
    };
    const onAbort = (): void => wake?.();
    this.listeners.add(listener);
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      this.listeners.delete(listener);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
