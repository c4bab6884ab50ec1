export interface LoggedRequest {
  path: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
}

/** Hit counts per path and a bounded ring buffer of recent requests. */
export class RequestStats {
  readonly #capacity: number;
  #ring: LoggedRequest[] = [];
  #next = 0;
  #counts = new Map<string, number>();
  #total = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  record(path: string, headers: Record<string, string>): void {
    this.#total++;
    this.#counts.set(path, (this.#counts.get(path) ?? 0) + 1);
    const entry = { path, at: Date.now(), headers };
    if (this.#ring.length < this.#capacity) this.#ring.push(entry);
    else this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  hits(prefix?: string): number {
    if (!prefix) return this.#total;
    let n = 0;
    for (const [path, count] of this.#counts) if (path.startsWith(prefix)) n += count;
    return n;
  }

  /** Oldest first, newest last. */
  log(): LoggedRequest[] {
    if (this.#ring.length < this.#capacity) return [...this.#ring];
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  reset(): void {
    this.#ring = [];
    this.#next = 0;
    this.#counts.clear();
    this.#total = 0;
  }
}
