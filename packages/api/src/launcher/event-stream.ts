/**
 * A push source as an async iterable, bounded: when the consumer falls `maxBuffered` items behind,
 * the oldest items that `droppable` allows are dropped (progress ticks), never the rest.
 */
export class PushStream<T> implements AsyncIterable<T> {
  readonly #buffer: T[] = [];
  readonly #maxBuffered: number;
  readonly #droppable: (item: T) => boolean;
  #wake: (() => void) | null = null;
  #ended = false;

  constructor(opts: { maxBuffered?: number; droppable?: (item: T) => boolean } = {}) {
    this.#maxBuffered = opts.maxBuffered ?? 1000;
    this.#droppable = opts.droppable ?? (() => false);
  }

  push(item: T): void {
    if (this.#ended) return;
    this.#buffer.push(item);
    if (this.#buffer.length > this.#maxBuffered) {
      const i = this.#buffer.findIndex(this.#droppable);
      if (i >= 0) this.#buffer.splice(i, 1);
    }
    this.#signal();
  }

  /** No more items: the iterator finishes once the buffer is drained. */
  end(): void {
    this.#ended = true;
    this.#signal();
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const next = this.#buffer.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }
}

/** A run's live events for one subscriber: a bounded stream (progress ticks droppable) that ends when `signal` aborts. */
export function subscribeTo<T extends { type: string }>(subscribers: Set<PushStream<T>> | null, signal: AbortSignal | undefined): PushStream<T> {
  const stream = new PushStream<T>({ droppable: (e) => e.type === 'progress' });
  if (!subscribers || signal?.aborted) {
    stream.end();
    return stream;
  }
  subscribers.add(stream);
  signal?.addEventListener(
    'abort',
    () => {
      subscribers.delete(stream);
      stream.end();
    },
    { once: true },
  );
  return stream;
}

/** Resolves when `done` settles or `signal` aborts, whichever is first. */
export function untilDoneOrAborted(done: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const onAbort = (): void => resolve();
    signal?.addEventListener('abort', onAbort, { once: true });
    void done.then(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
