/** An async iterable fed by push(); progress ticks may be dropped when the reader lags behind. */
export class EventQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #ended = false;
  readonly #droppable: (item: T) => boolean;
  readonly #max: number;

  constructor(droppable: (item: T) => boolean = () => false, max = 1000) {
    this.#droppable = droppable;
    this.#max = max;
  }

  push(item: T): void {
    if (this.#ended) return;
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = undefined;
      w({ value: item, done: false });
      return;
    }
    if (this.#items.length >= this.#max && this.#droppable(item)) return;
    this.#items.push(item);
  }

  end(): void {
    this.#ended = true;
    const w = this.#waiting;
    this.#waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.#items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.#ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.#waiting = resolve));
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
